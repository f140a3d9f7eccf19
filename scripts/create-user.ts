// `npm run user:create -- --email you@example.com --name "Your Name" [--role ADMIN|MANAGER|MEMBER] [--invite]`
// Creates a user directly in DATABASE_URL: how the first admin of a new installation is made.
// Prints a one-time password (or, with --invite, a set-up link path) once.
import "./lib/load-env";
import { parseArgs } from "node:util";
import { createUserInput } from "@/lib/users/schemas";
import { ensurePrismaClient } from "./lib/database";

function fail(message: string): never {
  console.error(`${message}\nUsage: npm run user:create -- --email EMAIL --name NAME [--role ADMIN|MANAGER|MEMBER] [--invite]`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "ADMIN" }, invite: { type: "boolean", default: false } } }));
} catch (err) {
  fail((err as Error).message);
}
if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set.");
const input = createUserInput.safeParse({ email: values.email, name: values.name, role: values.role?.toUpperCase(), credential: values.invite ? "invite" : "password" });
if (!input.success) fail(input.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));

await ensurePrismaClient(); // generated code, git-ignored: a fresh checkout has none yet
const { db } = await import("@/lib/db");
const { createUser } = await import("@/lib/users/service");
const { SYSTEM_ACTOR } = await import("@/lib/auth/system-actor");
try {
  const created = await createUser(SYSTEM_ACTOR, input.data);
  console.log(`Created ${created.user.email} (${created.user.role.toLowerCase()}).`);
  if (created.oneTimePassword) console.log(`One-time password (shown once; they choose their own after signing in): ${created.oneTimePassword}`);
  if (created.inviteToken) console.log(`Set-up link (shown once, valid 7 days): <your board's URL>/invite/${created.inviteToken}`);
} catch (err) {
  fail((err as Error).message);
} finally {
  await db.$disconnect();
}
