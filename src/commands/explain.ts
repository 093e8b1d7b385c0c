import type { CliIO } from "../io.ts";
import { UsageError } from "../errors.ts";
import { renderExplain } from "../docs/rule-doc.ts";
import { findRule, RULES, suggestRuleId } from "../rules/index.ts";
import { parseFlags } from "./args.ts";
import { HELP } from "./help.ts";
import { readHandWrittenDoc } from "./rule-docs.ts";

export async function runExplain(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags("explain", args, {}, true);
  if (values.help) {
    io.stdout.write(`${HELP.explain}\n`);
    return 0;
  }
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined)
    throw new UsageError("explain takes exactly one rule id", "run `azaudit rules` for the list of ids");
  const rule = findRule(RULES, id);
  if (!rule) {
    const near = suggestRuleId(RULES, id);
    throw new UsageError(
      `unknown rule "${positionals[0]}"`,
      near ? `did you mean "${near}"?` : "run `azaudit rules` for the list of ids",
    );
  }
  const handWritten = await readHandWrittenDoc(rule.meta.id);
  io.stdout.write(renderExplain(rule, handWritten));
  return 0;
}
