// The probe CLI: `npm run --silent probe -- <host>[:<port>] [options]`, or `--file FILE` for many.
// Exit status: 0 when every target was probed (whatever it supports), 2 on bad arguments,
// 1 on an unexpected internal failure.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  formatProbeReport,
  probeResultJson,
  isTlsVersionName,
  parseAllowedRanges,
  parsePemBundle,
  parseTargetLine,
  parseTargetSpec,
  PRIVATE_DEFAULTS,
  probeMany,
  probeTarget,
  TLS_VERSIONS,
  validateSniName,
  DEFAULT_CONCURRENCY,
  DEFAULT_FLOOR,
  DEFAULT_SMTP_PORT,
  MAX_TIMEOUT_MS,
  type ProbeOptions,
  type ProbeResult,
  type ProbeTarget,
} from "../lib/tls-probe/index";

const USAGE = `Usage:
  npm run --silent probe -- <host>[:<port>] [options]
  npm run --silent probe -- --file FILE [options]

Probes which of TLS 1.0, 1.1, 1.2 and 1.3 an endpoint accepts, with real handshakes, and reports
its certificate and whether it meets the floor.

Target:  host, host:port, [IPv6]:port (default port 443; 25 with --starttls smtp)
Options:
  --sni NAME          SNI name to send (default: the host name; none for an IP address)
  --starttls smtp     speak SMTP and STARTTLS before TLS
  --timeout MS        one deadline for the whole probe of a target (default 5000)
  --floor VERSION     ${TLS_VERSIONS.join(" | ")} (default ${DEFAULT_FLOOR})
  --ca BUNDLE.pem     extra CA certificates to trust
  --allow-private     allow loopback and private ranges (${PRIVATE_DEFAULTS.join(", ")})
                      PROBE_ALLOWED_RANGES=cidr,cidr adds ranges too
  --json              print the result as JSON instead of a table
  --file FILE         one target per line: host[:port] [sni=NAME] [starttls=smtp]
                      (# comments and blank lines ignored); prints JSON lines as each finishes
  --concurrency N     targets in flight with --file (default 32, shared by all processes)
  --processes N       processes to spread a --file run over (default 1; handshakes are
                      CPU-bound, so more processes help on machines with spare cores)
  --method M          auto (default: hellos + confirming handshake) | handshake (real handshake per version)
  --help              this text
`;

class UsageError extends Error {}

function positiveInt(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  if (Number(value) > max) throw new UsageError(`${flag} must be at most ${max}, not ${value}`);
  return Number(value);
}

function readTargetsFile(path: string): ProbeTarget[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`--file ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const targets: ProbeTarget[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    try {
      const t = parseTargetLine(line);
      if (t) targets.push(t);
    } catch (err) {
      throw new UsageError(`--file ${path}, line ${i + 1}: ${(err as Error).message}`);
    }
  });
  return targets;
}

function parseCli(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        sni: { type: "string" },
        starttls: { type: "string" },
        timeout: { type: "string" },
        floor: { type: "string" },
        ca: { type: "string" },
        "allow-private": { type: "boolean" },
        json: { type: "boolean" },
        file: { type: "string" },
        concurrency: { type: "string" },
        method: { type: "string" },
        processes: { type: "string" },
        // Internal: "k/n" makes this process probe every n-th target from the k-th (see runFile).
        shard: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { help: true as const };

  if (v.starttls !== undefined && v.starttls !== "smtp" && v.starttls !== "none") {
    throw new UsageError(`--starttls must be "smtp", not "${v.starttls}"`);
  }
  if (v.floor !== undefined && !isTlsVersionName(v.floor)) {
    throw new UsageError(`--floor must be one of ${TLS_VERSIONS.join(", ")}, not "${v.floor}"`);
  }
  if (v.method !== undefined && v.method !== "auto" && v.method !== "handshake") {
    throw new UsageError(`--method must be "auto" or "handshake", not "${v.method}"`);
  }
  const timeoutMs = positiveInt(v.timeout, "--timeout", MAX_TIMEOUT_MS);
  const concurrency = positiveInt(v.concurrency, "--concurrency", 10_000);
  const processes = positiveInt(v.processes, "--processes", 64);
  let shard: { index: number; count: number } | undefined;
  if (v.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(v.shard);
    if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard must be k/n with k < n, not "${v.shard}"`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }

  const allowedRanges = v["allow-private"] ? [...PRIVATE_DEFAULTS] : [];
  const fromEnv = (process.env.PROBE_ALLOWED_RANGES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  try {
    parseAllowedRanges(fromEnv);
  } catch (err) {
    throw new UsageError(`PROBE_ALLOWED_RANGES: ${(err as Error).message}`);
  }
  allowedRanges.push(...fromEnv);

  let caBundle: string | undefined;
  if (v.ca !== undefined) {
    try {
      caBundle = readFileSync(v.ca, "utf8");
      parsePemBundle(caBundle);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new UsageError(`--ca ${v.ca}: ${e.code ? `cannot read it (${e.code})` : e.message}`);
    }
  }
  const opts: ProbeOptions & { concurrency?: number } = {
    policy: { allowedRanges },
    timeoutMs,
    floor: v.floor as ProbeOptions["floor"],
    caBundle,
    method: v.method as ProbeOptions["method"],
    concurrency,
  };

  if (v.file !== undefined) {
    if (positionals.length > 0) throw new UsageError(`give either a target or --file, not both (got "${positionals[0]}")`);
    if (v.sni !== undefined || v.starttls !== undefined) {
      throw new UsageError("--sni and --starttls apply to one target; in --file write sni=NAME or starttls=smtp on the line");
    }
    // What a shard process needs to repeat this run on its share of the file.
    const childArgs = ["--file", v.file, ...(v["allow-private"] ? ["--allow-private"] : [])];
    for (const flag of ["timeout", "floor", "ca", "method"] as const) if (v[flag] !== undefined) childArgs.push(`--${flag}`, v[flag]);
    return { help: false as const, mode: "file" as const, targets: readTargetsFile(v.file), opts, processes, shard, childArgs };
  }
  if (positionals.length === 0) throw new UsageError("no target given");
  if (positionals.length > 1) throw new UsageError(`one target at a time (got "${positionals.join('", "')}"); use --file for many`);
  if (concurrency !== undefined || processes !== undefined) throw new UsageError("--concurrency and --processes only apply with --file");
  const starttls = (v.starttls ?? "none") as "none" | "smtp";
  let target: ProbeTarget;
  try {
    target = { ...parseTargetSpec(positionals[0], starttls === "smtp" ? DEFAULT_SMTP_PORT : undefined), starttls };
    if (v.sni !== undefined) target.sni = validateSniName(v.sni);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { help: false as const, mode: "single" as const, target, json: Boolean(v.json), opts };
}

// `probe --file big.txt | head` closes our stdout early: that is the reader's choice, not a crash.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

/** One JSON object per line, one write per line: lines stay whole however many probes finish at once. */
const writeLine = (r: ProbeResult) => process.stdout.write(`${JSON.stringify(probeResultJson(r))}\n`);

/** Runs `--shard k/n` of the same file in a child process, relaying its complete lines. */
function runShard(childArgs: string[], index: number, count: number, concurrency: number): Promise<number | null> {
  return new Promise((resolve) => {
    const args = [...process.execArgv, process.argv[1], ...childArgs, "--concurrency", String(concurrency), "--shard", `${index}/${count}`];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end >= 0) {
        process.stdout.write(pending.slice(0, end + 1));
        pending = pending.slice(end + 1);
      }
    });
    child.on("error", () => resolve(null));
    child.on("close", (code) => resolve(code));
  });
}

/**
 * A TLS handshake costs about a millisecond of CPU in Node, so one process tops out near a
 * thousand handshakes a second. With --processes N a file is spread over N processes, each probing
 * every n-th target with its share of the concurrency (the total in flight stays within --concurrency).
 */
async function runFile(cli: Extract<ReturnType<typeof parseCli>, { mode: "file" }>): Promise<number> {
  const concurrency = cli.opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (cli.shard) {
    const { index, count } = cli.shard;
    await probeMany(cli.targets.filter((_, i) => i % count === index), cli.opts, writeLine);
    return 0;
  }
  // Not automatic: on a two-core machine that also runs the servers (the benchmark), a second
  // process costs more in start-up than it wins; on a big machine probing remote hosts it pays.
  const count = Math.max(1, Math.min(cli.processes ?? 1, concurrency, cli.targets.length));
  if (count === 1) {
    await probeMany(cli.targets, cli.opts, writeLine);
    return 0;
  }
  const share = Math.floor(concurrency / count);
  const children = Array.from({ length: count - 1 }, (_, k) => runShard(cli.childArgs, k + 1, count, share));
  const own = probeMany(cli.targets.filter((_, i) => i % count === 0), { ...cli.opts, concurrency: share }, writeLine);
  const [, ...codes] = await Promise.all([own, ...children]);
  if (codes.some((c) => c !== 0)) {
    process.stderr.write(`probe: a --file worker process failed (exit codes ${codes.join(", ")})\n`);
    return 1;
  }
  return 0;
}

async function main(): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`probe: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (cli.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cli.mode === "file") return runFile(cli);
  const result = await probeTarget(cli.target, cli.opts);
  process.stdout.write(cli.json ? `${JSON.stringify(probeResultJson(result), null, 2)}\n` : formatProbeReport(result));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`probe: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
