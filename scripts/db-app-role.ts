// `npm run db:app-role -- --role trb_app`: creates (or updates) the role the app and workers run
// as, connected as the owner of the tables (DATABASE_URL, the role `npm run migrate` uses). Run it
// again after migrations that add tables outside the default grants. Prints the URL to give the
// app: the same server and database, as the new role.
//
//   npm run db:app-role -- --role trb_app [--password-env APP_DB_PASSWORD]
import "./lib/load-env";
import { randomBytes } from "node:crypto";
import { APP_ROLE_NAME, setUpAppRole } from "./lib/app-role";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run db:app-role -- --role <name> [--password-env <VARIABLE>]`);
  process.exit(2);
}

const args = process.argv.slice(2).filter((a) => a !== "--");
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? usage(`${name} needs a value.`)) : undefined;
};
const role = option("--role") ?? usage("Say which role to set up.");
if (!APP_ROLE_NAME.test(role)) usage(`"${role}" is not a plain role name: lowercase letters, digits and _.`);
const ownerUrl = process.env.DATABASE_URL ?? usage("DATABASE_URL is not set: give the owner's postgresql:// URL (the one npm run migrate uses).");
const passwordEnv = option("--password-env");
// A password passed on the command line would sit in the shell's history: take it from a variable, or make one.
const password = passwordEnv ? (process.env[passwordEnv] ?? usage(`${passwordEnv} is not set.`)) : randomBytes(24).toString("base64url");

try {
  await setUpAppRole(ownerUrl, role, password);
} catch (err) {
  console.error(`Could not set up the role ${role}: ${(err as Error).message}`);
  process.exit(1);
}
const appUrl = new URL(ownerUrl);
appUrl.username = role;
appUrl.password = passwordEnv ? `<${passwordEnv}>` : password;
console.log(`The role ${role} is ready: it reads and writes rows, owns nothing but the queue, and may only append to the audit log.`);
console.log(`Give npm start and npm run worker this DATABASE_URL (keep running npm run migrate as the owner):\n  ${appUrl.toString()}`);
