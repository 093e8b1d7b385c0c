import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { GENERATED_END } from "../docs/rule-doc.ts";
import type { AnyRule } from "../rules/types.ts";

export function ruleReadmePath(id: string): string {
  return fileURLToPath(new URL(`../rules/${id}/README.md`, import.meta.url));
}

/** The hand-written part (examples, notes) of each rule's README, by rule id. */
export async function readRuleDocs(rules: readonly AnyRule[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of rules) {
    try {
      const text = await readFile(ruleReadmePath(r.meta.id), "utf8");
      const i = text.indexOf(GENERATED_END);
      out.set(r.meta.id, (i >= 0 ? text.slice(i + GENERATED_END.length) : text).trim());
    } catch {
      // A rule without a README is caught by the meta-test; reports still render without it.
    }
  }
  return out;
}
