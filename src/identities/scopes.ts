import type { Inventory } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";

// ARM scopes as people read them, and which scope contains which: management groups contain
// their child groups and subscriptions, everything else contains what its id is a prefix of.

const MG_PREFIX = "/providers/microsoft.management/managementgroups/";

/** The display name of a subscription, management group or resource group scope; null when unknown. */
export function scopeNamer(inventory: Inventory): (scope: string) => string | null {
  const subs = new Map(optionalItems(inventory, "subscriptions").map((s) => [s.id.toLowerCase(), s.displayName]));
  const mgs = new Map(optionalItems(inventory, "managementGroups").map((m) => [m.id.toLowerCase(), m.displayName]));
  return (scope) => {
    const s = scope.toLowerCase().replace(/\/+$/, "");
    if (s === "") return "tenant root";
    const known = subs.get(s) ?? mgs.get(s);
    if (known !== undefined) return known;
    const rg = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)$/i.exec(scope);
    if (rg) return rg[1] ?? null;
    const resource = /\/providers\/[^/]+\/[^/]+\/([^/]+)$/i.exec(scope);
    return scope.toLowerCase().startsWith(MG_PREFIX) ? null : (resource?.[1] ?? null);
  };
}

/** Whether a role assignment at `scope` applies to the ARM object `id`. */
export function scopeContainment(inventory: Inventory): (scope: string, id: string) => boolean {
  const mgParent = new Map(
    optionalItems(inventory, "managementGroups").map((m) => [m.id.toLowerCase(), m.parentId?.toLowerCase() ?? null]),
  );
  const subMg = new Map(
    optionalItems(inventory, "subscriptions").map((s) => [
      s.subscriptionId.toLowerCase(),
      s.managementGroupId?.toLowerCase() ?? null,
    ]),
  );
  const mgAncestors = (mg: string | null): Set<string> => {
    const seen = new Set<string>();
    for (let at = mg; at !== null && !seen.has(at); at = mgParent.get(at) ?? null) seen.add(at);
    return seen;
  };
  return (scope, id) => {
    const s = scope.toLowerCase().replace(/\/+$/, "");
    const target = id.toLowerCase();
    if (s === "") return true;
    if (target === s || target.startsWith(`${s}/`)) return true;
    if (!s.startsWith(MG_PREFIX)) return false;
    const sub = /^\/subscriptions\/([^/]+)/.exec(target)?.[1];
    const start = sub !== undefined ? (subMg.get(sub) ?? null) : target.startsWith(MG_PREFIX) ? target : null;
    return mgAncestors(start).has(s);
  };
}
