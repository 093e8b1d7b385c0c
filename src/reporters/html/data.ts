// The JSON data block of report.html: everything the script needs to list, filter, sort and
// search all findings and to build a finding's details when it is opened. Compact on purpose
// (a tenant can have tens of thousands of findings): one array per finding, and every string that
// many findings share (facet values, resource types, compliance label lists, evidence key lists,
// rule remediation) stored once and referred to by index. Names, resource ids and evidence values
// go through a value pool: a JSON number in those places is an index into `vals`, a JSON string is
// the value itself. Strings many findings share (a tenant id, a permission, a scope) and every
// non-string value (numbers, booleans, null, lists) are pooled; a string met once stays inline.
import type { Finding } from "../../engine/finding.ts";
import type { ScanResult } from "../../engine/result.ts";
import { SEVERITIES, type AnyRule, type Evidence } from "../../rules/types.ts";

/**
 * One finding, by position (the script names the same positions):
 * 0 severity, 1 rule, 2 subscription ("" = none), 3 state: indices into `facets`;
 * 4 confidence: index into `conf`; 5 resource type: index into `types`;
 * 6 display name (null = none) and 7 resource id: pooled values (see above); 8 message;
 * 9 fingerprint; 10 compliance labels: index into `comp`; 11 evidence keys: index into `evk`;
 * 12 evidence values, pooled, in the order of those keys;
 * 13 (suppressed findings only) suppression [reason, expires, resource pattern].
 */
export type ClientFinding =
  | [number, number, number, number, number, number, Pooled, Pooled, string, string, number, number, Pooled[]]
  | [
      number,
      number,
      number,
      number,
      number,
      number,
      Pooled,
      Pooled,
      string,
      string,
      number,
      number,
      Pooled[],
      [string, string, string],
    ];

/** A string met once, or an index into ClientData.vals. */
type Pooled = string | number;
type Value = Evidence[string];

export interface ClientData {
  facets: { severity: string[]; rule: string[]; sub: string[]; state: string[] };
  conf: string[];
  types: string[];
  comp: string[][];
  evk: string[][];
  /** Shared values, most used first: see Pooled. */
  vals: Value[];
  rules: Record<string, { portal: string[]; cli: string | null }>;
  /** Rows the script lists at a time when it, not the markup, fills the table. */
  page: number;
  /** In the order of result.findings, which is the order of any server-rendered rows. */
  findings: ClientFinding[];
}

/** Assigns indices in order of first appearance: deterministic for a given input. */
class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (v: T) => string) {}
  id(v: T): number {
    const k = this.key(v);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.index.set(k, i);
    }
    return i;
  }
}

export function clientData(result: ScanResult, metas: Map<string, AnyRule>, page: number): ClientData {
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  const facets = {
    severity: [...SEVERITIES] as string[],
    rule: sorted(result.findings.map((f) => f.ruleId)),
    sub: sorted(result.findings.map((f) => f.resource.subscriptionId ?? "")),
    state: sorted(result.findings.map((f) => f.state)),
  };
  const index = (list: string[]) => new Map(list.map((v, i) => [v, i]));
  const [sev, rule, sub, state] = [index(facets.severity), index(facets.rule), index(facets.sub), index(facets.state)];
  const conf = new Table<string>((s) => s);
  const types = new Table<string>((s) => s);
  const comp = new Table<string[]>((l) => JSON.stringify(l));
  const evk = new Table<string[]>((l) => JSON.stringify(l));
  const rules: ClientData["rules"] = {};
  for (const id of facets.rule) {
    const m = metas.get(id)?.meta;
    if (m) rules[id] = { portal: m.remediation.portal, cli: m.remediation.cli };
  }
  const pooled = valuePool(result.findings);
  const row = (f: Finding): ClientFinding => {
    const keys = Object.keys(f.evidence);
    const base: ClientFinding = [
      sev.get(f.severity)!,
      rule.get(f.ruleId)!,
      sub.get(f.resource.subscriptionId ?? "")!,
      state.get(f.state)!,
      conf.id(f.confidence),
      types.id(f.resource.type),
      pooled.ref(f.resource.displayName ?? null),
      pooled.ref(f.resource.id),
      f.message,
      f.fingerprint,
      comp.id(f.compliance),
      evk.id(keys),
      keys.map((k) => pooled.ref(f.evidence[k]!)),
    ];
    if (f.state === "suppressed" && f.suppression)
      return [...base, [f.suppression.reason, f.suppression.expires, f.suppression.resource]];
    return base;
  };
  const findings = result.findings.map(row);
  return {
    facets,
    conf: conf.values,
    types: types.values,
    comp: comp.values,
    evk: evk.values,
    vals: pooled.values,
    rules,
    page,
    findings,
  };
}

/** Strings shorter than this stay inline even when repeated: an index would save next to nothing. */
const POOL_MIN_LENGTH = 6;

function valuePool(findings: readonly Finding[]): { values: Value[]; ref: (v: Value) => Pooled } {
  const key = (v: Value) => (typeof v === "string" ? `s${v}` : `j${JSON.stringify(v)}`);
  const seen = new Map<string, { v: Value; n: number; first: number }>();
  const count = (v: Value) => {
    const k = key(v);
    const e = seen.get(k);
    if (e) e.n++;
    else seen.set(k, { v, n: 1, first: seen.size });
  };
  for (const f of findings) {
    count(f.resource.displayName ?? null);
    count(f.resource.id);
    for (const k of Object.keys(f.evidence)) count(f.evidence[k]!);
  }
  const pool = [...seen.entries()]
    .filter(([, e]) => typeof e.v !== "string" || (e.n > 1 && e.v.length >= POOL_MIN_LENGTH))
    // Most used first, so the commonest values get the shortest indices; ties by first use.
    .sort(([, a], [, b]) => b.n - a.n || a.first - b.first);
  const index = new Map(pool.map(([k], i) => [k, i]));
  return {
    values: pool.map(([, e]) => e.v),
    ref: (v) => {
      const i = index.get(key(v));
      return i === undefined ? (v as string) : i;
    },
  };
}
