// Meta-tests over every registered rule: the registry, metadata, options, docs and compliance
// references are checked here once, so no rule can drift from the contract of src/rules/types.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OptionsValidator } from "../src/engine/options.ts";
import { placeholdersOf } from "../src/engine/messages.ts";
import { generatedFiles } from "../src/docs/generated-files.ts";
import { GENERATED_END, renderRuleDocBlock } from "../src/docs/rule-doc.ts";
import { SECTION_NAMES } from "../src/inventory/types.ts";
import { RULES } from "../src/rules/index.ts";
import { CATEGORIES, CONFIDENCES, SEVERITIES, type AnyRule, type ComplianceRef } from "../src/rules/types.ts";

const rulesDir = fileURLToPath(new URL("../src/rules/", import.meta.url));
const facts = JSON.parse(
  readFileSync(fileURLToPath(new URL("../src/refdata/compliance-facts.json", import.meta.url)), "utf8"),
) as {
  cis: Record<string, Record<string, string>>;
  azurePolicy: Record<string, string>;
  mcsb: Record<string, string>;
};

/** Values of the wrong type for each JSON Schema type: each must be rejected. */
function junkFor(schema: { type?: unknown; enum?: unknown[] }): unknown[] {
  const t = schema.type;
  if (schema.enum) return ["definitely-not-allowed", 12345];
  switch (t) {
    case "integer":
      return ["10", 1.5, null];
    case "number":
      return ["10", null];
    case "string":
      return [42, null, ["a"]];
    case "boolean":
      return ["true", 1, null];
    case "array":
      return ["a,b", 1, { a: 1 }];
    case "object":
      return ["x", 1, []];
    default:
      return [];
  }
}

function checkCompliance(ref: ComplianceRef): string | null {
  switch (ref.framework) {
    case "CIS Azure": {
      const title = facts.cis[ref.version]?.[ref.id];
      return title ? null : `CIS Azure ${ref.version} ${ref.id} is not a published control`;
    }
    case "Azure Policy": {
      const name = facts.azurePolicy[ref.id];
      if (!name) return `Azure Policy ${ref.id} is not a built-in definition`;
      return name === ref.displayName ? null : `Azure Policy ${ref.id} is named "${name}", not "${ref.displayName}"`;
    }
    case "MCSB":
      return facts.mcsb[ref.id] ? null : `MCSB ${ref.id} is not a control`;
    case "Entra recommendation":
      // No machine-readable list is shipped; at least the name must be given.
      return ref.displayName.length > 0 ? null : "Entra recommendation without a name";
  }
}

describe("rule registry", () => {
  it("registers every rule folder, and only those", () => {
    const folders = readdirSync(rulesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== "support")
      .map((d) => d.name)
      .sort();
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(folders);
  });

  it("never reuses an id or alias", () => {
    const all = RULES.flatMap((r) => [r.meta.id, ...r.meta.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps generated files (config schema, docs/rules.md, rule READMEs) in sync: run `npm run gen`", () => {
    for (const f of generatedFiles(RULES)) {
      expect(existsSync(f.path), `${f.path} is missing`).toBe(true);
      expect(readFileSync(f.path, "utf8"), `${f.path} is stale`).toBe(f.content);
    }
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as [string, AnyRule]))("rule %s", (id, rule) => {
  const m = rule.meta;

  it("has an id in kebab-case equal to its folder", () => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(existsSync(`${rulesDir}${id}/index.ts`)).toBe(true);
    expect(existsSync(`${rulesDir}${id}/index.test.ts`)).toBe(true);
  });

  it("has complete metadata", () => {
    expect(SEVERITIES).toContain(m.severity);
    expect(CONFIDENCES).toContain(m.confidence);
    expect(CATEGORIES).toContain(m.category);
    expect(m.title).not.toMatch(/^ensure\b/i);
    expect(m.title.length).toBeGreaterThan(10);
    expect(m.description.length).toBeGreaterThan(40);
    expect(m.rationale.length).toBeGreaterThan(40);
    expect(m.remediation.portal.length).toBeGreaterThan(0);
    if (m.remediation.cli !== null) expect(m.remediation.cli).toMatch(/^az /);
    expect(m.references.length).toBeGreaterThan(0);
    for (const r of m.references) expect(r).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    expect(m.requires.length).toBeGreaterThan(0);
    for (const s of m.requires) expect(SECTION_NAMES).toContain(s);
    expect(m.subjectNoun).toMatch(/^[a-z][a-zA-Z -]+$/);
  });

  it("has message templates with well-formed placeholders", () => {
    expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    for (const [key, template] of Object.entries(m.messages)) {
      expect(key).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(template.replace(/\{\{\s*[A-Za-z0-9_]+\s*\}\}/g, "")).not.toMatch(/\{\{|\}\}/);
      expect(placeholdersOf(template).length).toBeGreaterThan(0);
    }
  });

  it("has compliance references that exist in the published sources", () => {
    const problems = m.compliance.map(checkCompliance).filter((p): p is string => p !== null);
    expect(problems).toEqual([]);
  });

  it("accepts its default options", () => {
    expect(new OptionsValidator().problems(rule, rule.defaultOptions)).toEqual([]);
  });

  it("rejects junk options: unknown keys and wrong types for every option", () => {
    const v = new OptionsValidator();
    expect(v.problems(rule, { ...(rule.defaultOptions as object), notAnOption: true }).length).toBeGreaterThan(0);
    expect(v.problems(rule, "nope").length).toBeGreaterThan(0);
    const props = (rule.optionsSchema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
    for (const [name, schema] of Object.entries(props)) {
      const junk = junkFor(schema);
      expect(junk.length, `no junk values known for ${name}`).toBeGreaterThan(0);
      for (const value of junk) {
        expect(
          v.problems(rule, { ...(rule.defaultOptions as object), [name]: value }).length,
          `${name}=${JSON.stringify(value)} was accepted`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it("has a README whose generated part matches the meta and whose hand-written part has examples", () => {
    const readme = readFileSync(`${rulesDir}${id}/README.md`, "utf8");
    expect(readme.startsWith(renderRuleDocBlock(rule))).toBe(true);
    const handWritten = readme.slice(readme.indexOf(GENERATED_END));
    expect(handWritten).toMatch(/^## Examples$/m);
    expect(readme).not.toMatch(/\bTODO\b|\bTBD\b/);
    for (const heading of ["What it checks", "Why it matters", "How to fix it", "Options", "Compliance references"]) {
      expect(readme).toContain(`## ${heading}`);
    }
  });
});
