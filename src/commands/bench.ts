import { UsageError } from "../errors.ts";
import type { CliIO } from "../io.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";

const FLAGS = {
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

export interface BenchFlags {
  help: boolean;
  json: boolean;
  quiet: boolean;
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
  const rateLimit = int("rate-limit", values["rate-limit"], 0);
  const concurrency = int("concurrency", values.concurrency, 1);
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    generate: values.generate ?? BENCH_DEFAULTS.generate,
    latencyMs: int("latency-ms", values["latency-ms"], 0) ?? BENCH_DEFAULTS.latencyMs,
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
