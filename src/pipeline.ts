// The scan pipeline after collection, in one place: an inventory (live, snapshot, export or merged
// parts) is judged with the rule settings resolved once, GitHub's SARIF limits turned into one
// warning, and the verdict worded once for every output that states it.
import type { Config } from "./config/types.ts";
import type { Baseline } from "./engine/baseline.ts";
import type { ScanResult } from "./engine/result.ts";
import { scan } from "./engine/scan.ts";
import type { RuleSettings } from "./engine/settings.ts";
import type { Inventory } from "./inventory/types.ts";
import { GITHUB_DISPLAY_LIMIT, GITHUB_RESULTS_LIMIT } from "./reporters/sarif.ts";
import { RULES } from "./rules/index.ts";

export interface JudgeInput {
  inventory: Inventory;
  config: Config;
  /** resolved once by the caller (resolveRuleSettings), before anything is collected */
  settings: RuleSettings;
  failOn: Config["failOn"];
  baseline: Baseline | null;
  /** the run's clock reading (the one field of the result that differs between runs) */
  startedAt: Date;
  toolVersion: string;
}

/** Inventory → ScanResult: rules evaluated with the resolved settings, findings triaged, limits warned about. */
export function judge(input: JudgeInput): ScanResult {
  const result = scan({
    inventory: input.inventory,
    rules: RULES,
    settings: input.settings,
    config: input.config,
    failOn: input.failOn,
    baseline: input.baseline,
    startedAt: input.startedAt,
    toolVersion: input.toolVersion,
  });
  const limit = githubLimitWarning(result.findings.length);
  if (limit) result.warnings.push(limit);
  return result;
}

/** GitHub code scanning shows the first GITHUB_DISPLAY_LIMIT results of a run and rejects more than GITHUB_RESULTS_LIMIT. */
export function githubLimitWarning(findings: number): ScanResult["warnings"][number] | undefined {
  if (findings <= GITHUB_DISPLAY_LIMIT) return undefined;
  const capped =
    findings > GITHUB_RESULTS_LIMIT
      ? `; the SARIF holds the ${GITHUB_RESULTS_LIMIT} most severe (GitHub rejects more)`
      : "";
  return {
    code: "sarif-truncated",
    message: `${findings} findings: GitHub code scanning shows only the first ${GITHUB_DISPLAY_LIMIT} results of a SARIF run (highest severity first)${capped}`,
  };
}

export interface Verdict {
  exitCode: 0 | 1 | 3;
  /** one line, e.g. "FAILED (exit 1): open findings at or above high" */
  text: string;
}

/** The pass/fail verdict in words, the same for every output that states it. */
export function verdictOf(result: ScanResult): Verdict {
  const s = result.summary;
  const dataMissing = result.coverage.some((c) => c.status === "unavailable" || c.gaps.length > 0);
  const rulesFailed = result.rules.some((r) => r.status === "error");
  const why = [dataMissing ? "some data could not be collected" : "", rulesFailed ? "a rule failed" : ""]
    .filter(Boolean)
    .join(" and ");
  if (s.exitCode === 3) return { exitCode: 3, text: `INCOMPLETE (exit 3): ${why || "the scan is incomplete"}` };
  if (s.exitCode === 1) return { exitCode: 1, text: `FAILED (exit 1): open findings at or above ${s.failOn}` };
  return { exitCode: 0, text: `passed (exit 0): nothing open at or above ${s.failOn}` };
}
