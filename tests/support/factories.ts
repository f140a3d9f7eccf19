// Factories make unique rows, so tests never depend on each other's data.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/auth/tokens";
import type { Actor, Role } from "@/lib/auth/permissions";

let counter = 0;
export function unique(prefix = "x"): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString("hex")}`;
}

export const TEST_PASSWORD = "correct-horse-battery";
let passwordHash: Promise<string> | null = null;

export interface TestUser extends Actor {
  version: number;
}

export async function makeUser(opts: { role?: Role; disabled?: boolean; name?: string; withPassword?: boolean } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = `${unique("user")}@example.test`;
  const user = await db.user.create({
    data: {
      email,
      name: opts.name ?? `Test ${email.split("@")[0]}`,
      role: opts.role ?? "MEMBER",
      disabled: opts.disabled ?? false,
      passwordHash: opts.withPassword === false ? null : await passwordHash,
    },
    select: { id: true, email: true, name: true, role: true, version: true },
  });
  return { ...user, via: "session" };
}

/** An API token for any user (the UI only lets admins create them; tests need one per role). */
export async function makeToken(user: { id: string }): Promise<string> {
  const secret = `trb_${randomBytes(24).toString("base64url")}`;
  await db.apiToken.create({ data: { name: unique("token"), tokenHash: hashSecret(secret), prefix: secret.slice(0, 10), userId: user.id } });
  return secret;
}

export async function makeCampaign(opts: { floor?: "TLSv1_1" | "TLSv1_2"; dueAt?: Date } = {}) {
  return db.campaign.create({
    data: {
      name: unique("campaign"),
      floor: opts.floor ?? "TLSv1_1",
      milestones: { create: { name: "Production cutoff", dueAt: opts.dueAt ?? new Date("2017-03-04T17:30:00Z"), changes: { create: { toAt: opts.dueAt ?? new Date("2017-03-04T17:30:00Z"), reason: "Created", changedAt: new Date() } } } },
    },
    select: { id: true, name: true, version: true, milestones: { select: { id: true, version: true, dueAt: true } } },
  });
}

export async function makeIntegration(
  data: Partial<{
    name: string;
    category: "browser" | "microsoft_email" | "api" | "appexchange" | "support_portal" | "outbound_callout" | "email_relay";
    ownerId: string | null;
    vendor: string;
    endpointHost: string | null;
    endpointPort: number | null;
    sni: string | null;
    starttls: "none" | "smtp";
    status: "not_started" | "in_progress" | "blocked" | "retired";
    notes: string;
    updatedAt: Date;
  }> = {},
) {
  return db.integration.create({
    data: { name: unique("integration"), category: "api", ...data, endpointPort: data.endpointPort ?? (data.endpointHost ? 443 : null) },
  });
}
