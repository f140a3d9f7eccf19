// The demo organisation. Everything it records lies before the demo clock's start
// (2017-02-20T09:00:00Z), so a newcomer sees a realistic past and a live countdown.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { ensureDefaultCampaign } from "@/lib/campaigns/defaults";
import { seedDemoIntegrations } from "./demo-integrations";
import { seedDemoProbes } from "./demo-probes";
import { seedDemoChecklists } from "./demo-checklists";
import { syncAutomaticItemsOfCampaign } from "@/lib/checklists/automatic";
import { seedDemoLoginHistory } from "./demo-login-history";

export const DEMO_PASSWORD = "readiness-demo";
export const DEMO_CLOCK_START = "2017-02-20T09:00:00Z";

export const DEMO_USERS = [
  // lastSignIn: a realistic past, after each person's last recorded change and before the demo
  // clock; Lena has been quiet for weeks.
  { email: "admin@demo.test", name: "Dana Whitfield", role: "ADMIN", signIn: true, lastSignIn: "2017-02-17T16:42:00Z" },
  { email: "manager@demo.test", name: "Morgan Ellis", role: "MANAGER", signIn: true, lastSignIn: "2017-02-16T08:05:00Z" },
  { email: "member@demo.test", name: "Priya Raman", role: "MEMBER", signIn: true, lastSignIn: "2017-02-17T11:20:00Z" },
  { email: "marco.bianchi@demo.test", name: "Marco Bianchi", role: "MEMBER", signIn: false, lastSignIn: "2017-02-10T14:03:00Z" },
  { email: "sam.okafor@demo.test", name: "Sam Okafor", role: "MEMBER", signIn: false, lastSignIn: "2017-02-08T09:30:00Z" },
  { email: "lena.hoffmann@demo.test", name: "Lena Hoffmann", role: "MEMBER", signIn: false, lastSignIn: "2017-01-26T09:40:00Z" },
] as const;

const at = (iso: string) => new Date(iso);

/** Whether the database already holds anyone: the demo never writes into a database in use. */
export async function databaseHasUsers(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/** Loads the demo organisation; with the demo endpoints' CA, it also probes them for last week's history. */
export async function seedDemo(options: { endpointsCaPem?: string } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The other demo people have accounts too (their history shows them at work), with passwords
  // nobody knows: only the three documented sign-ins work.
  const unknownHash = await hashPassword(randomBytes(24).toString("base64url"));
  const created = at("2016-05-02T08:00:00Z");
  const users: Record<string, string> = {};
  for (const [i, u] of DEMO_USERS.entries()) {
    const createdAt = new Date(created.getTime() + i * 3_600_000);
    const row = await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: u.signIn ? passwordHash : unknownHash,
        createdAt,
        updatedAt: createdAt,
        lastSignInAt: at(u.lastSignIn),
      },
      select: { id: true },
    });
    users[u.email] = row.id;
  }
  const admin = { id: users["admin@demo.test"], label: "admin@demo.test" };
  await db.auditLog.createMany({
    data: DEMO_USERS.slice(1).map((u, i) => ({
      at: new Date(created.getTime() + (i + 1) * 3_600_000),
      actorId: admin.id,
      actorLabel: admin.label,
      action: "user.create",
      entityType: "user",
      entityId: users[u.email],
      summary: `Added ${u.email} as ${u.role.toLowerCase()}`,
      after: { email: u.email, name: u.name, role: u.role },
    })),
  });

  const campaignAt = at("2016-05-03T10:15:00Z");
  const { id: campaignId } = await ensureDefaultCampaign(campaignAt);
  await db.milestoneChange.updateMany({ where: { milestone: { campaignId } }, data: { changedById: admin.id } });
  await db.auditLog.create({
    data: {
      at: campaignAt,
      actorId: admin.id,
      actorLabel: admin.label,
      action: "campaign.create",
      entityType: "campaign",
      entityId: campaignId,
      summary: 'Created campaign "Salesforce TLS 1.0 disablement" (floor TLSv1.1)',
    },
  });

  await seedDemoIntegrations(users, admin);
  await seedDemoChecklists(users, campaignId);
  if (options.endpointsCaPem) {
    await seedDemoProbes(options.endpointsCaPem);
    // "A probe shows the endpoint at the floor" items follow last week's probes, as done by them.
    await db.$transaction((tx) => syncAutomaticItemsOfCampaign(tx, campaignId));
  }
  await seedDemoLoginHistory({ id: admin.id, email: admin.label, name: "Dana Whitfield", role: "ADMIN", via: "session" });
}
