import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv4 from "ajv-draft-04";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { defaultSettings } from "../src/engine/settings.ts";
import { scan } from "../src/engine/scan.ts";
import { builtInDefaults } from "../src/config/defaults.ts";
import { renderSarif } from "../src/reporters/sarif.ts";
import { renderJson } from "../src/reporters/json.ts";
import { renderMarkdown } from "../src/reporters/markdown.ts";
import { pseudoPath } from "../src/reporters/locations.ts";
import { RULES } from "../src/rules/index.ts";
import { unavailable } from "./support/inventory-builder.ts";
import { sampleInventory } from "./support/sample.ts";
import type { Inventory } from "../src/inventory/types.ts";

const sarifSchemaDir = fileURLToPath(new URL("../../shared/sarif/", import.meta.url));

function result(inv: Inventory = sampleInventory(), startedAt = "2026-06-02T10:00:00Z") {
  return scan({ inventory: inv, rules: RULES, settings: defaultSettings(RULES), config: builtInDefaults(), failOn: "high", baseline: null, startedAt: new Date(startedAt), toolVersion: "0.0.0-test" });
}

/** Every SARIF the project writes goes through this: both official schemas plus GitHub's own rules. */
export function assertValidSarif(text: string): void {
  const doc = JSON.parse(text);
  // The OASIS schema is draft-04; the copy GitHub's upload action ships is draft 2020-12 and
  // carries a misplaced `anyOf` under region.properties, so its own meta-validation is skipped.
  for (const [name, Ajv] of [["sarif-schema-2.1.0.json", Ajv4], ["codeql-action-sarif-schema-2.1.0.json", Ajv2020]] as const) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false });
    const validate = ajv.compile(JSON.parse(readFileSync(`${sarifSchemaDir}${name}`, "utf8")));
    expect(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }
  expect(doc.runs).toHaveLength(1);
  const run = doc.runs[0];
  expect(run.automationDetails.id).toMatch(/^azaudit\/[^/]+\/$/);
  const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
  expect(ruleIds).toEqual(RULES.map((r) => r.meta.id));
  for (const rule of run.tool.driver.rules) {
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect(rule.help.markdown.length).toBeGreaterThan(0);
    expect(rule.helpUri).toMatch(/^https:\/\//);
    expect(["error", "warning", "note"]).toContain(rule.defaultConfiguration.level);
    expect(rule.properties.tags).toContain("security");
    expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    expect(Number.isFinite(Number(rule.properties["security-severity"]))).toBe(true);
    expect(typeof rule.properties["security-severity"]).toBe("string");
  }
  const seen = new Set<string>();
  for (const r of run.results) {
    expect(ruleIds).toContain(r.ruleId);
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const loc = r.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i);
    expect(loc.artifactLocation.uri).not.toMatch(/\s/);
    expect(loc.region.startLine).toBe(1);
    expect(r.locations[0].logicalLocations[0].kind).toBe("resource");
    expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.has(r.partialFingerprints.primaryLocationLineHash)).toBe(false);
    seen.add(r.partialFingerprints.primaryLocationLineHash);
  }
}

describe("SARIF", () => {
  it("validates against the official schemas and meets GitHub's rules", () => {
    const text = renderSarif(result(), { rules: RULES });
    assertValidSarif(text);
    expect(JSON.parse(text).runs[0].results.length).toBeGreaterThan(2);
  });

  it("has a validator that rejects what GitHub would reject", () => {
    const good = JSON.parse(renderSarif(result(), { rules: RULES }));
    const noVersion = structuredClone(good);
    delete noVersion.version;
    expect(() => assertValidSarif(JSON.stringify(noVersion))).toThrow();
    const noLine = structuredClone(good);
    noLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(() => assertValidSarif(JSON.stringify(noLine))).toThrow();
  });

  it("lists every rule even when nothing fires, and marks an incomplete run", () => {
    const inv = unavailable(sampleInventory(), "applications", "Graph 403");
    const text = renderSarif(result(inv), { rules: RULES });
    assertValidSarif(text);
    const run = JSON.parse(text).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain("applications unavailable: Graph 403");
  });

  it("is byte-identical for the same inventory apart from the run timestamp", () => {
    const a = renderSarif(result(sampleInventory(), "2026-06-02T10:00:00Z"), { rules: RULES });
    const b = renderSarif(result(sampleInventory(), "2027-01-01T00:00:00Z"), { rules: RULES });
    expect(a).not.toBe(b);
    expect(a.replace(/"startTimeUtc": "[^"]+"/, "")).toBe(b.replace(/"startTimeUtc": "[^"]+"/, ""));
  });

  it("maps resource ids to lowercased, percent-encoded relative paths", () => {
    expect(pseudoPath("/subscriptions/ABC/resourceGroups/RG 1/providers/Microsoft.Web/sites/My App")).toBe("azure/subscriptions/abc/resourcegroups/rg%201/providers/microsoft.web/sites/my%20app");
    expect(pseudoPath("entra/applications/0000-AB")).toBe("entra/applications/0000-ab");
    expect(pseudoPath("/providers/Microsoft.Authorization/roleAssignments/x")).toBe("azure/providers/microsoft.authorization/roleassignments/x");
    expect(pseudoPath("/subscriptions/s/resourceGroups/rg/providers/T/../../etc")).not.toContain("/../");
  });
});

describe("findings.json", () => {
  it("is byte-identical apart from the run timestamp, and versioned", () => {
    const a = renderJson(result(sampleInventory(), "2026-06-02T10:00:00Z"));
    const b = renderJson(result(sampleInventory(), "2026-06-03T10:00:00Z"));
    expect(a.replace(/"startedAt": "[^"]+"/, "")).toBe(b.replace(/"startedAt": "[^"]+"/, ""));
    const doc = JSON.parse(a);
    expect(doc.schema).toBe("azaudit-scan-result/v1");
    expect(doc.summary.open).toBe(doc.findings.length);
    expect(doc.rules.find((r: { id: string }) => r.id === "app-secret-lifetime")).toMatchObject({ subjectsChecked: 2, subjectsFailing: 1 });
    expect(doc.coverage.every((c: { status: string }) => c.status === "ok")).toBe(true);
  });

  it("orders findings by severity, rule and resource regardless of inventory order", () => {
    const inv = sampleInventory();
    const shuffled = structuredClone(inv);
    if (shuffled.roleAssignments.status === "ok") shuffled.roleAssignments.items.reverse();
    if (shuffled.applications.status === "ok") shuffled.applications.items.reverse();
    expect(renderJson(result(shuffled))).toBe(renderJson(result(inv)));
  });
});

describe("Markdown summary", () => {
  it("gives the verdict, totals, top findings and coverage gaps, with tenant strings escaped", () => {
    const md = renderMarkdown(result(unavailable(sampleInventory(), "workloads", "Resource Graph 403")));
    expect(md).toContain("Incomplete scan");
    expect(md).toContain("**workloads** unavailable: Resource Graph 403");
    expect(md).toMatch(/\| 🟥 critical \| 1 \|/);
    expect(md).not.toContain("<img");
    expect(md).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    // A newline in a display name must not break the table row.
    expect(md.split("\n").some((l) => l.startsWith("second line"))).toBe(false);
  });
});
