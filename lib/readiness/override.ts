import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { auditActor, recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { assertCurrentVersion, updateVersioned } from "@/lib/concurrency";
import { displayVersion, fromEnum, toEnum } from "@/lib/tls-probe/versions";
import { readinessContext } from "./context";
import { probeFinding } from "./verdict";

export const overrideInput = z.object({
  ready: z.boolean({ message: "must be true or false" }),
  reason: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  version: z.coerce.number({ message: "is required: send the version you read" }).int().min(1),
}).superRefine((v, ctx) => {
  if (v.ready && v.reason.length < 10) ctx.addIssue({ code: "custom", path: ["reason"], message: "is required: say how readiness was verified (at least 10 characters)" });
});
export type OverrideInput = z.infer<typeof overrideInput>;

/** An integration's columns with no declaration of readiness (withdrawn, or cleared by a change of endpoint). */
export const NO_DECLARATION = { overrideReady: false, overrideReason: null, overrideById: null, overrideAt: null, overrideFloor: null } as const;

/**
 * An admin declares an integration ready without a probe proving it (a browser fleet checked by
 * hand, a vendor's written confirmation), or withdraws that. The reason is kept and shown.
 */
export async function setOverride(actor: Actor, id: string, input: OverrideInput) {
  assertCan(actor, "readiness.override");
  return db.$transaction(async (tx) => {
    const read = () => tx.integration.findUnique({ where: { id }, select: { name: true, version: true, overrideReady: true, overrideReason: true } });
    const before = await read();
    if (!before) throw new NotFoundError("Integration");
    assertCurrentVersion(before, input.version, "this integration");
    const { floor } = await readinessContext(actor);
    if (input.ready) {
      const latest = await tx.integration.findUnique({ where: { id }, select: { latestProbe: { select: { errorKind: true, handshakeVersion: true, certProblem: true } } } });
      const probe = latest?.latestProbe;
      const version = probe?.handshakeVersion ? fromEnum(probe.handshakeVersion) : null;
      // The verdict's own rule: a declaration never stands against a probe that shows the endpoint below the floor.
      if (probe && probeFinding({ ...probe, handshakeVersion: version }, floor) === "below_floor") {
        throw new ValidationError(
          `Its latest probe shows ${version ? displayVersion(version) : "no completed handshake"}, below the ${displayVersion(floor)} floor: a declaration cannot outweigh that. Fix the endpoint and probe it again.`,
          { reason: "contradicted by the latest probe" },
        );
      }
    }
    const data = input.ready
      ? { overrideReady: true, overrideReason: input.reason, overrideById: actor.id, overrideAt: now(), overrideFloor: toEnum(floor) }
      : NO_DECLARATION;
    await updateVersioned(tx.integration, { where: { id }, expected: input.version, data: { ...data, updatedAt: now() }, what: "this integration", current: read });
    const after = await tx.integration.findUniqueOrThrow({ where: { id }, select: { version: true } });
    await recordAudit(tx, auditActor(actor), {
      action: input.ready ? "integration.override" : "integration.override_cleared",
      entityType: "integration",
      entityId: id,
      summary: input.ready ? `Declared ${before.name} ready for ${displayVersion(floor)}: ${input.reason}` : `Withdrew the declaration that ${before.name} is ready`,
      before: { overrideReady: before.overrideReady, overrideReason: before.overrideReason },
      after: { overrideReady: input.ready, overrideReason: input.ready ? input.reason : null },
    });
    return after;
  });
}
