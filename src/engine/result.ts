import type {
  CoverageGap,
  CoverageNote,
  ExportProvenance,
  InventorySource,
  OptionalSectionName,
  SectionName,
} from "../inventory/types.ts";
import type { Category, Confidence, Severity } from "../rules/types.ts";
import type { Finding } from "./finding.ts";
import type { IdentityEntry } from "../identities/types.ts";

export const SCAN_RESULT_SCHEMA = "azaudit-scan-result/v1";

export interface RuleRun {
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: Category;
  /** `error`: the rule threw; its findings are dropped, the scan is incomplete (exit 3). */
  status: "ran" | "skipped" | "disabled" | "error";
  /** Why a rule did not run: the unavailable section's reason, the config that turned it off, or the error it threw. */
  reason: string | null;
  subjectNoun: string;
  subjectsChecked: number;
  subjectsFailing: number;
  findings: number;
}

export interface SectionCoverage {
  name: SectionName | OptionalSectionName;
  status: "ok" | "unavailable";
  items: number | null;
  reason: string | null;
  missingPermission: string | null;
  gaps: CoverageGap[];
  /** Scopes excluded or judged from a documented "not there" answer: named, not incomplete. */
  notes: CoverageNote[];
}

export interface ScanWarning {
  code:
    | "suppression-expired"
    | "suppression-unused"
    | "sarif-truncated"
    | "baseline-incomplete"
    | "baseline-tenant-unknown"
    | "rule-error"
    | "optional-section-unavailable";
  message: string;
}

export interface ScanSummary {
  total: number;
  open: number;
  suppressed: number;
  baseline: number;
  /** Open findings by severity. */
  bySeverity: Record<Severity, number>;
  failOn: Severity | "none";
  /** true when every section was collected in full and every enabled rule ran without error. */
  complete: boolean;
  /** Rules that threw: their ids (the reason is on the rule's entry in `rules`). */
  rulesInError: string[];
  exitCode: 0 | 1 | 3;
}

/** findings.json: versioned, since it is also the --baseline and `diff` input. */
export interface ScanResult {
  schema: typeof SCAN_RESULT_SCHEMA;
  tool: { name: "azaudit"; version: string };
  run: {
    /** Wall-clock time of this run: the one field allowed to differ between runs. */
    startedAt: string;
    collectedAt: string;
    source: InventorySource;
    /** For an `az` export: when it was made and by whom (absent for other sources). */
    export?: ExportProvenance;
    cloud: string | null;
    tenantId: string | null;
    tenantName: string | null;
  };
  summary: ScanSummary;
  coverage: SectionCoverage[];
  rules: RuleRun[];
  findings: Finding[];
  /** Who holds a credential or a privilege, in the order to fix them (rank 1 first). */
  identities: IdentityEntry[];
  warnings: ScanWarning[];
}
