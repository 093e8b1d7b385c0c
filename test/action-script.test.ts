// The Action's own bash, run as GitHub runs it: the Scan step's script with the variables its
// `env:` block and the runner give it (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP,
// GITHUB_ACTION_PATH), against the emulator with the demo tenant. A first run has no baseline;
// the "keep" step stores its findings.json; a second run uses it and, nothing being new, passes.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDemoTenant } from "../src/demo/tenant.ts";
import { startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { Harness, ROOT, baseEnv } from "./support/e2e.ts";

interface Step {
  id?: string;
  name?: string;
  run?: string;
}
const steps = (parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { runs: { steps: Step[] } }).runs.steps;
const scanScript = steps.find((s) => s.id === "scan")!.run!;
const keepScript = steps.find((s) => s.name === "Keep these findings as the next baseline")!.run!;

const h = new Harness();
let emulator: RunningEmulator;
let work: string;

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** bash -e -c SCRIPT, asynchronously: the emulator answering the scan lives in this process */
function bash(
  script: string,
  opts: { cwd?: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", "-c", script], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += String(d)));
    child.stderr.on("data", (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** one job's worth of runner state, then the Scan step's script through bash */
async function runScanStep(name: string, inputs: Record<string, string>) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const env = {
    ...baseEnv(),
    ...emulator.env,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
    RUNNER_TEMP: join(work, "runner-temp"),
    // the step sets AZAUDIT_RUN_FROM=dist after building; a clone runs its sources
    AZAUDIT_RUN_FROM: "",
    AZURE_CLIENT_ID: "",
    AZURE_TENANT_ID: "",
    AZAUDIT_CONFIG: "",
    AZAUDIT_FAIL_ON: "high",
    AZAUDIT_BASELINE: "auto",
    AZAUDIT_FORMATS: "sarif,md",
    AZAUDIT_SUBSCRIPTIONS: "",
    AZAUDIT_CLOUD: "AzureCloud",
    AZAUDIT_OUT: "azaudit-reports",
    ...inputs,
  };
  writeFileSync(env.GITHUB_OUTPUT, "");
  writeFileSync(env.GITHUB_STEP_SUMMARY, "");
  const r = await bash(scanScript, { cwd: dir, env });
  return { ...r, dir, env, out: outputs(env.GITHUB_OUTPUT), summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8") };
}

let first: Awaited<ReturnType<typeof runScanStep>>;
let second: Awaited<ReturnType<typeof runScanStep>>;

beforeAll(async () => {
  emulator = await startEmulator({ fixture: buildDemoTenant(new Date()) });
  h.onCleanup(() => emulator.close());
  work = h.tempDir("azaudit-action-");
  first = await runScanStep("first", {});
  // the step runs in the workspace, where the scan wrote its reports
  const keep = await bash(keepScript, {
    cwd: first.dir,
    env: { ...baseEnv(), RUNNER_TEMP: join(work, "runner-temp"), FINDINGS: first.out.findings! },
  });
  expect(keep.status, keep.stderr).toBe(0);
  second = await runScanStep("second", {});
}, 200_000);
afterAll(() => h.cleanup());

describe("the Action's scan step", () => {
  it("first run: no cached baseline, open findings at or above high → exit-code 1 (the step itself succeeds)", () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("no previous findings.json in the cache");
    expect(first.out["exit-code"]).toBe("1");
    expect(first.out.complete).toBe("true");
    expect(Number(first.out.critical) + Number(first.out.high)).toBeGreaterThan(0);
  });

  it("adds json to the formats, reports the paths, and writes the job summary", () => {
    expect(first.out.findings).toBe(join("azaudit-reports", "findings.json"));
    expect(first.out.sarif).toBe(join("azaudit-reports", "azaudit.sarif"));
    expect(first.summary).toBe(readFileSync(join(first.dir, "azaudit-reports", "summary.md"), "utf8"));
    expect(first.summary.length).toBeGreaterThan(100);
  });

  it("second run: the kept findings are the baseline, nothing is new → exit-code 0", () => {
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toContain("no previous findings.json");
    expect(second.out["exit-code"]).toBe("0");
    expect(second.out.open).toBe("0");
    const result = JSON.parse(readFileSync(join(second.dir, "azaudit-reports", "findings.json"), "utf8")) as {
      summary: { baseline: number };
    };
    expect(result.summary.baseline).toBeGreaterThan(0);
  });

  it("a usage error (a subscription that is not a GUID) → exit-code 2, empty counts and paths", async () => {
    const bad = await runScanStep("bad", { AZAUDIT_SUBSCRIPTIONS: "not-a-guid, *" });
    expect(bad.status, bad.stderr).toBe(0);
    expect(bad.out["exit-code"]).toBe("2");
    expect(bad.stderr).toContain('--subscription "not-a-guid" is not a GUID');
    expect(bad.out).toMatchObject({ complete: "false", sarif: "", findings: "", high: "" });
  });
});
