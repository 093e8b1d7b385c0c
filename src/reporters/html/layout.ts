// The layout of report.html's JSON data block, shared by the code that writes it (data.ts) and
// the page's script that reads it (client/): a finding is one array, and both sides index it
// through F, so a position exists in one place only.
import type { Evidence } from "../../rules/types.ts";

/** Positions in a ClientFinding. The facets come first, in the order of FACETS. */
export const F = {
  severity: 0,
  rule: 1,
  sub: 2,
  state: 3,
  conf: 4,
  type: 5,
  name: 6,
  id: 7,
  message: 8,
  fingerprint: 9,
  compliance: 10,
  evidenceKeys: 11,
  evidenceValues: 12,
  suppression: 13,
  fix: 14,
} as const;

/** The filterable fields: FACETS[i] is at position i of a finding, an index into facets[FACETS[i]]. */
export const FACETS = ["severity", "rule", "sub", "state"] as const;
export type Facet = (typeof FACETS)[number];

/** A string met once, or an index into ClientData.vals. */
export type Pooled = string | number;
export type Value = Evidence[string];

/**
 * One finding, by position (F): severity, rule, subscription ("" = none) and state are indices
 * into `facets`; confidence into `conf`; resource type into `types`; display name (null = none)
 * and resource id are pooled values; message and fingerprint inline; compliance labels into
 * `comp`; evidence keys into `evk`; evidence values pooled, in the order of those keys; for
 * suppressed findings only, the suppression [reason, expires, resource pattern] (null when the
 * finding is not suppressed but has a fix); for findings with commands that fix them, the fix
 * [note, [purpose, command] per command].
 */
export type ClientFinding = [
  severity: number,
  rule: number,
  sub: number,
  state: number,
  conf: number,
  type: number,
  name: Pooled,
  id: Pooled,
  message: string,
  fingerprint: string,
  compliance: number,
  evidenceKeys: number,
  evidenceValues: Pooled[],
  suppression?: [reason: string, expires: string, resource: string] | null,
  fix?: [note: string, commands: [purpose: string, command: string][]],
];

export interface ClientData {
  facets: Record<Facet, string[]>;
  /** Display names of facets.sub, position for position (null: not known). */
  subNames: (string | null)[];
  conf: string[];
  types: string[];
  comp: string[][];
  evk: string[][];
  /** Shared values, most used first: see Pooled. */
  vals: Value[];
  /**
   * Each rule's remediation, position for position with facets.rule (null: no meta). A list, not
   * an object keyed by rule id: a key such as "service-principal-password": would look like a
   * secret assignment to the report's redaction and be cut out, breaking the JSON.
   */
  rules: ({ portal: string[]; cli: string | null } | null)[];
  /** Rows the script lists at a time when it, not the markup, fills the table. */
  page: number;
  /** In the order of result.findings, which is the order of any server-rendered rows. */
  findings: ClientFinding[];
}

/** Query parameters of a shared, filtered view (`report.html?severity=high&q=owner`). */
export const URL_PARAMS = { q: "q", sort: "sort" } as const;
/** The `sub` parameter's value for findings on no subscription (Entra ID objects). */
export const NO_SUB = "-";
