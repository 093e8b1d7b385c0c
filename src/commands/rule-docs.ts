import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { GENERATED_END } from "../docs/rule-doc.ts";

export function ruleReadmePath(id: string): string {
  return fileURLToPath(new URL(`../rules/${id}/README.md`, import.meta.url));
}

/** The hand-written part (examples, notes) of a rule's README, or null when it has none. */
export async function readHandWrittenDoc(id: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(ruleReadmePath(id), "utf8");
  } catch {
    // A rule without a README is caught by the meta-test; explain still renders the meta.
    return null;
  }
  const i = text.indexOf(GENERATED_END);
  return i >= 0 ? text.slice(i + GENERATED_END.length) : null;
}
