import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Finding } from "../engine/finding.ts";
import { SCAN_RESULT_SCHEMA, type ScanResult } from "../engine/result.ts";
import { InputError, UsageError } from "../errors.ts";
import type { CliIO } from "../io.ts";
import { oneOf, parseFlags } from "./args.ts";
import { HELP } from "./help.ts";
import { inertJson, visible } from "../text/inert.ts";

async function readResult(file: string): Promise<ScanResult> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new InputError({ file, message: `cannot read findings (${(err as Error).message})`, expected: "a findings.json written by `azaudit scan`" });
  }
  const r = data as Partial<ScanResult>;
  if (r.schema !== SCAN_RESULT_SCHEMA || !Array.isArray(r.findings)) {
    throw new InputError({ file, path: "/schema", message: "not an azaudit findings file", expected: `schema ${JSON.stringify(SCAN_RESULT_SCHEMA)} and a findings array` });
  }
  return r as ScanResult;
}

export interface FindingsDiff {
  added: Finding[];
  fixed: Finding[];
  unchanged: Finding[];
}

export function diffFindings(old: Finding[], now: Finding[]): FindingsDiff {
  const before = new Set(old.map((f) => f.fingerprint));
  const after = new Set(now.map((f) => f.fingerprint));
  return {
    added: now.filter((f) => !before.has(f.fingerprint)),
    fixed: old.filter((f) => !after.has(f.fingerprint)),
    unchanged: now.filter((f) => before.has(f.fingerprint)),
  };
}

export async function runDiff(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags("diff", args, { format: { type: "string" } }, true);
  if (values.help) {
    io.stdout.write(`${HELP.diff}\n`);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError("diff takes two files: OLD.json NEW.json");
  const format = oneOf("format", values.format, ["text", "json"] as const) ?? "text";
  const [oldR, newR] = await Promise.all(positionals.map((p) => readResult(resolve(io.cwd, p))));
  const d = diffFindings(oldR!.findings, newR!.findings);
  if (format === "json") {
    io.stdout.write(`${inertJson({ added: d.added, fixed: d.fixed, unchanged: d.unchanged.length }, 2)}\n`);
  } else {
    io.stdout.write(`${d.added.length} new, ${d.fixed.length} fixed, ${d.unchanged.length} unchanged\n`);
    // both files are input: what they say is shown, never obeyed by the terminal
    for (const f of d.added) io.stdout.write(`${visible(`+ [${f.severity}] ${f.ruleId}: ${f.message}`)}\n`);
    for (const f of d.fixed) io.stdout.write(`${visible(`- [${f.severity}] ${f.ruleId}: ${f.message}`)}\n`);
  }
  return d.added.some((f) => f.state === "open") ? 1 : 0;
}
