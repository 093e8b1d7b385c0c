import { isKnown, type Baseline } from "./baseline.ts";
import type { Finding } from "./finding.ts";
import { compileGlob, type Glob } from "./glob.ts";
import type { ScanWarning } from "./result.ts";

export interface Suppression {
  /** Rule id, or `*` for every rule. */
  rule: string;
  /** Resource id or glob (`*` within a segment, `**` across). */
  resource: string;
  reason: string;
  /** YYYY-MM-DD: the day after which it stops applying. */
  expires: string;
}

export interface TriageInput {
  suppressions: Suppression[];
  /** A previous run's findings (--baseline). */
  baseline: Baseline | null;
  /** The inventory's collectedAt: suppressions expire against the time the tenant was seen. */
  now: Date;
}

/** Marks findings suppressed or baseline; never drops one. Reports expired and unused suppressions. */
export function triage(findings: Finding[], input: TriageInput): { findings: Finding[]; warnings: ScanWarning[] } {
  const warnings: ScanWarning[] = [];
  const active: { s: Suppression; re: Glob; used: boolean }[] = [];
  for (const s of input.suppressions) {
    // Valid through the whole of its expiry day.
    const end = new Date(`${s.expires}T23:59:59.999Z`);
    if (end.getTime() < input.now.getTime()) {
      warnings.push({
        code: "suppression-expired",
        message: `suppression of ${s.rule} for ${s.resource} expired on ${s.expires} (reason was: ${s.reason}); its findings count again — fix them or renew it`,
      });
      continue;
    }
    active.push({ s, re: compileGlob(s.resource), used: false });
  }

  const out = findings.map((f): Finding => {
    const hit = active.find((a) => (a.s.rule === "*" || a.s.rule === f.ruleId) && a.re.test(f.resource.id));
    if (hit) {
      hit.used = true;
      return {
        ...f,
        state: "suppressed",
        suppression: { reason: hit.s.reason, expires: hit.s.expires, resource: hit.s.resource },
      };
    }
    if (isKnown(input.baseline, f)) return { ...f, state: "baseline" };
    const was = input.baseline?.severities.get(f.fingerprint);
    // Known, but less severe then: it got worse, so it is new again and says from what.
    return was === undefined ? f : { ...f, escalatedFrom: was };
  });

  for (const a of active) {
    if (!a.used) {
      warnings.push({
        code: "suppression-unused",
        message: `suppression of ${a.s.rule} for ${a.s.resource} matched no finding; remove it if the issue is fixed`,
      });
    }
  }
  return { findings: out, warnings };
}
