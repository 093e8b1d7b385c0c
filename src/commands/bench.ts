import { UsageError } from "../errors.ts";
import type { CliIO } from "../io.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";

const FLAGS = {
  size: { type: "string" },
  generate: { type: "string" },
  "latency-ms": { type: "string" },
  "rate-limit": { type: "string" },
  "page-size": { type: "string" },
  concurrency: { type: "string" },
  runs: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

// kept here (not imported from src/bench/run.ts) so --help and flag errors never load the emulator
export const BENCH_DEFAULTS = {
  generate:
    "apps=5000,subscriptions=20,assignmentsPerSubscription=300,workloadsPerSubscription=50,users=500,groups=50,seed=1",
  latencyMs: 20,
  rateLimit: 16,
  runs: 1,
};

/**
 * Named tenants, each from a fixed seed: `small` is the smoke test `npm test` runs, `medium` a
 * mid-sized tenant, `large` the tenant near the throttling limits that docs/benchmark.md quotes.
 */
export const BENCH_SIZES = {
  small: {
    generate:
      "apps=50,subscriptions=2,assignmentsPerSubscription=10,workloadsPerSubscription=5,users=20,groups=3,seed=1",
    latencyMs: 5,
  },
  medium: {
    generate:
      "apps=20000,subscriptions=50,assignmentsPerSubscription=1000,workloadsPerSubscription=100,users=2000,groups=200,seed=1",
    latencyMs: 20,
  },
  large: {
    generate:
      "apps=50000,subscriptions=200,assignmentsPerSubscription=2000,workloadsPerSubscription=500,users=20000,groups=2000,seed=1",
    latencyMs: 40,
  },
} as const;
export type BenchSize = keyof typeof BENCH_SIZES;

function sizeOf(v: string | undefined): BenchSize | undefined {
  if (v === undefined) return undefined;
  if (Object.hasOwn(BENCH_SIZES, v)) return v as BenchSize;
  throw new UsageError(
    `--size must be one of ${Object.keys(BENCH_SIZES).join(", ")}, got ${JSON.stringify(v)}`,
    "or give the tenant yourself with --generate SPEC",
  );
}

export interface BenchFlags {
  help: boolean;
  json: boolean;
  quiet: boolean;
  /** the named size, when --size gave the tenant */
  size: BenchSize | undefined;
  generate: string;
  latencyMs: number;
  rateLimit?: number;
  pageSize?: number;
  concurrency?: number;
  runs: number;
}

function int(flag: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isInteger(n) || n < min)
    throw new UsageError(
      `--${flag} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`,
      "run `azaudit bench --help` to see the accepted flags",
    );
  return n;
}

/** Pure: argv → settings (exit-2 UsageError on bad input). */
export function parseBenchFlags(args: string[]): BenchFlags {
  const { values } = parseFlags("bench", args, FLAGS);
  const size = sizeOf(values.size);
  if (size && values.generate !== undefined)
    throw new UsageError("--size and --generate both name the tenant", "give one of them");
  const named = size ? BENCH_SIZES[size] : undefined;
  const rateLimit = int("rate-limit", values["rate-limit"], 0);
  const concurrency = int("concurrency", values.concurrency, 1);
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    size,
    generate: named?.generate ?? values.generate ?? BENCH_DEFAULTS.generate,
    latencyMs: int("latency-ms", values["latency-ms"], 0) ?? named?.latencyMs ?? BENCH_DEFAULTS.latencyMs,
    // 0 = no limit
    rateLimit: rateLimit === undefined ? BENCH_DEFAULTS.rateLimit : rateLimit === 0 ? undefined : rateLimit,
    pageSize: int("page-size", values["page-size"], 1),
    concurrency,
    runs: int("runs", values.runs, 1) ?? BENCH_DEFAULTS.runs,
  };
}

export async function runBenchCommand(args: string[], io: CliIO): Promise<number> {
  const flags = parseBenchFlags(args);
  if (flags.help) {
    io.stdout.write(`${HELP.bench}\n`);
    return 0;
  }
  const { GENERATE_SPEC_KEYS, GenerateSpecError, parseGenerateSpec } = await import("../emulator/generator.ts");
  try {
    parseGenerateSpec(flags.generate);
  } catch (e) {
    if (e instanceof GenerateSpecError)
      throw new UsageError(`--generate: ${e.message}`, `known keys: ${Object.keys(GENERATE_SPEC_KEYS).join(", ")}`);
    throw e;
  }
  const { runBench, BenchError } = await import("../bench/run.ts");
  const { formatBench } = await import("../bench/format.ts");
  const say = (line: string) => {
    if (!flags.quiet) io.stderr.write(`${line}\n`);
  };
  try {
    const result = await runBench(
      {
        ...(flags.size ? { size: flags.size } : {}),
        generate: flags.generate,
        latencyMs: flags.latencyMs,
        rateLimit: flags.rateLimit,
        pageSize: flags.pageSize,
        concurrency: flags.concurrency,
        runs: flags.runs,
      },
      { env: io.env, say },
    );
    io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : formatBench(result));
    return 0;
  } catch (e) {
    if (e instanceof BenchError) {
      io.stderr.write(`azaudit bench: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
