// End to end: `azaudit demo` exactly as a new user runs it, a separate process with PATH and HOME
// only. It starts its own emulator with the embedded demo tenant and scans it in a further
// process through the real SDKs, then leaves the five reports behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../src/rules/index.ts";
import { Harness, REPORT_FILES, baseEnv, expectNoSecrets, readReports, type ProcResult } from "./support/e2e.ts";
import { assertValidSarif } from "./support/sarif.ts";

const h = new Harness();
let proc: ProcResult;
let reports: ReturnType<typeof readReports>;

beforeAll(async () => {
  const out = h.tempDir();
  proc = await h.run(["demo", "--out", out, "--no-progress"], { env: baseEnv(), cwd: out, timeoutMs: 60_000 });
  reports = readReports(out);
}, 70_000);

afterAll(() => h.cleanup(), 30_000);

describe("azaudit demo, a separate process", () => {
  it("exits 0 and writes the five reports", () => {
    expect(proc.code, proc.stderr).toBe(0);
    expect(Object.keys(reports).sort()).toEqual([...REPORT_FILES].sort());
    for (const f of REPORT_FILES) expect(reports[f]!.length, f).toBeGreaterThan(100);
    expect(proc.stderr).toMatch(/demo: the scan made \d+ requests to the emulator/);
    expect(proc.stderr).toContain("FAILED (exit 1)"); // the scan found what the demo tenant plants; the demo itself succeeds
    expect(proc.stderr).toContain(
      "that FAILED verdict is expected: the demo tenant is built to fail every rule at least once",
    );
  });

  it("collects every section and runs every rule that is on by default", () => {
    const result = JSON.parse(reports["findings.json"]!) as {
      summary: { complete: boolean };
      coverage: Array<{ name: string; status: string; gaps: unknown[] }>;
      rules: Array<{ id: string; status: string; reason: string | null; findings: number }>;
    };
    expect(result.summary.complete).toBe(true);
    expect(result.coverage.filter((c) => c.status !== "ok" || c.gaps.length > 0)).toEqual([]);
    expect(result.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const rule of RULES) {
      const run = result.rules.find((r) => r.id === rule.meta.id)!;
      expect(run.status, `${rule.meta.id}: ${run.reason}`).toBe(rule.meta.enabledByDefault ? "ran" : "disabled");
      if (rule.meta.enabledByDefault)
        expect(run.findings, `${rule.meta.id} found nothing in the demo tenant`).toBeGreaterThan(0);
    }
  });

  it("writes a valid SARIF and nothing token-shaped anywhere", () => {
    assertValidSarif(reports["azaudit.sarif"]!);
    expectNoSecrets({ stdout: proc.stdout, stderr: proc.stderr, ...reports }, []);
  });
});
