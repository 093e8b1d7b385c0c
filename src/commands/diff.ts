import { resolve } from "node:path";
import { readScanResult } from "../input/findings-file.ts";
import { SEVERITY_RANK, type Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import { InputError, UsageError } from "../errors.ts";
import type { CliIO } from "../io.ts";
import { RULES } from "../rules/index.ts";
import type { AnyRule } from "../rules/types.ts";
import { OPTIONAL_SECTION_NAMES } from "../inventory/types.ts";

function isOptionalSection(name: string): boolean {
  return (OPTIONAL_SECTION_NAMES as readonly string[]).includes(name);
}
import { oneOf, parseFlags } from "./args.ts";
import { HELP } from "./help.ts";
import { inertJson, visible } from "../text/inert.ts";

export interface FindingsDiff {
  /** Fingerprints the old scan did not have. */
  added: Finding[];
  /** Same fingerprint, now more severe: as new as an added finding (docs/findings.md). */
  worse: Finding[];
  /** Gone from the new scan, and its rule ran on fully collected sections in both scans. */
  fixed: Finding[];
  /** Gone from the new scan, but the new (or old) scan could not have seen it: not a fix. */
  unverified: { finding: Finding; reason: string }[];
  unchanged: Finding[];
}

/** The reader checks findings, run and summary only: a findings.json may lack other lists. */
function listOf<T>(list: readonly T[] | undefined): readonly T[] {
  return list ?? [];
}

/**
 * Why a finding absent from `now` cannot count as fixed, or null when it can: its rule must have
 * run in both scans, on sections collected in full in both.
 */
function notVerifiable(f: Finding, old: ScanResult, now: ScanResult, rules: readonly AnyRule[]): string | null {
  for (const [label, r] of [
    ["new", now],
    ["old", old],
  ] as const) {
    const run = listOf(r.rules).find((x) => x.id === f.ruleId);
    if (run && run.status !== "ran")
      return `${f.ruleId} did not run in the ${label} scan (${run.status}${run.reason ? `: ${run.reason}` : ""})`;
    if (!run && label === "new") return `${f.ruleId} is not in the new scan`;
  }
  const requires = rules.find((r) => r.meta.id === f.ruleId)?.meta.requires;
  for (const [label, r] of [
    ["new", now],
    ["old", old],
  ] as const) {
    for (const c of listOf(r.coverage)) {
      // A rule unknown to this version: any gap could have hidden it.
      // Groups and PIM eligibilities feed every privilege rule without being in its requires: a gap
      // there could hide any of them.
      if (requires && !(requires as string[]).includes(c.name) && !isOptionalSection(c.name)) continue;
      if (c.status !== "ok") return `section ${c.name} was unavailable in the ${label} scan`;
      if (c.gaps.length > 0) return `section ${c.name} was only partly collected in the ${label} scan`;
    }
  }
  return null;
}

export function diffFindings(old: ScanResult, now: ScanResult, rules: readonly AnyRule[] = RULES): FindingsDiff {
  const before = new Map(old.findings.map((f) => [f.fingerprint, f]));
  const after = new Set(now.findings.map((f) => f.fingerprint));
  const out: FindingsDiff = { added: [], worse: [], fixed: [], unverified: [], unchanged: [] };
  for (const f of now.findings) {
    const was = before.get(f.fingerprint);
    if (!was) out.added.push(f);
    else if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[was.severity]) out.worse.push(f);
    else out.unchanged.push(f);
  }
  for (const f of old.findings) {
    if (after.has(f.fingerprint)) continue;
    const reason = notVerifiable(f, old, now, rules);
    if (reason) out.unverified.push({ finding: f, reason });
    else out.fixed.push(f);
  }
  return out;
}

/** Two scans of different tenants have nothing to compare: refused. Incomplete ones are warned about. */
export function comparability(old: ScanResult, now: ScanResult, files: [string, string]): string[] {
  const [a, b] = [old.run.tenantId, now.run.tenantId];
  if (a && b && a.toLowerCase() !== b.toLowerCase()) {
    throw new InputError({
      file: files[1],
      path: "/run/tenantId",
      message: `a scan of tenant ${b}, while ${files[0]} is a scan of tenant ${a}`,
      expected: "two findings.json of the same tenant",
      hint: "compare scans of one tenant: every finding of one tenant would look fixed in the other",
    });
  }
  const warnings: string[] = [];
  if (!a || !b)
    warnings.push(`cannot check that both scans are of the same tenant (${!a ? files[0] : files[1]} names none)`);
  for (const [file, r] of [
    [files[0], old],
    [files[1], now],
  ] as const) {
    if (!r.summary.complete) {
      warnings.push(
        `${file} is an incomplete scan: findings of rules that could not see the whole tenant are listed as unverified, not fixed`,
      );
    }
  }
  return warnings;
}

export async function runDiff(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags("diff", args, { format: { type: "string" } }, true);
  if (values.help) {
    io.stdout.write(`${HELP.diff}\n`);
    return 0;
  }
  const [oldFile, newFile] = positionals;
  if (positionals.length !== 2 || oldFile === undefined || newFile === undefined)
    throw new UsageError("diff takes two files: OLD.json NEW.json");
  const format = oneOf("format", values.format, ["text", "json"] as const) ?? "text";
  const [oldR, newR] = await Promise.all([
    readScanResult(resolve(io.cwd, oldFile)),
    readScanResult(resolve(io.cwd, newFile)),
  ]);
  const warnings = comparability(oldR, newR, [oldFile, newFile]);
  for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
  const d = diffFindings(oldR, newR);
  if (format === "json") {
    const body = {
      added: d.added,
      worse: d.worse,
      fixed: d.fixed,
      unverified: d.unverified,
      unchanged: d.unchanged.length,
      warnings,
    };
    io.stdout.write(`${inertJson(body, 2)}\n`);
  } else {
    io.stdout.write(
      `${d.added.length} new, ${d.worse.length} worse, ${d.fixed.length} fixed, ${d.unverified.length} unverified, ${d.unchanged.length} unchanged\n`,
    );
    // both files are input: what they say is shown, never obeyed by the terminal
    const line = (text: string) => io.stdout.write(`${visible(text)}\n`);
    for (const f of d.added) line(`+ [${f.severity}] ${f.ruleId}: ${f.message}`);
    for (const f of d.worse) line(`! [${f.severity}] ${f.ruleId}: ${f.message}`);
    for (const f of d.fixed) line(`- [${f.severity}] ${f.ruleId}: ${f.message}`);
    for (const u of d.unverified)
      line(`? [${u.finding.severity}] ${u.finding.ruleId}: ${u.finding.message} (not seen: ${u.reason})`);
  }
  return [...d.added, ...d.worse].some((f) => f.state === "open") ? 1 : 0;
}
