import type { Inventory, SupplementarySectionName } from "../inventory/types.ts";
import type { AnyRule, Severity, Violation } from "../rules/types.ts";
import { complianceLabel, type Finding } from "./finding.ts";
import { fingerprintOf } from "./fingerprint.ts";
import { renderMessage } from "./messages.ts";
import type { RuleRun } from "./result.ts";
import type { RuleSettings } from "./settings.ts";

export interface Evaluation {
  findings: Finding[];
  rules: RuleRun[];
}

/** Runs every enabled rule over the inventory. Pure: the clock is the inventory's collectedAt. */
export function evaluate(inventory: Inventory, rules: readonly AnyRule[], settings: RuleSettings): Evaluation {
  const now = new Date(inventory.collectedAt);
  const findings: Finding[] = [];
  const runs: RuleRun[] = [];

  for (const rule of rules) {
    const { meta } = rule;
    const setting = settings.get(meta.id);
    const run: RuleRun = {
      id: meta.id,
      title: meta.title,
      severity: setting?.severity ?? meta.severity,
      confidence: meta.confidence,
      category: meta.category,
      status: "ran",
      reason: null,
      subjectNoun: meta.subjectNoun,
      subjectsChecked: 0,
      subjectsFailing: 0,
      findings: 0,
    };
    runs.push(run);

    if (!setting?.enabled) {
      run.status = "disabled";
      run.reason = meta.enabledByDefault
        ? "turned off in the config"
        : "off by default; enable it in the config with its options";
      continue;
    }
    const missing = meta.requires.filter((name) => inventory[name].status !== "ok");
    if (missing.length > 0) {
      run.status = "skipped";
      run.reason = missing
        .map((name) => {
          const s = inventory[name];
          return `${name} unavailable: ${s.status === "unavailable" ? s.reason : ""}`;
        })
        .join("; ");
      continue;
    }

    const optional = optionalSectionMissing(inventory, meta.requiresOptional ?? []);
    if (optional !== null) {
      run.status = "skipped";
      run.reason = optional;
      continue;
    }

    // Options were validated against this rule's own schema, so the erased types line up again.
    const options = setting.options as never;
    const ctx = { options, now, inventory };
    const found: Finding[] = [];
    try {
      const subjects = rule.subjects(inventory, options);
      run.subjectsChecked = subjects.length;
      for (const subject of subjects) {
        const violations = rule.check(subject as never, ctx);
        if (violations.length > 0) run.subjectsFailing += 1;
        for (const v of violations) found.push(toFinding(rule, setting.severity, v));
      }
    } catch (err) {
      // One broken rule must not take the scan down, nor pass silently: the rule is `error`, its
      // partial findings are dropped (they would look like a complete answer), the scan is incomplete.
      run.status = "error";
      run.reason = `the rule failed: ${errorText(err)}`;
      run.subjectsChecked = 0;
      run.subjectsFailing = 0;
      continue;
    }
    findings.push(...found);
    run.findings = found.length;
  }
  return { findings, rules: runs };
}

function toFinding(rule: AnyRule, override: Severity | null, v: Violation): Finding {
  const { meta } = rule;
  const template = meta.messages[v.messageId];
  if (template === undefined) throw new Error(`unknown message id ${v.messageId}`);
  return {
    ruleId: meta.id,
    // A user's override wins over the rule's per-case severity: they asked for it.
    severity: override ?? v.severity ?? meta.severity,
    confidence: meta.confidence,
    messageId: v.messageId,
    message: renderMessage(template, v.data, `${meta.id}.${v.messageId}`),
    resource: v.resource,
    evidence: v.evidence,
    fingerprint: fingerprintOf(meta.id, v.resource.id, v.discriminator),
    compliance: (v.compliance ?? meta.compliance).map(complianceLabel),
    state: "open",
  };
}

/** The error's own message, first line only: no stack trace in a report. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split("\n")[0] ?? "").slice(0, 500) || "unknown error";
}

/** Why a rule cannot run for want of an optional section, or null when every one it needs is there. */
export function optionalSectionMissing(
  inventory: Inventory,
  names: readonly SupplementarySectionName[],
): string | null {
  const reasons = names.flatMap((name) => {
    const s = inventory[name];
    if (s === undefined) return [`${name} not collected (optional)`];
    return s.status === "ok" ? [] : [`${name} unavailable (optional): ${s.reason}`];
  });
  return reasons.length > 0 ? reasons.join("; ") : null;
}
