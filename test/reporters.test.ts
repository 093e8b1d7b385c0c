import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultSettings } from "../src/engine/settings.ts";
import { scan } from "../src/engine/scan.ts";
import { builtInDefaults } from "../src/config/defaults.ts";
import { GITHUB_RESULTS_LIMIT, renderSarif } from "../src/reporters/sarif.ts";
import { renderJson } from "../src/reporters/json.ts";
import { renderMarkdown } from "../src/reporters/markdown.ts";
import { pseudoPath } from "../src/reporters/locations.ts";
import { RULES } from "../src/rules/index.ts";
import { unavailable } from "./support/inventory-builder.ts";
import { sampleInventory } from "./support/sample.ts";
import { assertValidSarif } from "./support/sarif.ts";
import type { Inventory } from "../src/inventory/types.ts";

function result(inv: Inventory = sampleInventory(), startedAt = "2026-06-02T10:00:00Z") {
  return scan({
    inventory: inv,
    rules: RULES,
    settings: defaultSettings(RULES),
    config: builtInDefaults(),
    failOn: "high",
    baseline: null,
    startedAt: new Date(startedAt),
    toolVersion: "0.0.0-test",
  });
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
    expect(() => {
      assertValidSarif(JSON.stringify(noVersion));
    }).toThrow();
    const noLine = structuredClone(good);
    noLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(() => {
      assertValidSarif(JSON.stringify(noLine));
    }).toThrow();
  });

  it("stops a run at GitHub's hard limit of 25,000 results, keeping the most severe and saying so", () => {
    const base = result();
    const template = base.findings[0]!;
    const many = Array.from({ length: GITHUB_RESULTS_LIMIT + 7 }, (_, i) => ({
      ...template,
      severity: i === GITHUB_RESULTS_LIMIT + 6 ? ("critical" as const) : ("low" as const),
      fingerprint: i.toString(16).padStart(64, "0"),
    }));
    many.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "critical" ? -1 : 1));
    const run = JSON.parse(renderSarif({ ...base, findings: many }, { rules: RULES })).runs[0];
    expect(run.results).toHaveLength(GITHUB_RESULTS_LIMIT);
    expect(run.results[0].properties.severity).toBe("critical");
    const note = run.invocations[0].toolExecutionNotifications.find(
      (n: { descriptor: { id: string } }) => n.descriptor.id === "sarif-results-capped",
    );
    expect(note.message.text).toMatch(/^7 lower-severity results left out/);
  });

  it("lists every rule even when nothing fires, and marks an incomplete run", () => {
    const inv = unavailable(sampleInventory(), "applications", "Graph 403");
    const text = renderSarif(result(inv), { rules: RULES });
    assertValidSarif(text);
    const run = JSON.parse(text).runs[0];
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain(
      "applications unavailable: Graph 403",
    );
  });

  it("is byte-identical for the same inventory apart from the run timestamp", () => {
    const a = renderSarif(result(sampleInventory(), "2026-06-02T10:00:00Z"), { rules: RULES });
    const b = renderSarif(result(sampleInventory(), "2027-01-01T00:00:00Z"), { rules: RULES });
    expect(a).not.toBe(b);
    expect(a.replace(/"startTimeUtc": "[^"]+"/, "")).toBe(b.replace(/"startTimeUtc": "[^"]+"/, ""));
  });

  it("maps resource ids to lowercased, percent-encoded relative paths", () => {
    expect(pseudoPath("/subscriptions/ABC/resourceGroups/RG 1/providers/Microsoft.Web/sites/My App")).toBe(
      "azure/subscriptions/abc/resourcegroups/rg%201/providers/microsoft.web/sites/my%20app",
    );
    expect(pseudoPath("entra/applications/0000-AB")).toBe("entra/applications/0000-ab");
    expect(pseudoPath("/providers/Microsoft.Authorization/roleAssignments/x")).toBe(
      "azure/providers/microsoft.authorization/roleassignments/x",
    );
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
    expect(doc.rules.find((r: { id: string }) => r.id === "app-secret-lifetime")).toMatchObject({
      subjectsChecked: 2,
      subjectsFailing: 1,
    });
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

describe("SARIF schema copies", () => {
  // The upstream copies are not part of the repository: CI points AZAUDIT_UPSTREAM_DIR at them.
  const shared = process.env.AZAUDIT_UPSTREAM_DIR ? join(process.env.AZAUDIT_UPSTREAM_DIR, "sarif", "/") : "";
  const copies = fileURLToPath(new URL("./fixtures/sarif/", import.meta.url));
  const have = shared !== "" && existsSync(shared);
  it.skipIf(!have)(
    `equal the upstream reference copies${have ? "" : " (skipped: AZAUDIT_UPSTREAM_DIR is not set; CI sets it)"}`,
    () => {
      for (const name of ["sarif-schema-2.1.0.json", "codeql-action-sarif-schema-2.1.0.json"]) {
        expect(readFileSync(copies + name, "utf8")).toBe(readFileSync(shared + name, "utf8"));
      }
    },
  );
});
