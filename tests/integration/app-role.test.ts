// The app running as a role that does not own the tables (npm run db:app-role): it can do its
// work, queue included, and it cannot change, empty, disable or drop the audit log.
import { randomBytes } from "node:crypto";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { setUpAppRole } from "@/scripts/lib/app-role";
import { withClient } from "@/scripts/lib/database";
import { adminQuery } from "../support/databases";

// Roles belong to the whole server, which other test runs share: a name of this run's own.
const role = `trb_app_${randomBytes(4).toString("hex")}`;
const password = randomBytes(18).toString("base64url");
const ownerUrl = process.env.DATABASE_URL!;
const appUrl = (() => {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = password;
  return u.toString();
})();

const as = withClient;

afterAll(async () => {
  await as(ownerUrl, (c) => c.query(`DROP OWNED BY ${role}`)).catch(() => undefined);
  await adminQuery(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
});

describe("a database role for the app", () => {
  it("takes over a queue the owner started, and can do the app's work", async () => {
    // Installed earlier as the owner: pg-boss's schema exists and belongs to the owner.
    const ownerBoss = new PgBoss({ connectionString: ownerUrl, supervise: false, schedule: false });
    await ownerBoss.start();
    await ownerBoss.createQueue("before");
    await ownerBoss.stop({ graceful: false, wait: true });

    await setUpAppRole(ownerUrl, role, password);
    await setUpAppRole(ownerUrl, role, password); // again, as after a later migration: no harm

    await as(appUrl, async (c) => {
      const [user] = (await c.query(`INSERT INTO users (email, name, role, updated_at) VALUES ($1, 'App Role', 'MEMBER', now()) RETURNING id`, [`${role}@example.test`])).rows;
      await c.query(`UPDATE users SET name = 'Renamed' WHERE id = $1`, [user.id]);
      await c.query(`INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id) VALUES (now(), 'test', 'user.update', 'user', $1)`, [user.id]);
      expect((await c.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [user.id])).rows[0].n).toBe(1);
      await c.query(`DELETE FROM sign_in_failures WHERE at < now() - interval '1 day'`);
    });

    // The queue works as the app role, including a queue it creates now (pg-boss makes a table for it).
    const boss = new PgBoss({ connectionString: appUrl, supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue("after");
    const id = await boss.send("after", { hello: "world" });
    const [job] = await boss.fetch("after");
    expect(job.id).toBe(id);
    await boss.complete("after", job.id);
    await boss.send("before", {});
    await boss.stop({ graceful: false, wait: true });
  }, 60_000);

  it("cannot change, empty, disable or drop the audit log", async () => {
    await as(appUrl, async (c) => {
      for (const [sql, refusal] of [
        ["UPDATE audit_log SET summary = 'forged'", /permission denied for table audit_log/],
        ["DELETE FROM audit_log", /permission denied for table audit_log/],
        ["TRUNCATE audit_log", /permission denied for table audit_log/],
        ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete", /must be owner of table audit_log/],
        ["DROP TRIGGER audit_log_no_update_delete ON audit_log", /must be owner of (table|relation) audit_log/],
        ["DROP TABLE audit_log", /must be owner of table audit_log/],
        ["CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$", /must be owner of function audit_log_is_append_only|permission denied for schema public/],
        ["CREATE TABLE public.sneaky (id int)", /permission denied for schema public/],
        ["DELETE FROM _prisma_migrations", /permission denied for table _prisma_migrations/],
      ] as const) {
        await expect(c.query(sql), sql).rejects.toThrow(refusal);
      }
    });
    // And the trigger is still there.
    const triggers = await as(ownerUrl, (c) => c.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal ORDER BY tgname`));
    expect(triggers.rows.map((r) => r.tgname)).toEqual(["audit_log_no_truncate", "audit_log_no_update_delete"]);
  });

  it("gets the owner's later tables without running the script again", async () => {
    await as(ownerUrl, (c) => c.query(`CREATE TABLE later_feature (id serial PRIMARY KEY, note text)`));
    await as(appUrl, async (c) => {
      await c.query(`INSERT INTO later_feature (note) VALUES ('works')`);
      expect((await c.query(`SELECT note FROM later_feature`)).rows).toEqual([{ note: "works" }]);
    });
  });
});
