// A rule that throws: that rule is `error` with the reason in every report, the others still run,
// every report is written, and the scan is incomplete (exit 3).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtInDefaults } from "../src/config/defaults.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import { REPORT_FILES, renderReports } from "../src/reporters/index.ts";
import { reportText } from "../src/report-set.ts";
import { RULES } from "../src/rules/index.ts";
import type { AnyRule } from "../src/rules/types.ts";
import { sampleInventory } from "./support/sample.ts";
import { assertValidSarif } from "./support/sarif.ts";

const BROKEN = "app-secret-lifetime";

/** The real registry with one rule replaced by a copy whose check throws on its first subject. */
function registryWithBrokenRule(): AnyRule[] {
  return RULES.map((r) =>
    r.meta.id === BROKEN
      ? {
          ...r,
          check: () => {
            throw new TypeError(
              "Cannot read properties of undefined (reading 'endDateTime')\n    at check (index.ts:42:7)",
            );
          },
        }
      : r,
  );
}

const dir = mkdtempSync(join(tmpdir(), "azaudit-rule-error-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a rule that throws", () => {
  const rules = registryWithBrokenRule();
  const run = () =>
    scan({
      inventory: sampleInventory(),
      rules,
      settings: defaultSettings(rules),
      config: builtInDefaults(),
      failOn: "high",
      baseline: null,
      startedAt: new Date("2026-06-02T10:00:00Z"),
      toolVersion: "0.0.0-test",
    });
  const healthy = scan({
    inventory: sampleInventory(),
    rules: RULES,
    settings: defaultSettings(RULES),
    config: builtInDefaults(),
    failOn: "high",
    baseline: null,
    startedAt: new Date("2026-06-02T10:00:00Z"),
    toolVersion: "0.0.0-test",
  });

  it("is marked error with its reason, the other rules run, and the scan exits 3", () => {
    const result = run();
    const broken = result.rules.find((r) => r.id === BROKEN)!;
    expect(broken).toMatchObject({ status: "error", findings: 0, subjectsChecked: 0 });
    expect(broken.reason).toBe("the rule failed: Cannot read properties of undefined (reading 'endDateTime')");
    expect(result.findings.some((f) => f.ruleId === BROKEN)).toBe(false);
    expect(healthy.findings.some((f) => f.ruleId === BROKEN)).toBe(true);
    // Every other rule's findings are all there.
    expect(result.findings.map((f) => f.fingerprint)).toEqual(
      healthy.findings.filter((f) => f.ruleId !== BROKEN).map((f) => f.fingerprint),
    );
    expect(result.rules.filter((r) => r.id !== BROKEN).every((r) => r.status !== "error")).toBe(true);
    expect(result.summary).toMatchObject({ complete: false, rulesInError: [BROKEN], exitCode: 3 });
    expect(healthy.summary).toMatchObject({ complete: true, rulesInError: [], exitCode: 1 });
  });

  it("is reported in every report, which are all written", () => {
    const result = run();
    const files = renderReports(result, { rules }, ["sarif", "json", "md", "html", "csv"], (t) => t);
    expect(files.map((f) => f.name)).toEqual(Object.values(REPORT_FILES));
    for (const f of files) writeFileSync(join(dir, f.name), reportText(f));

    const sarifText = readFileSync(join(dir, REPORT_FILES.sarif), "utf8");
    assertValidSarif(sarifText);
    const invocation = JSON.parse(sarifText).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    const note = invocation.toolExecutionNotifications.find(
      (n: { descriptor: { id: string } }) => n.descriptor.id === "rule-error",
    );
    expect(note).toMatchObject({ level: "error", associatedRule: { id: BROKEN, index: 0 } });
    expect(note.message.text).toContain("reading 'endDateTime'");
    expect(sarifText).not.toContain("index.ts:42:7");

    const json = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), "utf8"));
    expect(json.rules.find((r: { id: string }) => r.id === BROKEN).status).toBe("error");
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain("rule-error");

    const md = readFileSync(join(dir, REPORT_FILES.md), "utf8");
    expect(md).toContain(`a rule failed (\`${BROKEN}\``);
    expect(md).toMatch(new RegExp(`\\| \`${BROKEN}\` \\| error: the rule failed: Cannot read properties`));

    const html = readFileSync(join(dir, REPORT_FILES.html), "utf8");
    expect(html).toContain('data-verdict="incomplete"');
    expect(html).toContain(`rule ${BROKEN} failed`);
    expect(html).toContain('class="status-error"');

    // The CSV is the findings table: it holds the other rules' findings and none of the broken one's.
    const csv = readFileSync(join(dir, REPORT_FILES.csv), "utf8");
    expect(csv.split("\r\n").filter((l) => l.length > 0)).toHaveLength(1 + result.findings.length);
    expect(csv).not.toContain(`,${BROKEN},`);
  });
});
