// `npm run probe`: runs the probe CLI (scripts/probe.ts and lib/tls-probe/) from a JavaScript bundle
// built once per change of those sources. Compiling the TypeScript on every start (tsx) costs
// about 400 ms, more than a hundred probes; with the bundle a run starts in about 0.2 s, which also
// makes `--processes N` (one start-up per process) worth it. Plain JavaScript, so nothing here
// needs compiling itself.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "scripts", "probe.ts");

function sourceFiles() {
  const dir = path.join(root, "lib", "tls-probe");
  const files = fs
    .readdirSync(dir, { recursive: true })
    // lib/tls-probe/testing/ (test servers and certificates) is not part of the CLI.
    .filter((f) => typeof f === "string" && f.endsWith(".ts") && !f.startsWith(`testing${path.sep}`))
    .map((f) => path.join(dir, f));
  return [entry, ...files].sort();
}

/** A digest of everything the bundle is made of: any edit gives a new bundle. */
function digest() {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) hash.update(file).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * The project's .cache/ when it is writable, else a folder of this user's own in the system's
 * temporary folder (one another user made first is not used: its code would run as us).
 */
function cacheDir() {
  const uid = process.getuid?.() ?? 0;
  for (const dir of [path.join(root, ".cache", "probe-cli"), path.join(os.tmpdir(), `tls-readiness-probe-cli-${uid}`)]) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fs.accessSync(dir, fs.constants.W_OK);
      if (process.getuid && fs.statSync(dir).uid !== uid) continue;
      return dir;
    } catch {
      // try the next one
    }
  }
  return null;
}

async function bundle() {
  const dir = cacheDir();
  if (!dir) return null;
  const out = path.join(dir, `probe-${digest()}.mjs`);
  if (fs.existsSync(out)) return out;
  const { build } = await import("esbuild");
  // Written aside and renamed: shard processes starting together never read a half-written file.
  const tmp = `${out}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The CLI uses Node's built-ins only; a package import would fail the build here, loudly.
    logLevel: "silent",
  });
  fs.renameSync(tmp, out);
  // Older bundles go; another process's bundle still being written (.tmp) is left alone.
  for (const old of fs.readdirSync(dir)) if (old !== path.basename(out) && old.startsWith("probe-") && old.endsWith(".mjs")) fs.rmSync(path.join(dir, old), { force: true });
  return out;
}

let target = null;
try {
  target = await bundle();
} catch (err) {
  process.stderr.write(`probe: could not prepare the fast start-up (${err.message.split("\n")[0]}); running from source\n`);
}
if (target) {
  // The CLI starts its --processes children with process.argv[1]: this launcher.
  await import(pathToFileURL(target).href);
} else {
  await import("tsx/esm");
  await import(pathToFileURL(entry).href);
}
