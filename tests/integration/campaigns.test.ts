import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  addMilestone,
  changeMilestoneDate,
  createCampaign,
  getActiveCampaign,
  getCampaign,
  setActiveCampaign,
  updateCampaign,
} from "@/lib/campaigns/service";
import { changeMilestoneInput } from "@/lib/campaigns/schemas";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { PATCH as patchMilestone } from "@/app/api/v1/milestones/[id]/route";
import { GET as getCampaignRoute } from "@/app/api/v1/campaigns/[id]/route";
import { call } from "../support/api";
import { makeCampaign, makeToken, makeUser, unique } from "../support/factories";

describe("campaigns and milestones", () => {
  it("keeps every date change with who, when and why", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const c = await makeCampaign();
    const m = c.milestones[0];
    const moved = await changeMilestoneDate(admin, {
      milestoneId: m.id,
      version: m.version,
      dueAt: new Date("2017-07-22T17:30:00Z"),
      reason: "Vendor extended the deadline",
    });
    expect(moved.dueAt.toISOString()).toBe("2017-07-22T17:30:00.000Z");
    const detail = await getCampaign(admin, c.id);
    const history = detail.milestones[0].changes;
    expect(history[0]).toMatchObject({
      fromAt: new Date("2017-03-04T17:30:00Z"),
      toAt: new Date("2017-07-22T17:30:00Z"),
      reason: "Vendor extended the deadline",
      changedBy: { email: admin.email },
    });
    expect(history).toHaveLength(2);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: m.id, action: "milestone.reschedule" } });
    expect(audit.actorLabel).toBe(admin.email);
  });

  it("requires a reason and a time zone", () => {
    const r = changeMilestoneInput.safeParse({ milestoneId: crypto.randomUUID(), version: 1, dueAt: "2017-07-22 17:30", reason: " " });
    expect(r.success).toBe(false);
    const fields = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields.dueAt).toMatch(/time zone/);
    expect(fields.reason).toMatch(/say why/);
  });

  it("refuses a stale date change with 409 and the current date, over the API too", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const token = await makeToken(admin);
    const c = await makeCampaign();
    const m = c.milestones[0];
    await changeMilestoneDate(admin, { milestoneId: m.id, version: m.version, dueAt: new Date("2017-04-01T00:00:00Z"), reason: "first" });
    await expect(
      changeMilestoneDate(admin, { milestoneId: m.id, version: m.version, dueAt: new Date("2017-05-01T00:00:00Z"), reason: "second" }),
    ).rejects.toBeInstanceOf(ConflictError);
    const res = await call(patchMilestone, {
      method: "PATCH",
      token,
      params: { id: m.id },
      body: { version: m.version, dueAt: "2017-05-01T00:00:00Z", reason: "second" },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.current.dueAt).toBe("2017-04-01T00:00:00.000Z");
    const ok = await call(patchMilestone, {
      method: "PATCH",
      token,
      params: { id: m.id },
      body: { version: m.version + 1, dueAt: "2017-05-01T00:00:00Z", reason: "second" },
    });
    expect(ok.status).toBe(200);
    const read = await call(getCampaignRoute, { token, params: { id: c.id } });
    expect(read.json.milestones[0].changes.map((x: { reason: string }) => x.reason)).toEqual(["second", "first", "Created"]);
  });

  it("creates campaigns, edits them with a version, and switches the active one", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const created = await createCampaign(admin, {
      name: unique("TLS 1.2 floor"),
      description: "",
      floor: "TLSv1.2",
      milestones: [{ name: "Cutoff", dueAt: new Date("2018-06-30T00:00:00Z") }],
      makeActive: true,
    });
    expect((await getActiveCampaign(admin))?.id).toBe(created.id);
    const detail = await getCampaign(admin, created.id);
    expect(detail.floor).toBe("TLSv1.2");
    await updateCampaign(admin, { id: created.id, version: detail.version, floor: "TLSv1.3" });
    await expect(updateCampaign(admin, { id: created.id, version: detail.version, name: "stale" })).rejects.toBeInstanceOf(ConflictError);
    await expect(createCampaign(admin, { name: created.name, description: "", floor: "TLSv1.1", milestones: [{ name: "x", dueAt: new Date() }], makeActive: false })).rejects.toMatchObject({ status: 409, fields: { name: "is already used" } });
    const other = await makeCampaign();
    await setActiveCampaign(admin, other.id);
    expect((await getActiveCampaign(admin))?.id).toBe(other.id);
    await addMilestone(admin, { campaignId: other.id, name: "Sandbox cutoff", dueAt: new Date("2016-06-25T16:30:00Z"), reason: "Added milestone" });
    expect((await getCampaign(admin, other.id)).milestones.map((m) => m.name)).toEqual(["Sandbox cutoff", "Production cutoff"]);
  });

  it("are changed by admins only", async () => {
    const manager = await makeUser({ role: "MANAGER" });
    const c = await makeCampaign();
    await expect(
      changeMilestoneDate(manager, { milestoneId: c.milestones[0].id, version: 1, dueAt: new Date(), reason: "sneaky" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getCampaign(manager, c.id)).id).toBe(c.id);
  });
});
