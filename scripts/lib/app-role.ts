// Sets up the database role the app runs as, separate from the role that owns the tables (and
// runs the migrations). The app role reads and writes rows; it cannot alter, drop or disable
// anything, so a compromised app cannot remove the audit log's append-only trigger, and it may
// only append to the audit log. The queue's schema (pgboss) is its own: pg-boss creates a table
// per queue as it runs. See README ("A database role for the app").
import pg from "pg";

export const APP_ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The statements, in order; `role` is checked against APP_ROLE_NAME before it gets here. */
export function appRoleStatements(role: string, database: string, password: string | null): string[] {
  const ident = pg.Client.prototype.escapeIdentifier;
  const literal = pg.Client.prototype.escapeLiteral;
  const r = ident(role);
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN CREATE ROLE ${r} LOGIN; END IF;
     END $$`,
    `ALTER ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password ? ` PASSWORD ${literal(password)}` : ""}`,
    // Whoever runs this (the owner) must be able to hand the queue's objects over to the role.
    `DO $$ BEGIN
       IF NOT pg_has_role(current_user, ${literal(role)}, 'MEMBER') THEN EXECUTE 'GRANT ${r.replace(/'/g, "''")} TO ' || quote_ident(current_user); END IF;
     END $$`,
    `GRANT CONNECT ON DATABASE ${ident(database)} TO ${r}`,
    // Nobody but the owner creates objects in the app's schema (before Postgres 15 everyone could).
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // Evidence and history: the audit log is appended to, never changed; the migrations are the owner's.
    `REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _prisma_migrations FROM ${r}`,
    // Tables the owner's later migrations create are usable at once.
    `ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    // The queue: its schema and everything in it belong to the app role.
    `CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION ${r}`,
    `ALTER SCHEMA pgboss OWNER TO ${r}`,
    `DO $$ DECLARE o record; BEGIN
       FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition LOOP
         EXECUTE format('ALTER TABLE pgboss.%I OWNER TO %I', o.relname, ${literal(role)});
       END LOOP;
       FOR o IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'pgboss' AND c.relispartition LOOP
         EXECUTE format('ALTER TABLE pgboss.%I OWNER TO %I', o.relname, ${literal(role)});
       END LOOP;
       FOR o IN SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgboss' LOOP
         EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.sig, ${literal(role)});
       END LOOP;
       FOR o IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'pgboss' AND t.typtype = 'e' LOOP
         EXECUTE format('ALTER TYPE pgboss.%I OWNER TO %I', o.typname, ${literal(role)});
       END LOOP;
     END $$`,
  ];
}

/** Applies the statements in one transaction, connected as the owner (`ownerUrl`). */
export async function setUpAppRole(ownerUrl: string, role: string, password: string | null): Promise<void> {
  if (!APP_ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain role name: use lowercase letters, digits and _`);
  const database = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const sql of appRoleStatements(role, database, password)) await client.query(sql);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
