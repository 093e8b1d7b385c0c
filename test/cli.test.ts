import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serializeInventory } from "../src/inventory/load.ts";
import { RULES } from "../src/rules/index.ts";
import { unavailable } from "./support/inventory-builder.ts";
import { runCli } from "./support/cli-runner.ts";
import { sampleInventory } from "./support/sample.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "azaudit-cli-"));
  writeFileSync(join(dir, "snap.json"), serializeInventory(sampleInventory()));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
};
const read = (name: string) => readFileSync(join(dir, name), "utf8");

describe("azaudit scan --snapshot", () => {
  it("writes findings.json, SARIF and Markdown and exits 1 on open high findings", async () => {
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "out", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["azaudit.sarif", "findings.json", "summary.md"]);
    expect(r.stderr).toContain("FAILED (exit 1)");
    const result = JSON.parse(read("out/findings.json"));
    // Owner at "/" (critical) and at the subscription (high); the long-lived secret is medium: its app holds no privilege.
    expect(result.summary.bySeverity).toMatchObject({ critical: 1, high: 1, medium: 4 });
  });

  it("gives byte-identical findings.json and SARIF on two runs, apart from the run timestamp", async () => {
    await runCli(["scan", "--snapshot", "snap.json", "--out", "a"], { cwd: dir, now: "2026-06-02T00:00:00Z" });
    await runCli(["scan", "--snapshot", "snap.json", "--out", "b"], { cwd: dir, now: "2026-07-09T12:34:56Z" });
    const strip = (s: string) => s.replace(/"(startedAt|startTimeUtc)": "[^"]+"/g, "");
    expect(strip(read("a/findings.json"))).toBe(strip(read("b/findings.json")));
    expect(strip(read("a/azaudit.sarif"))).toBe(strip(read("b/azaudit.sarif")));
    expect(read("a/findings.json")).not.toBe(read("b/findings.json"));
  });

  it("exits 0 with --fail-on none and when only lower severities are open", async () => {
    expect(
      (await runCli(["scan", "--snapshot", "snap.json", "--out", "o", "--fail-on", "none"], { cwd: dir })).code,
    ).toBe(0);
  });

  it("exits 3 when a section is unavailable, still writing reports that say what is missing", async () => {
    write(
      "partial.json",
      serializeInventory(
        unavailable(
          sampleInventory(),
          "workloads",
          "403 AuthorizationFailed on Microsoft.Resources/subscriptions/resources/read",
        ),
      ),
    );
    const r = await runCli(["scan", "--snapshot", "partial.json", "--out", "o"], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("could not collect workloads");
    expect(read("o/summary.md")).toContain("Incomplete scan");
    const result = JSON.parse(read("o/findings.json"));
    expect(result.rules.find((x: { id: string }) => x.id === "workload-managed-identity").status).toBe("skipped");
  });

  it("counts only new findings with --baseline", async () => {
    await runCli(["scan", "--snapshot", "snap.json", "--out", "first"], { cwd: dir });
    const r = await runCli(
      ["scan", "--snapshot", "snap.json", "--out", "second", "--baseline", "first/findings.json"],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(read("second/findings.json"));
    expect(result.summary.open).toBe(0);
    expect(result.summary.baseline).toBe(result.findings.length);
    expect(JSON.parse(read("second/azaudit.sarif")).runs[0].results[0].baselineState).toBe("unchanged");
  });

  it("applies suppressions until they expire, then reports the expired one", async () => {
    const sup = (expires: string) =>
      `suppressions:\n  - rule: privileged-role-broad-scope\n    resource: "/roleGrants/**"\n    reason: break-glass account, SEC-1\n    expires: ${expires}\n`;
    write("live.yaml", sup("2026-06-01"));
    const ok = await runCli(["scan", "--snapshot", "snap.json", "--config", "live.yaml", "--out", "o1"], { cwd: dir });
    const r1 = JSON.parse(read("o1/findings.json"));
    expect(r1.summary.suppressed).toBe(1);
    expect(ok.code).toBe(1);
    write("old.yaml", sup("2026-05-31"));
    const expired = await runCli(["scan", "--snapshot", "snap.json", "--config", "old.yaml", "--out", "o2"], {
      cwd: dir,
    });
    expect(expired.stderr).toContain("expired on 2026-05-31");
    expect(JSON.parse(read("o2/findings.json")).summary.suppressed).toBe(0);
  });

  it("honours --format and writes nothing else", async () => {
    await runCli(["scan", "--snapshot", "snap.json", "--out", "o", "--format", "json"], { cwd: dir });
    expect(readdirSync(join(dir, "o"))).toEqual(["findings.json"]);
  });
});

describe("bad input exits 2 with where and how, writing nothing", () => {
  it.each([
    ["not JSON", "{ nope", /snap-bad\.json: not valid JSON/],
    [
      "a wrong type deep inside",
      JSON.stringify({
        ...sampleInventory(),
        applications: {
          status: "ok",
          items: [
            {
              ...(sampleInventory().applications as { items: object[] }).items[0],
              passwordCredentials: [
                { keyId: "k", displayName: null, hint: null, startDateTime: "yesterday", endDateTime: null },
              ],
            },
          ],
        },
      }),
      /\/applications\/items\/0\/passwordCredentials\/0\/startDateTime[\s\S]*ISO 8601/,
    ],
    [
      "an unavailable section without a reason",
      JSON.stringify({ ...sampleInventory(), workloads: { status: "unavailable" } }),
      /\/workloads\/reason/,
    ],
    [
      "a newer schema version",
      JSON.stringify({ ...sampleInventory(), schemaVersion: 2 }),
      /\/schemaVersion[\s\S]*expected: 1/,
    ],
  ])("a malformed snapshot: %s", async (_name, text, pattern) => {
    write("snap-bad.json", text);
    const r = await runCli(["scan", "--snapshot", "snap-bad.json", "--out", "o"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("a config naming an unknown rule: file, key path, line and a suggestion", async () => {
    write("azaudit.yaml", "failOn: high\nrules:\n  app-secret-lifetim: off\n");
    const r = await runCli(["scan", "--snapshot", "snap.json", "--out", "o"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("azaudit.yaml: /rules/app-secret-lifetim (line 3): unknown rule");
    expect(r.stderr).toContain('did you mean "app-secret-lifetime"');
    expect(existsSync(join(dir, "o"))).toBe(false);
  });

  it("a config with a wrong option type: the option's path and line", async () => {
    write("c.yaml", "rules:\n  app-secret-lifetime:\n    options:\n      maxLifetimeDays: ninety\n");
    const r = await runCli(["scan", "--snapshot", "snap.json", "--config", "c.yaml", "--out", "o"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c\.yaml: \/rules\/app-secret-lifetime\/options\/maxLifetimeDays \(line 4\)/);
    expect(r.stderr).toContain("integer");
  });

  it("contradictory rule options: minOwners above maxOwners", async () => {
    write("c.yaml", "rules:\n  subscription-owner-count:\n    options:\n      minOwners: 5\n      maxOwners: 3\n");
    const r = await runCli(["config", "validate", "c.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "c.yaml: /rules/subscription-owner-count/options/minOwners (line 4): minOwners (5) is above maxOwners (3)",
    );
    expect(r.stderr).toContain("expected: a minOwners of at most 3");
  });

  it("config validate rejects a suppression that already expired, which a scan only warns about", async () => {
    const sup = (expires: string) =>
      `suppressions:\n  - rule: privileged-role-broad-scope\n    resource: "/roleGrants/**"\n    reason: break-glass, SEC-1\n    expires: ${expires}\n`;
    write("old.yaml", sup("2026-06-01"));
    const r = await runCli(["config", "validate", "old.yaml"], { cwd: dir, now: "2026-06-02T00:00:00Z" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "old.yaml: /suppressions/0/expires (line 5): the suppression of privileged-role-broad-scope for /roleGrants/** expired on 2026-06-01",
    );
    expect(r.stderr).toContain("expected: a date on or after 2026-06-02");
    write("today.yaml", sup("2026-06-02"));
    expect((await runCli(["config", "validate", "today.yaml"], { cwd: dir, now: "2026-06-02T00:00:00Z" })).code).toBe(
      0,
    );
    expect(
      (await runCli(["scan", "--snapshot", "snap.json", "--config", "old.yaml", "--out", "o"], { cwd: dir })).code,
    ).toBe(1);
  });

  it("a config that is not YAML", async () => {
    write("c.yaml", "rules: [\n");
    const r = await runCli(["config", "validate", "c.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/c\.yaml: line \d+: not valid YAML/);
  });

  it.each([
    [["scan", "--snapshot", "snap.json", "--bogus"], /Unknown option '--bogus'/],
    [["scan", "--snapshot"], /argument missing|requires an argument|snapshot/],
    [
      ["scan", "--snapshot", "snap.json", "--fail-on", "urgent"],
      /--fail-on "urgent" is not valid[\s\S]*critical, high, medium, low, none/,
    ],
    [["scan", "--snapshot", "snap.json", "--format", "sarif,pdf"], /unknown value "pdf"/],
    [["scan", "--subscription", "prod"], /not a GUID/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["explain", "no-such-rule"], /unknown rule "no-such-rule"/],
  ])("flags %j", async (args, pattern) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });
});

describe("other commands", () => {
  it.each(["scan", "demo", "rules", "explain", "config", "diff"])("%s --help prints usage and exits 0", async (cmd) => {
    const r = await runCli([cmd, "--help"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/);
  });

  it("rules lists every rule as a table, JSON and Markdown", async () => {
    const table = await runCli(["rules"], { cwd: dir });
    for (const r of RULES) expect(table.stdout).toContain(r.meta.id);
    const json = JSON.parse((await runCli(["rules", "--format", "json"], { cwd: dir })).stdout);
    expect(json.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    expect((await runCli(["rules", "--format", "md"], { cwd: dir })).stdout).toContain("| rule | severity |");
  });

  it("explain renders a rule's doc, by id", async () => {
    const r = await runCli(["explain", "app-secret-lifetime"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## How to fix it");
    expect(r.stdout).toContain("maxLifetimeDays");
    expect(r.stdout).toContain("## Examples");
  });

  it("config init writes a starter that validates and points editors at the schema", async () => {
    const init = await runCli(["config", "init"], { cwd: dir });
    expect(init.code).toBe(0);
    const text = read("azaudit.yaml");
    // outside this clone and outside a project that installed azaudit: the published schema of this version
    expect(text.split("\n")[0]).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/azaudit@\d+\.\d+\.\d+[^/]*\/config\/azaudit\.schema\.json$/,
    );
    expect((await runCli(["config", "validate", "azaudit.yaml"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["config", "init"], { cwd: dir })).code).toBe(2);
  });

  it("diff reports new, fixed and unchanged findings", async () => {
    await runCli(["scan", "--snapshot", "snap.json", "--out", "a"], { cwd: dir });
    const fewer = sampleInventory();
    if (fewer.applications.status === "ok") fewer.applications.items = [];
    write("fewer.json", serializeInventory(fewer));
    await runCli(["scan", "--snapshot", "fewer.json", "--out", "b"], { cwd: dir });
    const forward = await runCli(["diff", "a/findings.json", "b/findings.json"], { cwd: dir });
    expect(forward.stdout).toMatch(/^0 new, 0 worse, [1-9]\d* fixed, 0 unverified, [1-9]\d* unchanged/);
    expect(forward.code).toBe(0);
    const back = await runCli(["diff", "b/findings.json", "a/findings.json"], { cwd: dir });
    expect(back.stdout).toMatch(/^[1-9]\d* new, 0 worse, 0 fixed/);
    expect(back.code).toBe(1);
  });

  it("diff against an incomplete scan warns, and calls nothing it could not see fixed", async () => {
    await runCli(["scan", "--snapshot", "snap.json", "--out", "a"], { cwd: dir });
    write(
      "partial.json",
      serializeInventory(unavailable(sampleInventory(), "applications", "403 Application.Read.All")),
    );
    expect((await runCli(["scan", "--snapshot", "partial.json", "--out", "p"], { cwd: dir })).code).toBe(3);
    const r = await runCli(["diff", "a/findings.json", "p/findings.json"], { cwd: dir });
    expect(r.stderr).toContain("warning: p/findings.json is an incomplete scan");
    expect(r.stdout).toMatch(/^0 new, 0 worse, 0 fixed, [1-9]\d* unverified, /);
    expect(r.stdout).toMatch(
      /^\? \[medium\] app-secret-lifetime: [\s\S]*?\(not seen: app-secret-lifetime did not run in the new scan \(skipped: applications unavailable/m,
    );
  });
});

describe("colour", () => {
  async function verdictLine(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const { PassThrough } = await import("node:stream");
    const { main } = await import("../src/cli.ts");
    const out = new PassThrough();
    const err = Object.assign(new PassThrough(), { isTTY: true });
    const chunks: string[] = [];
    err.on("data", (d) => chunks.push(String(d)));
    await main(["scan", "--snapshot", "snap.json", "--out", "o", ...args], {
      stdout: out,
      stderr: err,
      env,
      cwd: dir,
      clock: () => new Date("2026-06-02T00:00:00Z"),
    });
    return chunks
      .join("")
      .split("\n")
      .find((l) => l.includes("(exit 1)"))!;
  }

  it("colours only the verdict, only on a terminal, and never with --no-color or NO_COLOR", async () => {
    expect(await verdictLine([])).toBe("\u001b[31mFAILED (exit 1): open findings at or above high\u001b[0m");
    expect(await verdictLine(["--no-color"])).toBe("FAILED (exit 1): open findings at or above high");
    expect(await verdictLine([], { NO_COLOR: "1" })).toBe("FAILED (exit 1): open findings at or above high");
  });
});
