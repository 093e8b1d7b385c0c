import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.ts";
import { BENCH_DEFAULTS, BENCH_SIZES, parseBenchFlags, runBenchCommand } from "../commands/bench.ts";
import type { BenchResult } from "./run.ts";

function sink() {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe("azaudit bench flags", () => {
  it("defaults", () => {
    const f = parseBenchFlags([]);
    expect(f).toMatchObject({
      help: false,
      json: false,
      generate: BENCH_DEFAULTS.generate,
      latencyMs: 20,
      rateLimit: 16,
      runs: 1,
    });
    expect(f.pageSize).toBeUndefined();
    expect(f.concurrency).toBeUndefined();
  });

  it("parses every flag; --rate-limit 0 means no limit", () => {
    const f = parseBenchFlags([
      "--generate",
      "apps=10",
      "--latency-ms",
      "0",
      "--rate-limit",
      "0",
      "--page-size",
      "50",
      "--runs",
      "3",
      "--json",
      "--quiet",
    ]);
    expect(f).toMatchObject({
      generate: "apps=10",
      latencyMs: 0,
      rateLimit: undefined,
      pageSize: 50,
      runs: 3,
      json: true,
      quiet: true,
    });
  });

  it("rejects bad values and unknown flags as usage errors", () => {
    for (const args of [
      ["--latency-ms", "-1"],
      ["--runs", "0"],
      ["--page-size", "0"],
      ["--rate-limit", "x"],
      ["--runs", "1.5"],
      ["--nope"],
    ]) {
      expect(() => parseBenchFlags(args), args.join(" ")).toThrow(UsageError);
    }
  });

  it("--size names a tenant and its latency; --latency-ms still wins; --generate beside it is refused", () => {
    expect(parseBenchFlags(["--size", "large"])).toMatchObject({
      size: "large",
      generate: BENCH_SIZES.large.generate,
      latencyMs: 40,
    });
    expect(parseBenchFlags(["--size", "small", "--latency-ms", "0"]).latencyMs).toBe(0);
    expect(() => parseBenchFlags(["--size", "huge"])).toThrow(/--size must be one of small, medium, large/);
    expect(() => parseBenchFlags(["--size", "small", "--generate", "apps=1"])).toThrow(UsageError);
  });

  it("passes --concurrency on to the scan", () => {
    expect(parseBenchFlags(["--concurrency", "4"]).concurrency).toBe(4);
  });

  it("a bad --generate is a usage error before anything starts", async () => {
    const out = sink();
    const err = sink();
    await expect(
      runBenchCommand(["--generate", "apps=x"], {
        stdout: out.stream,
        stderr: err.stream,
        env: {},
        cwd: process.cwd(),
      }),
    ).rejects.toThrow(UsageError);
  });
});

describe("azaudit bench (smoke, --size small)", () => {
  it("scans in a child process and reports the JSON result", async () => {
    const out = sink();
    const err = sink();
    const code = await runBenchCommand(["--size", "small", "--json", "--quiet"], {
      stdout: out.stream,
      stderr: err.stream,
      env: process.env,
      cwd: process.cwd(),
    });
    expect(err.text()).toBe("");
    expect(code).toBe(0);
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as BenchResult;
    expect(r.format).toBe("azaudit-bench/v1");
    expect(r.size).toBe("small");
    expect(r.generate).toBe(BENCH_SIZES.small.generate);
    expect(r.tenant).toMatchObject({ applications: 50, subscriptions: 2 });
    // the headline
    expect(r.wallSeconds).toBe(r.summary.wallSeconds);
    expect(r.requests).toBe(r.summary.requests.http);
    expect(r.minimumRequests).toBe(r.lowerBound.requests);
    expect(r.throttled).toBe(r.summary.requests.throttled);
    expect(r.peakRssMiB).toBe(r.summary.peakRssMiB);
    expect(r.scanCpuSeconds).toBeGreaterThan(0);
    expect(r.emulatorCpuSeconds).toBeGreaterThan(0);
    expect(r.offline).not.toBeNull();
    expect([0, 1]).toContain(r.offline!.exitCode);
    expect(r.snapshotMiB).toBeGreaterThan(0);
    expect(r.jsonParseSeconds).toBeGreaterThan(0);
    expect(r.judgeSeconds).toBeGreaterThan(0);
    expect(r.settings).toMatchObject({ latencyMs: 5, rateLimit: 16, concurrency: 8, allowedConcurrency: 8 });
    expect(r.runs).toHaveLength(1);
    const run = r.runs[0]!;
    expect([0, 1]).toContain(run.exitCode);
    expect(run.requests.http).toBeGreaterThan(10);
    expect(run.requests.arm + run.requests.graph).toBe(run.requests.http);
    expect(run.requests.served).toBeGreaterThanOrEqual(run.requests.http);
    expect(run.requests.tokens).toBeGreaterThanOrEqual(2);
    expect(run.peakRssMiB).toBeGreaterThan(20);
    expect(run.topRoutes.length).toBeGreaterThan(0);
    expect(r.lowerBound.requests).toBeGreaterThan(10);
    expect(r.lowerBound.seconds).toBeGreaterThan(0);
    expect(r.summary.ratio).toBeGreaterThanOrEqual(1);
    // collection ends at the last API response, before judging and reports
    expect(run.collectionSeconds).toBeCloseTo((run.startupSeconds ?? 0) + (run.networkSeconds ?? 0), 2);
    expect(run.collectionSeconds! + run.tailSeconds!).toBeCloseTo(run.wallSeconds, 2);
    expect(r.ratio).toBe(r.summary.ratio);
    expect(r.wallRatio).toBe(r.summary.wallRatio);
    expect(r.wallRatio!).toBeGreaterThan(r.ratio!);
    expect(r.summary.requestRatio).toBeGreaterThan(0.5);
    expect(r.startup.runs).toBe(3);
    expect(r.startup.nodeSeconds).toBeGreaterThan(0);
    expect(r.startup.versionRatio).toBeCloseTo(r.startup.versionSeconds / r.startup.nodeSeconds, 5);
  }, 240_000);
});
