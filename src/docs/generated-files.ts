import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CLASSIFICATION_DOC_PATH, renderClassificationDoc } from "../classification/index.ts";
import { buildConfigSchema } from "../config/schema.ts";
import type { AnyRule } from "../rules/types.ts";
import { updateRuleReadme } from "./rule-doc.ts";
import { renderRulesIndex } from "./rules-index.ts";

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Every file derived from the rule metas. `npm run gen` writes them; the meta-test compares
 * them with what is committed, so docs and schema can never drift from the code.
 */
export function generatedFiles(rules: readonly AnyRule[]): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: root("config/azaudit.schema.json"), content: `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n` },
    { path: root("docs/rules.md"), content: renderRulesIndex(rules) },
    { path: root(CLASSIFICATION_DOC_PATH), content: renderClassificationDoc() },
  ];
  for (const r of rules) {
    const path = root(`src/rules/${r.meta.id}/README.md`);
    const existing = existsSync(path) ? readFileSync(path, "utf8") : null;
    files.push({ path, content: updateRuleReadme(existing, r) });
  }
  return files;
}
