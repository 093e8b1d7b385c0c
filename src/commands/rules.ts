import type { CliIO } from "../io.ts";
import { RULES } from "../rules/index.ts";
import { renderRulesIndex } from "../docs/rules-index.ts";
import { oneOf, parseFlags } from "./args.ts";
import { HELP } from "./help.ts";

export function runRules(args: string[], io: CliIO): number {
  const { values } = parseFlags("rules", args, { format: { type: "string" } });
  if (values.help) {
    io.stdout.write(`${HELP.rules}\n`);
    return 0;
  }
  const format = oneOf("format", values.format, ["table", "json", "md"] as const) ?? "table";
  if (format === "json") {
    io.stdout.write(
      `${JSON.stringify(
        RULES.map((r) => ({ ...r.meta, defaultOptions: r.defaultOptions, optionsSchema: r.optionsSchema })),
        null,
        2,
      )}\n`,
    );
  } else if (format === "md") {
    io.stdout.write(renderRulesIndex(RULES));
  } else {
    const rows = RULES.map((r) => [
      r.meta.id,
      r.meta.severity,
      r.meta.confidence,
      r.meta.category,
      r.meta.enabledByDefault ? "" : "(off)",
      r.meta.title,
    ]);
    const widths = ["ID", "SEVERITY", "CONFIDENCE", "CATEGORY", ""].map((header, i) =>
      Math.max(...rows.map((row) => row[i]?.length ?? 0), header.length),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i < 5 ? c.padEnd(widths[i] ?? 0) : c))
        .join("  ")
        .trimEnd();
    io.stdout.write(
      `${[line(["ID", "SEVERITY", "CONFIDENCE", "CATEGORY", "", "TITLE"]), ...rows.map(line)].join("\n")}\n`,
    );
  }
  return 0;
}
