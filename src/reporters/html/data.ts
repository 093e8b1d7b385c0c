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
import { SEVERITIES, type AnyRule } from "../../rules/types.ts";
import { subscriptionName, type TenantView } from "../tenant-view.ts";
import { F, type ClientData, type ClientFinding, type Pooled, type Value } from "./layout.ts";

export type { ClientData, ClientFinding } from "./layout.ts";

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

export function clientData(
  result: ScanResult,
  metas: Map<string, AnyRule>,
  page: number,
  view?: TenantView,
): ClientData {
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
  const rules: ClientData["rules"] = facets.rule.map((id) => {
    const m = metas.get(id)?.meta;
    return m ? { portal: m.remediation.portal, cli: m.remediation.cli } : null;
  });
  const pooled = valuePool(result.findings);
  const row = (f: Finding): ClientFinding => {
    const keys = Object.keys(f.evidence);
    // Written by position through F, as the page's script reads it.
    const r = [] as unknown as ClientFinding;
    r[F.severity] = at(sev, f.severity);
    r[F.rule] = at(rule, f.ruleId);
    r[F.sub] = at(sub, f.resource.subscriptionId ?? "");
    r[F.state] = at(state, f.state);
    r[F.conf] = conf.id(f.confidence);
    r[F.type] = types.id(f.resource.type);
    r[F.name] = pooled.ref(f.resource.displayName ?? null);
    r[F.id] = pooled.ref(f.resource.id);
    r[F.message] = f.message;
    r[F.fingerprint] = f.fingerprint;
    r[F.compliance] = comp.id(f.compliance);
    r[F.evidenceKeys] = evk.id(keys);
    r[F.evidenceValues] = Object.values(f.evidence).map((v) => pooled.ref(v));
    if (f.state === "suppressed" && f.suppression)
      r[F.suppression] = [f.suppression.reason, f.suppression.expires, f.suppression.resource];
    if (f.fix && f.fix.commands.length > 0) {
      r[F.suppression] ??= null;
      r[F.fix] = [f.fix.note, f.fix.commands.map((c) => [c.purpose, c.command])];
    }
    return r;
  };
  const findings = result.findings.map(row);
  return {
    facets,
    subNames: facets.sub.map((id) => (id ? subscriptionName(view, id) : null)),
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

/** A facet value's index; every value was listed from the same findings. */
function at(index: Map<string, number>, value: string): number {
  const i = index.get(value);
  if (i === undefined) throw new Error(`report data: ${JSON.stringify(value)} is not among the facet values`);
  return i;
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
    for (const v of Object.values(f.evidence)) count(v);
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
