import { complianceLabel, type Finding } from "../engine/finding.ts";
import { inertJson, visible } from "../text/inert.ts";
import type { ScanResult } from "../engine/result.ts";
import { renderRuleDocBlock, GENERATED_END, GENERATED_START } from "../docs/rule-doc.ts";
import { SEVERITIES, type AnyRule, type Severity } from "../rules/types.ts";
import type { ReportContext } from "./context.ts";
import { pseudoPath } from "./locations.ts";

/** GitHub shows at most this many results per run (highest severity first). */
export const GITHUB_DISPLAY_LIMIT = 5000;
/** GitHub rejects the whole upload when a run holds more results than this. */
export const GITHUB_RESULTS_LIMIT = 25_000;

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "2.0",
  info: "0.0",
};
const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};
const PRECISION = { high: "high", medium: "medium", low: "low" } as const;

/**
 * GitHub code scanning reads `security-severity` (and the alert's level) from the rule, the
 * reportingDescriptor, never from the result ("SARIF support for code scanning",
 * reportingDescriptor object). A finding a rule raised or lowered for its case (critical at the
 * tenant root, low once a replacement exists) would show at the rule's default there. So each
 * severity a rule reports other than its default gets its own descriptor, `<rule id>/<severity>`,
 * and the result points at it; partialFingerprints stay the finding's fingerprint.
 */
export function sarifRuleId(ruleId: string, severity: Severity, defaultSeverity: Severity): string {
  return severity === defaultSeverity ? ruleId : `${ruleId}/${severity}`;
}

function sarifRule(rule: AnyRule, severity: Severity, defaultSeverity: Severity) {
  const m = rule.meta;
  const markdown = renderRuleDocBlock(rule).replace(GENERATED_START, "").replace(GENERATED_END, "").trim();
  const tags = ["security", m.category, ...m.compliance.map(complianceLabel)].slice(0, 20);
  const variant = severity !== defaultSeverity;
  return {
    id: sarifRuleId(m.id, severity, defaultSeverity),
    name: `${m.id.replace(/(^|-)([a-z])/g, (_s, _d, c: string) => c.toUpperCase())}${variant ? severity.replace(/^./, (c) => c.toUpperCase()) : ""}`,
    shortDescription: { text: variant ? `${m.title} (${severity})` : m.title },
    fullDescription: { text: m.description },
    help: {
      text: `${m.description}\n\nWhy: ${m.rationale}\n\nFix: ${m.remediation.portal.join(" ")}${m.remediation.cli ? `\n\n${m.remediation.cli}` : ""}`,
      markdown,
    },
    helpUri: m.references[0] ?? "https://learn.microsoft.com/en-us/azure/security/",
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags,
      precision: PRECISION[m.confidence],
      "security-severity": SECURITY_SEVERITY[severity],
      "problem.severity": LEVEL[severity] === "note" ? "recommendation" : LEVEL[severity],
    },
  };
}

function sarifResult(f: Finding, ruleId: string, ruleIndex: number, hasBaseline: boolean) {
  return {
    ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    // GitHub shows these texts in its UI: a bidi override or escape sequence from a tenant
    // string is shown as its escape there, never obeyed
    message: { text: visible(f.message) },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: pseudoPath(f.resource.id) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: f.resource.id, kind: "resource" }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint },
    ...(hasBaseline
      ? { baselineState: f.state === "baseline" ? "unchanged" : f.escalatedFrom ? "updated" : "new" }
      : {}),
    ...(f.state === "suppressed" && f.suppression
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: `${f.suppression.reason} (until ${f.suppression.expires})`,
            },
          ],
        }
      : {}),
    properties: {
      "security-severity": SECURITY_SEVERITY[f.severity],
      severity: f.severity,
      confidence: f.confidence,
      state: f.state,
      resourceType: f.resource.type,
      resourceName: f.resource.displayName,
      evidence: f.evidence,
    },
  };
}

/** SARIF 2.1.0 for GitHub code scanning. Pure: same result in, same bytes out. */
export function renderSarif(result: ScanResult, ctx: ReportContext): string {
  // The rule's default is what this run judged with: a config override of the severity included.
  const judged = (r: AnyRule): Severity =>
    result.rules.find((run) => run.id === r.meta.id)?.severity ?? r.meta.severity;
  const defaults = new Map(ctx.rules.map((r) => [r.meta.id, judged(r)]));
  const descriptors = ctx.rules.map((r) => sarifRule(r, judged(r), judged(r)));
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.meta.id, i]));
  // Variants in catalogue order, most severe first: the same findings give the same rules array.
  for (const rule of ctx.rules) {
    const def = judged(rule);
    const used = new Set(
      result.findings.filter((f) => f.ruleId === rule.meta.id && f.severity !== def).map((f) => f.severity),
    );
    for (const sev of SEVERITIES.filter((x) => used.has(x))) {
      ruleIndex.set(sarifRuleId(rule.meta.id, sev, def), descriptors.length);
      descriptors.push(sarifRule(rule, sev, def));
    }
  }
  const resultRule = (f: Finding) => {
    const id = sarifRuleId(f.ruleId, f.severity, defaults.get(f.ruleId) ?? f.severity);
    return { id, index: ruleIndex.get(id) ?? -1 };
  };
  const hasBaseline = result.summary.baseline > 0 || result.findings.some((f) => f.state === "baseline");
  // Findings arrive highest severity first, so a cap drops the least important results. Past
  // GitHub's hard limit the upload would be rejected whole, so the run stops at that limit and
  // says how many it left out (findings.json keeps them all).
  const ordered = result.findings.slice(0, GITHUB_RESULTS_LIMIT);
  const omitted = result.findings.length - ordered.length;
  const notifications = [
    ...result.coverage
      .filter((c) => c.status === "unavailable" || c.gaps.length > 0)
      .map((c) => ({
        level: "error",
        message: {
          text: visible(
            c.status === "unavailable"
              ? `section ${c.name} unavailable: ${c.reason}`
              : `section ${c.name} incomplete: ${c.gaps.map((g) => `${g.scope}: ${g.reason}`).join("; ")}`,
          ),
        },
        descriptor: { id: "coverage-gap" },
      })),
    ...result.rules
      .filter((r) => r.status === "error")
      .map((r) => ({
        level: "error",
        message: { text: visible(`rule ${r.id} failed and reported nothing: ${r.reason ?? "unknown error"}`) },
        descriptor: { id: "rule-error" },
        associatedRule: { id: r.id, index: ruleIndex.get(r.id) ?? -1 },
      })),
    ...result.warnings
      .filter((w) => w.code !== "rule-error")
      .map((w) => ({ level: "warning", message: { text: visible(w.message) }, descriptor: { id: w.code } })),
    ...(omitted > 0
      ? [
          {
            level: "warning",
            message: {
              text: `${omitted} lower-severity results left out: GitHub rejects runs with more than ${GITHUB_RESULTS_LIMIT} results; findings.json has every finding`,
            },
            descriptor: { id: "sarif-results-capped" },
          },
        ]
      : []),
  ];
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "azaudit",
            version: result.tool.version,
            semanticVersion: result.tool.version,
            rules: descriptors,
          },
        },
        automationDetails: { id: `azaudit/${result.run.tenantId ?? "unknown-tenant"}/` },
        invocations: [
          {
            executionSuccessful: result.summary.complete,
            startTimeUtc: result.run.startedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: ordered.map((f) => {
          const rule = resultRule(f);
          return sarifResult(f, rule.id, rule.index, hasBaseline);
        }),
        properties: {
          collectedAt: result.run.collectedAt,
          ...(result.run.export ? { source: result.run.source, export: result.run.export } : {}),
          complete: result.summary.complete,
          ...(result.findings.length > GITHUB_DISPLAY_LIMIT
            ? {
                truncationWarning: `${result.findings.length} findings; ${ordered.length} results in this run, of which GitHub code scanning shows the first ${GITHUB_DISPLAY_LIMIT} (highest severity first)`,
              }
            : {}),
        },
      },
    ],
  };
  return `${inertJson(sarif, 2)}\n`;
}
