// ARM scope arithmetic: which scopes sit above or below which. The management group tree comes
// from properties.details.parent; subscriptions hang off it through the fixture's managementGroup.
import { enclosingScopes, lastSegment, mgScope, parseScope } from "../arm/resource-id.ts";
import type { TenantFixture } from "./types.ts";

/** the tree, indexed once per server */
export class ScopeTree {
  private readonly mgParent = new Map<string, string | undefined>();
  private readonly mgCase = new Map<string, string>();
  private readonly subMg = new Map<string, string>();

  constructor(fixture: TenantFixture) {
    for (const mg of fixture.managementGroups) {
      const parentId = mg.properties.details?.parent?.id;
      const parentName = typeof parentId === "string" ? lastSegment(parentId) : undefined;
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
      out.push(...enclosingScopes(scope));
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
