// ARM scope arithmetic: which scopes sit above or below which. The management group tree comes
// from properties.details.parent; subscriptions hang off it through the fixture's managementGroup.
import type { TenantFixture } from "./types.ts";

export type Scope =
  | { kind: "root" }
  | { kind: "mg"; name: string }
  | { kind: "sub"; subId: string }
  | { kind: "rg"; subId: string; rg: string }
  | { kind: "resource"; subId: string; rg: string };

const MG_PREFIX = "/providers/microsoft.management/managementgroups/";

export function normalizeScope(scope: string): string {
  const s = "/" + scope.split("/").filter(Boolean).join("/");
  return s;
}

export function parseScope(scope: string): Scope | undefined {
  const segs = scope.split("/").filter(Boolean);
  if (segs.length === 0) return { kind: "root" };
  const lower = segs.map((s) => s.toLowerCase());
  if (
    lower[0] === "providers" &&
    lower[1] === "microsoft.management" &&
    lower[2] === "managementgroups" &&
    segs.length === 4
  ) {
    return { kind: "mg", name: segs[3]! };
  }
  if (lower[0] !== "subscriptions" || segs.length < 2) return undefined;
  const subId = segs[1]!.toLowerCase();
  if (segs.length === 2) return { kind: "sub", subId };
  if (lower[2] !== "resourcegroups" || segs.length < 4) return undefined;
  if (segs.length === 4) return { kind: "rg", subId, rg: segs[3]! };
  if (lower[4] !== "providers" || segs.length < 8) return undefined;
  return { kind: "resource", subId, rg: segs[3]! };
}

export function mgScope(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

/** segment-wise, case-insensitive: is `inner` equal to or under `outer`? */
export function isAtOrUnder(inner: string, outer: string): boolean {
  const a = inner.toLowerCase().split("/").filter(Boolean);
  const b = outer.toLowerCase().split("/").filter(Boolean);
  if (b.length > a.length) return false;
  return b.every((s, i) => a[i] === s);
}

/** the tree, indexed once per server */
export class ScopeTree {
  private readonly mgParent = new Map<string, string | undefined>();
  private readonly mgCase = new Map<string, string>();
  private readonly subMg = new Map<string, string>();

  constructor(fixture: TenantFixture) {
    for (const mg of fixture.managementGroups) {
      const parentId = mg.properties.details?.parent?.id;
      const parentName = typeof parentId === "string" ? parentId.split("/").filter(Boolean).pop() : undefined;
      this.mgParent.set(mg.name.toLowerCase(), parentName?.toLowerCase());
      this.mgCase.set(mg.name.toLowerCase(), mg.name);
    }
    for (const sub of fixture.subscriptions)
      this.subMg.set(sub.subscriptionId.toLowerCase(), sub.managementGroup.toLowerCase());
  }

  hasMg(name: string): boolean {
    return this.mgParent.has(name.toLowerCase());
  }

  hasSub(id: string): boolean {
    return this.subMg.has(id.toLowerCase());
  }

  /** mg names (lowercase) from `name` up to the tenant root group, inclusive */
  mgChain(name: string): string[] {
    const out: string[] = [];
    let cur: string | undefined = name.toLowerCase();
    while (cur && !out.includes(cur)) {
      out.push(cur);
      cur = this.mgParent.get(cur);
    }
    return out;
  }

  /** normalized scopes strictly above `scope`, nearest first, ending with "/" */
  ancestors(scope: string): string[] {
    const parsed = parseScope(scope);
    if (!parsed || parsed.kind === "root") return [];
    const out: string[] = [];
    let mgStart: string | undefined;
    if (parsed.kind === "mg") {
      mgStart = this.mgParent.get(parsed.name.toLowerCase());
    } else {
      const segs = scope.split("/").filter(Boolean);
      // resources nest (…/sites/a/slots/b), so every even-length prefix from the sub down is a scope
      for (let n = segs.length - 1; n >= 2; n--) {
        const prefix = "/" + segs.slice(0, n).join("/");
        if (parseScope(prefix)) out.push(prefix.toLowerCase());
      }
      mgStart = this.subMg.get(parsed.subId);
    }
    if (mgStart) for (const mg of this.mgChain(mgStart)) out.push(mgScope(this.mgCase.get(mg) ?? mg).toLowerCase());
    out.push("/");
    return out;
  }

  /** is `candidate` strictly below `scope` in the hierarchy (mg tree included)? */
  isBelow(candidate: string, scope: string): boolean {
    const c = candidate.toLowerCase();
    const s = scope.toLowerCase();
    if (c === s) return false;
    return this.ancestors(candidate).includes(s === "" ? "/" : s);
  }
}

export { MG_PREFIX };
