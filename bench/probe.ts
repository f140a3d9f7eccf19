// Probe throughput: 1,000 targets over a few loopback TLS servers (each TLS 1.0-1.3), probed by
// the real CLI (--file, JSON lines), beside two baselines on the same targets in the same run:
// bare Node tls.connect handshakes (one per version per target, same concurrency) and sslscan.
// It also checks that the probe reports the same protocol sets as sslscan, target by target.
//
//   npx tsx bench/probe.ts [--targets 1000] [--servers 6] [--repetitions 3] [--concurrency 32]
//
// The servers run in this process; every client (the CLI, the tls.connect baseline, sslscan) is
// its own process, so each competes for the same two cores in the same way.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { startBenchEndpoints } from "../lib/tls-probe/testing/endpoints";
import { bareHandshakes, setsFromProbe, setsFromSslscan, SSLSCAN, SSLSCAN_FLAGS, sslscanAvailable, VERSIONS } from "./probe-baselines";
import { median } from "./stats";

const root = path.resolve(import.meta.dirname, "..");

export interface ProbeBenchOptions {
  targets?: number;
  servers?: number;
  repetitions?: number;
  concurrency?: number;
  /** Called with each line as soon as it is known (the returned `lines` hold them all too). */
  log?: (line: string) => void;
}


interface Run {
  ms: number;
  /** CPU of the contestant's process tree (user + sys), when /usr/bin/time is there to measure it. */
  clientCpuMs: number | null;
  /** CPU this process (the servers) spent while the contestant ran. */
  serverCpuMs: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

const TIME = "/usr/bin/time";

function run(cmd: string, args: string[]): Promise<Run> {
  const timed = existsSync(TIME);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const child = timed ? spawn(TIME, ["-f", "@cpu %U %S", cmd, ...args], { cwd: root }) : spawn(cmd, args, { cwd: root });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpu0);
      const m = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      resolve({
        ms,
        clientCpuMs: m ? Math.round((Number(m[1]) + Number(m[2])) * 1000) : null,
        serverCpuMs: Math.round((cpu.user + cpu.system) / 1000),
        stdout: Buffer.concat(out).toString(),
        stderr: stderr.replace(/@cpu .*\s*$/, ""),
        code: m && code === 0 ? 0 : code,
      });
    });
  });
}

export async function runProbeBench(opts: ProbeBenchOptions = {}): Promise<{ lines: string[]; figures: Record<string, number> }> {
  const targets = opts.targets ?? 1000;
  const repetitions = opts.repetitions ?? 3;
  const concurrency = opts.concurrency ?? 32;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    opts.log?.(line);
  };

  const set = await startBenchEndpoints(opts.servers ?? 6);
  const dir = mkdtempSync(path.join(tmpdir(), "probe-bench-"));
  const file = path.join(dir, "targets.txt");
  const order = Array.from({ length: targets }, (_, i) => {
    const t = set.endpoints[i % set.endpoints.length].target;
    return `${t.host}:${t.port}`;
  });
  writeFileSync(file, `${order.join("\n")}\n`);
  const sslscan = sslscanAvailable();
  say(`probe bench: ${targets} targets over ${set.endpoints.length} loopback TLS 1.0-1.3 servers, concurrency ${concurrency}, ${repetitions} repetitions`);
  // Everything here is CPU-bound on both ends: other work on the machine moves the figures.
  say(`machine: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)} at the start`);
  if (!sslscan.ok) say(`sslscan baseline skipped: ${sslscan.why}`);

  const runs: Record<string, Run[]> = {};
  const record = (name: string, r: Run) => (runs[name] ??= []).push(r);
  const cliArgs = ["scripts/probe-cli.mjs"];
  const parallel = availableParallelism();
  let agreement = { same: 0, compared: 0, example: "" };
  let probeProblems = 0;
  let bareFailures = 0;
  try {
    for (let rep = 0; rep < repetitions; rep++) {
      // Interleaved, so that a noisy moment on the machine hits every contestant alike.
      // `npm run probe` runs exactly this command (through npm, which adds its own start-up).
      const probe = await run(process.execPath, [...cliArgs, "--file", file, "--allow-private", "--concurrency", String(concurrency)]);
      if (probe.code !== 0) throw new Error(`the probe CLI exited ${probe.code}: ${probe.stderr}`);
      record("probe", probe);
      const probeSets = setsFromProbe(probe.stdout, order);
      probeProblems = probeSets.filter((s) => s !== VERSIONS.join(",")).length;
      if (parallel > 1) {
        const spread = await run(process.execPath, [...cliArgs, "--file", file, "--allow-private", "--concurrency", String(concurrency), "--processes", String(parallel)]);
        record("probeSpread", spread);
        probeProblems += setsFromProbe(spread.stdout, order).filter((s) => s !== VERSIONS.join(",")).length;
      }
      record("startup", await run(process.execPath, [...cliArgs, "--help"]));

      const bare = await run(process.execPath, ["--import", "tsx", "bench/probe.ts", "--bare-tls", file, "--concurrency", String(concurrency)]);
      record("bare", bare);
      bareFailures = JSON.parse(bare.stdout).failures;

      if (sslscan.ok) {
        const same = await run(SSLSCAN, [...SSLSCAN_FLAGS, "--tlsall", `--targets=${file}`]);
        record("sslscan", same);
        const sslSets = setsFromSslscan(same.stdout);
        const mismatch = probeSets.findIndex((s, i) => s !== sslSets[i]);
        agreement = {
          same: probeSets.filter((s, i) => s === sslSets[i]).length,
          compared: Math.max(sslSets.length, probeSets.length, targets),
          example: mismatch >= 0 ? `${order[mismatch]}: probe ${probeSets[mismatch]} vs sslscan ${sslSets[mismatch] ?? "missing"}` : "",
        };
        record("sslscanAll", await run(SSLSCAN, [...SSLSCAN_FLAGS, `--targets=${file}`]));
      }
    }
  } finally {
    await set.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const wall = (name: string) => median((runs[name] ?? []).map((r) => r.ms));
  const cpuOf = (name: string, key: "clientCpuMs" | "serverCpuMs") => {
    const xs = (runs[name] ?? []).map((r) => r[key]).filter((x): x is number => x !== null);
    return xs.length ? Math.round(median(xs)) : -1;
  };
  const times = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((r) => r.ms)]));
  const figures: Record<string, number> = {
    targets,
    concurrency,
    probe_ms: Math.round(wall("probe")),
    probe_targets_per_s: Math.round(targets / (wall("probe") / 1000)),
    probe_client_cpu_ms: cpuOf("probe", "clientCpuMs"),
    probe_server_cpu_ms: cpuOf("probe", "serverCpuMs"),
    cli_startup_ms: Math.round(wall("startup")),
    bare_tls_ms: Math.round(wall("bare")),
    bare_tls_handshakes_per_s: Math.round((targets * VERSIONS.length) / (wall("bare") / 1000)),
    ratio_probe_to_bare_tls: Number((wall("probe") / wall("bare")).toFixed(2)),
    probe_results_not_all_four_versions: probeProblems,
  };
  if (runs.probeSpread) {
    figures.probe_spread_processes = parallel;
    figures.probe_spread_ms = Math.round(wall("probeSpread"));
  }
  if (runs.sslscan) {
    Object.assign(figures, {
      sslscan_tls_ms: Math.round(wall("sslscan")),
      sslscan_default_ms: Math.round(wall("sslscanAll")),
      sslscan_client_cpu_ms: cpuOf("sslscanAll", "clientCpuMs"),
      sslscan_server_cpu_ms: cpuOf("sslscanAll", "serverCpuMs"),
      ratio_probe_to_sslscan_tls: Number((wall("probe") / wall("sslscan")).toFixed(2)),
      ratio_probe_to_sslscan_default: Number((wall("probe") / wall("sslscanAll")).toFixed(2)),
      agreement_with_sslscan_pct: Number(((100 * agreement.same) / agreement.compared).toFixed(1)),
    });
  }
  const each = (xs: number[]) => xs.map((x) => `${Math.round(x)}`).join(", ");
  const cpu = (name: string) =>
    cpuOf(name, "clientCpuMs") >= 0 ? `; CPU: client ${cpuOf(name, "clientCpuMs")} ms, servers ${cpuOf(name, "serverCpuMs")} ms` : "";
  say(`machine load average at the end: ${loadavg()[0].toFixed(2)}`);
  say(`probe CLI (--file, JSON lines): median ${figures.probe_ms} ms [${each(times.probe)}] = ${figures.probe_targets_per_s} targets/s${cpu("probe")}`);
  if (runs.probeSpread) say(`probe CLI --processes ${parallel}: median ${figures.probe_spread_ms} ms [${each(times.probeSpread)}]${cpu("probeSpread")}`);
  say(`  of which CLI start-up (measured with --help): median ${figures.cli_startup_ms} ms`);
  say(`  results with anything but TLS 1.0-1.3 all supported: ${probeProblems}`);
  say(`bare tls.connect, 4 handshakes/target: median ${figures.bare_tls_ms} ms [${each(times.bare)}] = ${figures.bare_tls_handshakes_per_s} handshakes/s (${bareFailures} failed)${cpu("bare")}`);
  if (runs.sslscan) {
    say(`sslscan --tlsall (TLS 1.0-1.3, as the probe): median ${figures.sslscan_tls_ms} ms [${each(times.sslscan)}]${cpu("sslscan")}`);
    say(`sslscan default (SSLv2/3 checked too): median ${figures.sslscan_default_ms} ms [${each(times.sslscanAll)}]${cpu("sslscanAll")}`);
    say(`ratio probe / sslscan --tlsall: ${figures.ratio_probe_to_sslscan_tls}; probe / sslscan default: ${figures.ratio_probe_to_sslscan_default}`);
    say(
      `agreement with sslscan on protocol sets: ${agreement.same}/${agreement.compared} targets (${figures.agreement_with_sslscan_pct}%)` +
        (agreement.example ? `; first difference ${agreement.example}` : ""),
    );
  }
  say(`ratio probe / bare tls.connect: ${figures.ratio_probe_to_bare_tls}`);
  const fasterThanSslscan = runs.sslscan ? (figures.ratio_probe_to_sslscan_default < 1 ? "yes" : "NO") : "not measured";
  say(`target: whole run under 10000 ms: ${figures.probe_ms < 10_000 ? "yes" : "NO"}; faster than sslscan (default): ${fasterThanSslscan}`);
  return { lines, figures };
}

// Standalone, and the child process of the tls.connect baseline.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      targets: { type: "string" },
      servers: { type: "string" },
      repetitions: { type: "string" },
      concurrency: { type: "string" },
      "bare-tls": { type: "string" },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  if (values["bare-tls"]) {
    const r = await bareHandshakes(values["bare-tls"], num(values.concurrency) ?? 32);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } else {
    const { figures } = await runProbeBench({
      targets: num(values.targets),
      servers: num(values.servers),
      repetitions: num(values.repetitions),
      concurrency: num(values.concurrency),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  }
}
