// `azaudit bench`: a generated tenant served by the emulator with latency and throttling, scanned
// by `azaudit scan` in a CHILD process (so its peak RSS is the scanner's own), compared with the
// lower bound in lower-bound.ts. Not a test: it measures and reports, it does not judge.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { computeLowerBound, tenantSize, type LowerBound, type TenantSize } from "./lower-bound.ts";
import { median } from "./median.ts";
import { measureStartup, type StartupTimes } from "./startup.ts";
import { createWireCounter, topRoutes, type WireCounts } from "./wire.ts";
import { measureOfflineJudging, type OfflineTimes } from "./offline.ts";
import { documentedGraphBudget } from "../emulator/graph-throttle.ts";

export const BENCH_FORMAT = "azaudit-bench/v1";

const BIN = fileURLToPath(new URL("../../bin/azaudit.js", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-rss.mjs", import.meta.url));

export interface BenchOptions {
  /** the named size (--size), recorded in the result */
  size?: string;
  generate: string;
  latencyMs: number;
  /** the emulator's concurrent-request limit; undefined = none */
  rateLimit?: number;
  /** the emulator's page size; undefined = its defaults */
  pageSize?: number;
  /** the collectors' bound; undefined = their default. Passed to the scan as --concurrency (needs scan support). */
  concurrency?: number;
  runs: number;
}

export interface BenchRequests {
  /** HTTP requests to ARM and Graph, every attempt (429s and retries included), token requests excluded */
  http: number;
  arm: number;
  graph: number;
  /** answered 429 Too Many Requests */
  throttled: number;
  /** other non-2xx answers (faults, 4xx) */
  errors: number;
  /** managed identity token requests */
  tokens: number;
  /** what the emulator served: HTTP requests plus the sub-requests inside Graph $batch calls */
  served: number;
  batchSubRequests: number;
}

export interface BenchRun {
  run: number;
  exitCode: number;
  wallSeconds: number;
  /** process start to the first API request (module loading, token) */
  startupSeconds: number | null;
  /** first to last API request */
  networkSeconds: number | null;
  /** after the last API request: rules, reports, exit */
  tailSeconds: number | null;
  peakRssMiB: number | null;
  cpuSeconds: number | null;
  requests: BenchRequests;
  /** CPU time of the benchmark process (the emulator) during the run */
  emulatorCpuSeconds: number;
  /** process start to the last API response: what the lower bound bounds */
  collectionSeconds: number | null;
  /** collection time ÷ lower bound */
  ratio: number | null;
  /** wall time (collection, judging, reports) ÷ lower bound */
  wallRatio: number | null;
  /** network phase ÷ lower bound */
  networkRatio: number | null;
  /** HTTP requests ÷ the fewest needed */
  requestRatio: number | null;
  byRoute: Record<string, number>;
  servedByRoute: Record<string, number>;
  throttledByRoute: Record<string, number>;
  /** per route, seconds after the first API request of its first and last request */
  timeline: Record<string, { first: number; last: number }>;
  topRoutes: Array<{ route: string; count: number }>;
}

/** The numbers a reader looks at first (medians over the runs; peak RSS the largest). */
export interface BenchHeadline {
  size: string | null;
  /** collection time (scan start to its last API response) ÷ lower bound */
  ratio: number | null;
  /** the whole scan, judging and writing findings.json included, ÷ lower bound */
  wallRatio: number | null;
  peakRssMiB: number | null;
  wallSeconds: number;
  /** HTTP requests to ARM and Graph, 429s and retries included */
  requests: number;
  minimumRequests: number;
  lowerBoundSeconds: number;
  throttled: number;
  emulatorCpuSeconds: number;
  scanCpuSeconds: number | null;
  /** offline judging of the last run's saved snapshot, next to JSON.parse of it */
  snapshotMiB: number | null;
  judgeSeconds: number | null;
  jsonParseSeconds: number | null;
}

export interface BenchResult extends BenchHeadline {
  format: typeof BENCH_FORMAT;
  machine: { cpus: number; node: string; platform: string };
  generate: string;
  tenant: TenantSize;
  settings: {
    latencyMs: number;
    rateLimit: number | null;
    pageSize: number | null;
    /** the collectors' bound the scan ran with */
    concurrency: number;
    allowedConcurrency: number;
  };
  lowerBound: LowerBound;
  runs: BenchRun[];
  /** `azaudit --version` / `--help` against `node -e 0` */
  startup: StartupTimes;
  offline: OfflineTimes | null;
  /** medians over the runs (peak RSS: the largest) */
  summary: {
    wallSeconds: number;
    collectionSeconds: number | null;
    networkSeconds: number | null;
    peakRssMiB: number | null;
    ratio: number | null;
    wallRatio: number | null;
    requestRatio: number | null;
    requests: BenchRequests;
  };
}

export class BenchError extends Error {}

export interface BenchIo {
  env: NodeJS.ProcessEnv;
  /** progress lines (stderr) */
  say: (line: string) => void;
}

export async function runBench(opts: BenchOptions, io: BenchIo): Promise<BenchResult> {
  // Loaded on demand: the emulator and the collectors' constants are only needed here.
  const [
    { generateFixture, startEmulator, DOCUMENTED_ARM_READ_BUCKET, DOCUMENTED_RESOURCE_GRAPH_QUOTA },
    { DEFAULT_CONCURRENCY },
  ] = await Promise.all([import("../emulator/index.ts"), import("../collectors/index.ts")]);
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;

  const t = performance.now();
  const fixture = generateFixture(opts.generate);
  const size = tenantSize(fixture);
  io.say(
    `bench: generated ${opts.generate} in ${secs(performance.now() - t)} s: ${size.applications} apps, ${size.servicePrincipals} service principals, ${size.subscriptions} subscriptions, ${size.roleAssignments} role assignments, ${size.workloads} workloads`,
  );
  const graphBudget = documentedGraphBudget(fixture.graph.users.length);
  const lowerBound = computeLowerBound(fixture, {
    pageSize: opts.pageSize,
    latencyMs: opts.latencyMs,
    rateLimit: opts.rateLimit,
    concurrency,
    graphBudget,
  });

  const wire = createWireCounter();
  // ARM's documented read buckets (250, refilled 25/s) and Resource Graph's quota (15 per 5 s) on every bench run
  const emulator = await startEmulator({
    fixture,
    latencyMs: opts.latencyMs,
    rateLimit: opts.rateLimit,
    pageSize: opts.pageSize,
    armReadBucket: DOCUMENTED_ARM_READ_BUCKET,
    resourceGraphQuota: DOCUMENTED_RESOURCE_GRAPH_QUOTA,
    graphBudget,
    log: (line) => {
      wire.log(line);
    },
  });
  const work = await mkdtemp(join(tmpdir(), "azaudit-bench-"));
  const runs: BenchRun[] = [];
  let offline: OfflineTimes | null = null;
  try {
    io.say(
      `bench: emulator at ${emulator.url}, latency ${opts.latencyMs} ms, rate limit ${opts.rateLimit ?? "none"}, page size ${opts.pageSize ?? "default"}; lower bound ${lowerBound.requests} requests, ${lowerBound.seconds.toFixed(2)} s`,
    );
    for (let i = 1; i <= opts.runs; i++) {
      emulator.resetStats();
      wire.reset();
      const rssFile = join(work, `rss-${i}.json`);
      const snapshot = join(work, `snapshot-${i}.json`);
      const scanArgs = [
        "scan",
        "--out",
        join(work, `reports-${i}`),
        "--format",
        "json",
        "--save-snapshot",
        snapshot,
        "--no-progress",
        "--quiet",
      ];
      if (opts.concurrency !== undefined) scanArgs.push("--concurrency", String(opts.concurrency));
      const env = { ...pick(io.env, ["PATH", "HOME"]), ...emulator.env, AZAUDIT_BENCH_RSS_FILE: rssFile };
      io.say(`bench: run ${i}/${opts.runs}: azaudit ${scanArgs.join(" ")}`);
      const cpu0 = process.cpuUsage();
      const child = await runChild([`--import`, pathToFileURL(PRELOAD).href, BIN, ...scanArgs], env, work);
      const usage = await readUsage(rssFile);
      const counts = wire.snapshot();
      const stats = emulator.stats();
      const cpu = process.cpuUsage(cpu0);
      const run = toRun(i, child, usage, counts, stats.total, stats.byRoute, lowerBound, (cpu.user + cpu.system) / 1e6);
      runs.push(run);
      if (child.exitCode !== 0 && child.exitCode !== 1) {
        throw new BenchError(
          `the scan exited ${child.exitCode} (expected 0 or 1: reports written); its stderr ends with:\n${child.stderrTail.trimEnd() || "(nothing)"}`,
        );
      }
      io.say(
        `bench: run ${i}: ${run.wallSeconds.toFixed(2)} s, ${run.requests.http} requests (${run.requests.throttled} throttled), peak RSS ${run.peakRssMiB?.toFixed(0) ?? "?"} MiB`,
      );
      const by = Object.entries(stats.throttledByRoute).sort(([a], [b]) => (a < b ? -1 : 1));
      io.say(`bench: run ${i}: 429s by route: ${by.length ? by.map(([r, n]) => `${r} ${n}`).join(", ") : "none"}`);
      if (i === opts.runs) {
        offline = await measureOfflineJudging(BIN, snapshot, work, pick(io.env, ["PATH", "HOME"]));
        io.say(
          `bench: offline judging of the ${offline.snapshotMiB} MiB snapshot: ${offline.judgeSeconds} s (JSON.parse alone ${offline.jsonParseSeconds} s)`,
        );
      }
    }
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
  io.say("bench: start-up: azaudit --version and --help against node -e 0");
  const startup = measureStartup(io.env);

  const summary = summarize(runs);
  const cpu = (f: (r: BenchRun) => number | null) => {
    const xs = runs.map(f).filter((x): x is number => x !== null);
    return xs.length ? round(median(xs), 2) : null;
  };
  return {
    size: opts.size ?? null,
    ratio: summary.ratio,
    wallRatio: summary.wallRatio,
    peakRssMiB: summary.peakRssMiB,
    wallSeconds: summary.wallSeconds,
    requests: summary.requests.http,
    minimumRequests: lowerBound.requests,
    lowerBoundSeconds: round(lowerBound.seconds, 2),
    throttled: summary.requests.throttled,
    emulatorCpuSeconds: cpu((r) => r.emulatorCpuSeconds) ?? 0,
    scanCpuSeconds: cpu((r) => r.cpuSeconds),
    snapshotMiB: offline?.snapshotMiB ?? null,
    judgeSeconds: offline?.judgeSeconds ?? null,
    jsonParseSeconds: offline?.jsonParseSeconds ?? null,
    format: BENCH_FORMAT,
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    generate: opts.generate,
    tenant: size,
    settings: {
      latencyMs: opts.latencyMs,
      rateLimit: opts.rateLimit ?? null,
      pageSize: opts.pageSize ?? null,
      concurrency,
      allowedConcurrency: lowerBound.allowedConcurrency,
    },
    lowerBound,
    runs,
    startup,
    offline,
    summary,
  };
}

interface ChildResult {
  exitCode: number;
  wallMs: number;
  startedAt: number;
  stderrTail: string;
}

function runChild(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    // cwd: an empty directory, so no ./azaudit.yaml of the caller's steers the scan
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let tail = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      tail = (tail + d).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({
        exitCode: code ?? (signal ? 128 : 2),
        wallMs: performance.now() - startedAt,
        startedAt,
        stderrTail: tail,
      });
    });
  });
}

interface Usage {
  maxRssKiB?: number;
  userCpuMicros?: number;
  systemCpuMicros?: number;
}

async function readUsage(file: string): Promise<Usage | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Usage;
  } catch {
    return null;
  }
}

export function toRun(
  run: number,
  child: ChildResult,
  usage: Usage | null,
  w: WireCounts,
  served: number,
  servedByRoute: Record<string, number>,
  lb: LowerBound,
  emulatorCpuSeconds = 0,
): BenchRun {
  const wall = child.wallMs / 1000;
  const startup = w.firstAt === null ? null : (w.firstAt - child.startedAt) / 1000;
  const network = w.firstAt === null || w.lastAt === null ? null : (w.lastAt - w.firstAt) / 1000;
  const tail = w.lastAt === null ? null : (child.startedAt + child.wallMs - w.lastAt) / 1000;
  const collection = w.lastAt === null ? null : (w.lastAt - child.startedAt) / 1000;
  const http = w.total;
  return {
    run,
    exitCode: child.exitCode,
    wallSeconds: round(wall, 3),
    startupSeconds: startup === null ? null : round(startup, 3),
    networkSeconds: network === null ? null : round(network, 3),
    tailSeconds: tail === null ? null : round(tail, 3),
    peakRssMiB: usage?.maxRssKiB ? round(usage.maxRssKiB / 1024, 1) : null,
    cpuSeconds:
      usage?.userCpuMicros !== undefined
        ? round(((usage.userCpuMicros ?? 0) + (usage.systemCpuMicros ?? 0)) / 1e6, 2)
        : null,
    emulatorCpuSeconds: round(emulatorCpuSeconds, 2),
    requests: {
      http,
      arm: w.arm,
      graph: w.graph,
      throttled: w.throttled,
      errors: w.errors,
      tokens: w.tokens,
      served,
      batchSubRequests: Math.max(0, served - http),
    },
    collectionSeconds: collection === null ? null : round(collection, 3),
    ratio: collection === null ? null : ratioOf(collection, lb.seconds),
    wallRatio: ratioOf(wall, lb.seconds),
    networkRatio: network === null ? null : ratioOf(network, lb.seconds),
    requestRatio: ratioOf(http, lb.requests),
    byRoute: w.byRoute,
    servedByRoute,
    throttledByRoute: w.throttledByRoute,
    timeline: w.timeline,
    topRoutes: topRoutes(w.byRoute, 10),
  };
}

export function ratioOf(measured: number, bound: number): number | null {
  return bound > 0 ? round(measured / bound, 2) : null;
}

function summarize(runs: BenchRun[]): BenchResult["summary"] {
  const med = (f: (r: BenchRun) => number | null) => {
    const xs = runs.map(f).filter((x): x is number => x !== null);
    return xs.length ? round(median(xs), 3) : null;
  };
  const mid = [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor((runs.length - 1) / 2)];
  if (mid === undefined) throw new Error("bench summary needs at least one run");
  const rss = runs.map((r) => r.peakRssMiB).filter((x): x is number => x !== null);
  return {
    wallSeconds: round(median(runs.map((r) => r.wallSeconds)), 3),
    collectionSeconds: med((r) => r.collectionSeconds),
    networkSeconds: med((r) => r.networkSeconds),
    peakRssMiB: rss.length ? Math.max(...rss) : null,
    ratio: med((r) => r.ratio),
    wallRatio: med((r) => r.wallRatio),
    requestRatio: med((r) => r.requestRatio),
    requests: mid.requests,
  };
}

function pick(env: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const k of keys) if (env[k] !== undefined) out[k] = env[k];
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function secs(ms: number): string {
  return (ms / 1000).toFixed(1);
}
