import { readFile } from "node:fs/promises";
import type { CliIO } from "../io.ts";
import { UsageError } from "../errors.ts";
import { renderExplain, GENERATED_END } from "../docs/rule-doc.ts";
import { findRule, RULES } from "../rules/index.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";
import { ruleReadmePath } from "./rule-docs.ts";

export async function runExplain(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags("explain", args, {}, true);
  if (values.help) {
    io.stdout.write(`${HELP.explain}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("explain takes exactly one rule id", "run `azaudit rules` for the list of ids");
  const rule = findRule(RULES, positionals[0]!);
  if (!rule) {
    const near = RULES.find((r) => r.meta.id.includes(positionals[0]!) || positionals[0]!.includes(r.meta.id));
    throw new UsageError(`unknown rule "${positionals[0]}"`, near ? `did you mean "${near.meta.id}"?` : "run `azaudit rules` for the list of ids");
  }
  let handWritten: string | null = null;
  try {
    const text = await readFile(ruleReadmePath(rule.meta.id), "utf8");
    const i = text.indexOf(GENERATED_END);
    handWritten = i >= 0 ? text.slice(i + GENERATED_END.length) : null;
  } catch {
    handWritten = null;
  }
  io.stdout.write(renderExplain(rule, handWritten));
  return 0;
}
