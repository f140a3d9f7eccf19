// The load benchmark's organisation, in SQL: the inventory bench's 10,000 integrations and 50 users,
// an active campaign with six checklist items per category, so every integration has six items,
// API tokens and sessions for the users the clients act as, and what each of them may touch.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { hashSecret } from "../lib/auth/tokens";
import { seed } from "./inventory";

export interface LoadUser {
  id: string;
  role: "ADMIN" | "MEMBER";
  token: string;
  cookie: string;
  /** Integrations this user edits (members: their own), with the version they start at. */
  integrations: { id: string; version: number }[];
  /** Those with an endpoint, to probe. */
  probeable: string[];
  /** The checklist items of `integrations`, with their versions and ticks. */
  items: { id: string; version: number; done: boolean }[];
}

export const ITEMS_PER_INTEGRATION = 6;
/** Rows each user's clients share: few enough that two clients sometimes edit the same one at once. */
const HOT_ROWS = 20;

export async function seedLoad(url: string, rows: number, users: number, secret: string): Promise<LoadUser[]> {
  const { adminId } = await seed(url, rows);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ id: campaignId }] = (
      await client.query<{ id: string }>(
        `INSERT INTO campaigns (name, floor_protocol) VALUES ('Salesforce TLS 1.0 disablement', 'TLSv1.1') RETURNING id::text AS id`,
      )
    ).rows;
    await client.query(`INSERT INTO milestones (campaign_id, name, due_at) VALUES ($1, 'Production cutoff', '2017-03-04T17:30:00Z')`, [campaignId]);
    await client.query(
      `INSERT INTO checklist_templates (campaign_id, category, title, position, created_at, updated_at)
       SELECT $1, c::"IntegrationCategory", 'Step ' || n || ' for ' || c, n, now(), now()
         FROM unnest(enum_range(NULL::"IntegrationCategory")::text[]) c, generate_series(1, ${ITEMS_PER_INTEGRATION}) n`,
      [campaignId],
    );
    await client.query(
      `INSERT INTO checklist_items (template_id, campaign_id, integration_id, created_at, updated_at)
       SELECT t.id, t.campaign_id, i.id, now(), now() FROM integrations i JOIN checklist_templates t ON t.category = i.category`,
    );
    await client.query("ANALYZE");

    // The admin, then members who own integrations. Rows not "not started": a first tick moves
    // those to "in progress", a version change the verification below would have to tell apart.
    const members = (await client.query<{ id: string }>(`SELECT u.id::text AS id FROM users u WHERE u.role = 'MEMBER' AND EXISTS (SELECT 1 FROM integrations i WHERE i.owner_id = u.id AND i.status <> 'not_started' AND i.endpoint_host IS NOT NULL)
        ORDER BY u.email LIMIT $1`, [users - 1])).rows;
    const people: { id: string; role: "ADMIN" | "MEMBER" }[] = [{ id: adminId, role: "ADMIN" }, ...members.map((m) => ({ id: m.id, role: "MEMBER" as const }))];
    const out: LoadUser[] = [];
    for (const person of people) {
      const owned = person.role === "ADMIN" ? "i.owner_id IS NULL" : "i.owner_id = $1::uuid";
      const integrations = (
        await client.query<{ id: string; version: number; probeable: boolean }>(
          `SELECT i.id::text AS id, i.version, i.endpoint_host IS NOT NULL AS probeable FROM integrations i
            WHERE ${owned} AND i.status <> 'not_started' AND ($1::uuid IS NOT NULL) ORDER BY i.endpoint_host IS NULL, i.name LIMIT ${HOT_ROWS}`,
          [person.id],
        )
      ).rows;
      const items = (
        await client.query<{ id: string; version: number; done: boolean }>(
          `SELECT id::text AS id, version, done FROM checklist_items WHERE integration_id = ANY($1::uuid[])`,
          [integrations.map((i) => i.id)],
        )
      ).rows;
      const token = `trb_${randomBytes(24).toString("base64url")}`;
      await client.query("INSERT INTO api_tokens (name, token_hash, prefix, user_id) VALUES ($1, $2, $3, $4)", [`load ${person.id}`, hashSecret(token), token.slice(0, 10), person.id]);
      const cookie = `next-auth.session-token=${await encode({ token: { uid: person.id, sv: 0 }, secret })}`;
      out.push({
        ...person,
        token,
        cookie,
        integrations: integrations.map(({ id, version }) => ({ id, version })),
        probeable: integrations.filter((i) => i.probeable).map((i) => i.id),
        items,
      });
    }
    return out;
  } finally {
    await client.end();
  }
}
