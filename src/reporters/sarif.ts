import { complianceLabel, type Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import { renderRuleDocBlock, GENERATED_END, GENERATED_START } from "../docs/rule-doc.ts";
import type { AnyRule, Severity } from "../rules/types.ts";
import type { ReportContext } from "./context.ts";
import { pseudoPath } from "./locations.ts";

/** GitHub shows at most this many results per run (highest severity first). */
export const GITHUB_DISPLAY_LIMIT = 5000;
/** GitHub rejects the whole upload when a run holds more results than this. */
export const GITHUB_RESULTS_LIMIT = 25_000;

const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", info: "0.0" };
const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };
const PRECISION = { high: "high", medium: "medium", low: "low" } as const;

function sarifRule(rule: AnyRule) {
  const m = rule.meta;
  const markdown = renderRuleDocBlock(rule).replace(GENERATED_START, "").replace(GENERATED_END, "").trim();
  const tags = ["security", m.category, ...m.compliance.map(complianceLabel)].slice(0, 20);
  return {
    id: m.id,
    name: m.id.replace(/(^|-)([a-z])/g, (_s, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description },
    help: {
      text: `${m.description}\n\nWhy: ${m.rationale}\n\nFix: ${m.remediation.portal.join(" ")}${m.remediation.cli ? `\n\n${m.remediation.cli}` : ""}`,
      markdown,
    },
    helpUri: m.references[0] ?? "https://learn.microsoft.com/en-us/azure/security/",
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags, precision: PRECISION[m.confidence], "security-severity": SECURITY_SEVERITY[m.severity], "problem.severity": LEVEL[m.severity] === "note" ? "recommendation" : LEVEL[m.severity] },
  };
}

function sarifResult(f: Finding, ruleIndex: number, hasBaseline: boolean) {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: pseudoPath(f.resource.id) }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: f.resource.id, kind: "resource" }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint },
    ...(hasBaseline ? { baselineState: f.state === "baseline" ? "unchanged" : "new" } : {}),
    ...(f.state === "suppressed" && f.suppression
      ? { suppressions: [{ kind: "external", status: "accepted", justification: `${f.suppression.reason} (until ${f.suppression.expires})` }] }
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
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.meta.id, i]));
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
        message: { text: c.status === "unavailable" ? `section ${c.name} unavailable: ${c.reason}` : `section ${c.name} incomplete: ${c.gaps.map((g) => `${g.scope}: ${g.reason}`).join("; ")}` },
        descriptor: { id: "coverage-gap" },
      })),
    ...result.warnings.map((w) => ({ level: "warning", message: { text: w.message }, descriptor: { id: w.code } })),
    ...(omitted > 0
      ? [{ level: "warning", message: { text: `${omitted} lower-severity results left out: GitHub rejects runs with more than ${GITHUB_RESULTS_LIMIT} results; findings.json has every finding` }, descriptor: { id: "sarif-results-capped" } }]
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
            rules: ctx.rules.map(sarifRule),
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
        results: ordered.map((f) => sarifResult(f, ruleIndex.get(f.ruleId) ?? -1, hasBaseline)),
        properties: {
          collectedAt: result.run.collectedAt,
          complete: result.summary.complete,
          ...(result.findings.length > GITHUB_DISPLAY_LIMIT
            ? { truncationWarning: `${result.findings.length} findings; ${ordered.length} results in this run, of which GitHub code scanning shows the first ${GITHUB_DISPLAY_LIMIT} (highest severity first)` }
            : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
