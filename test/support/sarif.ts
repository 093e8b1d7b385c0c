// SARIF validation shared by every test that checks a SARIF the project writes (reporters,
// end-to-end): both official schemas (draft-04 OASIS and GitHub's 2020-12 copy) plus GitHub's
// own upload rules.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv4Module from "ajv-draft-04";
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import { RULES } from "../../src/rules/index.ts";

// ajv-draft-04 is CommonJS: the constructor is the module itself or its .default, by loader.
type AjvCtor = new (opts: object) => { compile(schema: object): ValidateFunction };
const ajv4Module = Ajv4Module as unknown as AjvCtor & { default?: AjvCtor };
const Ajv4: AjvCtor = ajv4Module.default ?? ajv4Module;

const sarifSchemaDir = fileURLToPath(new URL("../fixtures/sarif/", import.meta.url));

/** Every SARIF the project writes goes through this: both official schemas plus GitHub's own rules. */
export function assertValidSarif(text: string): void {
  const doc = JSON.parse(text);
  // The OASIS schema is draft-04; the copy GitHub's upload action ships is draft 2020-12 and
  // carries a misplaced `anyOf` under region.properties, so its own meta-validation is skipped.
  const opts = { allErrors: true, strict: false, validateFormats: false, validateSchema: false };
  for (const [name, ajv] of [
    ["sarif-schema-2.1.0.json", new Ajv4(opts)],
    ["codeql-action-sarif-schema-2.1.0.json", new Ajv2020(opts)],
  ] as const) {
    const validate = ajv.compile(JSON.parse(readFileSync(`${sarifSchemaDir}${name}`, "utf8")));
    expect(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }
  expect(doc.runs).toHaveLength(1);
  const run = doc.runs[0];
  expect(run.automationDetails.id).toMatch(/^azaudit\/[^/]+\/$/);
  const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
  // Every rule first, in catalogue order; then one descriptor per other severity a rule reported.
  expect(ruleIds.slice(0, RULES.length)).toEqual(RULES.map((r) => r.meta.id));
  for (const id of ruleIds.slice(RULES.length)) expect(id).toMatch(/^[a-z0-9-]+\/(critical|high|medium|low|info)$/);
  expect(new Set(ruleIds).size).toBe(ruleIds.length);
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
    // What GitHub shows is the rule's security-severity: it must be the report's severity.
    expect(
      githubSeverity(run.tool.driver.rules[r.ruleIndex].properties["security-severity"]),
      `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`,
    ).toBe(r.properties.severity);
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

/**
 * The severity GitHub code scanning shows for a security-severity score, per its documented bands
 * ("SARIF support for code scanning", reportingDescriptor object): over 9.0 critical, 7.0 to 8.9
 * high, 4.0 to 6.9 medium, 0.1 to 3.9 low; a score of 0 has no security severity (our info).
 */
export function githubSeverity(score: string): "critical" | "high" | "medium" | "low" | "info" {
  const n = Number(score);
  if (n >= 9) return "critical";
  if (n >= 7) return "high";
  if (n >= 4) return "medium";
  if (n > 0) return "low";
  return "info";
}
