// ARM resource ids and scopes: the one place that knows their grammar. ARM ids alternate type and
// name segments: `/subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}…`,
// management groups sit under `/providers/Microsoft.Management/managementGroups/{name}`, the
// tenant root scope is `/`. ARM compares ids case-insensitively and returns them in mixed casing.
import type { ScopeLevel } from "../inventory/types.ts";

export const MG_PROVIDER = "/providers/Microsoft.Management/managementGroups/";

export type ParsedScope =
  | { kind: "root" }
  | { kind: "mg"; name: string }
  | { kind: "sub"; subId: string }
  | { kind: "rg"; subId: string; rg: string }
  | { kind: "resource"; subId: string; rg: string };

export function segmentsOf(id: string): string[] {
  return id.split("/").filter(Boolean);
}

/** Same casing, one leading slash, no empty segments: `subscriptions//x/` → `/subscriptions/x`; `` → `/`. */
export function normalizeSlashes(scope: string): string {
  return "/" + segmentsOf(scope).join("/");
}

/** The key two scopes compare equal under: trimmed, slashes normalised, lower case (`/` for the root). */
export function scopeKey(scope: string): string {
  return normalizeSlashes(scope.trim()).toLowerCase();
}

export function mgScope(name: string): string {
  return `${MG_PROVIDER}${name}`;
}

export function subscriptionScope(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

export function resourceGroupScope(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/**
 * A tracked resource's id. Nested types (`Microsoft.Web/sites/slots`, name `site/slot`) interleave
 * their type and name segments.
 */
export function resourceId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  const [namespace, ...types] = type.split("/");
  const names = name.split("/");
  const path = types.map((t, i) => `${t}/${names[i] ?? ""}`).join("/");
  return `${resourceGroupScope(subscriptionId, resourceGroup)}/providers/${namespace ?? ""}/${path}`;
}

/** An extension resource at a scope (role assignments, assessments…): the root scope adds no prefix. */
export function extensionResourceId(scope: string, type: string, name: string): string {
  const at = scope === "/" ? "" : scope;
  return `${at}/providers/${type}/${name}`;
}

/**
 * A role definition's id as ARM spells it for an assignment at `scope`: under the scope's
 * subscription when there is one, tenant-level otherwise.
 */
export function roleDefinitionIdAt(scope: string, roleGuid: string): string {
  const sub = subscriptionSpelled(scope);
  return extensionResourceId(
    sub === null ? "/" : subscriptionScope(sub),
    "Microsoft.Authorization/roleDefinitions",
    roleGuid,
  );
}

/** The scope an id parses to, or undefined when it is not a scope ARM has. */
export function parseScope(scope: string): ParsedScope | undefined {
  const segs = segmentsOf(scope);
  if (segs.length === 0) return { kind: "root" };
  const lower = segs.map((s) => s.toLowerCase());
  if (
    lower[0] === "providers" &&
    lower[1] === "microsoft.management" &&
    lower[2] === "managementgroups" &&
    segs.length === 4
  ) {
    return { kind: "mg", name: segs[3] ?? "" };
  }
  if (lower[0] !== "subscriptions" || segs.length < 2) return undefined;
  const subId = lower[1] ?? "";
  if (segs.length === 2) return { kind: "sub", subId };
  if (lower[2] !== "resourcegroups" || segs.length < 4) return undefined;
  const rg = segs[3] ?? "";
  if (segs.length === 4) return { kind: "rg", subId, rg };
  if (lower[4] !== "providers" || segs.length < 8) return undefined;
  return { kind: "resource", subId, rg };
}

/** The level of the hierarchy an id sits at; anything not a root, group, subscription or group is a resource. */
export function scopeLevel(scope: string): ScopeLevel {
  const segs = segmentsOf(scope).map((s) => s.toLowerCase());
  if (segs.length === 0) return "root";
  if (segs[0] === "providers" && segs[1] === "microsoft.management" && segs[2] === "managementgroups")
    return "managementGroup";
  if (segs[0] === "subscriptions") {
    if (segs.length <= 2) return "subscription";
    if (segs[2] === "resourcegroups" && segs.length <= 4) return "resourceGroup";
    return "resource";
  }
  return "resource";
}

export function isSubscriptionScope(scope: string): boolean {
  return /^\/subscriptions\/[^/]+\/?$/i.test(scope.trim());
}

export function isManagementGroupScope(scope: string): boolean {
  return scopeKey(scope).startsWith(MG_PROVIDER.toLowerCase());
}

function subscriptionSpelled(id: string): string | null {
  const m = /^\/subscriptions\/([^/]+)/i.exec(id);
  return m?.[1] ?? null;
}

/** Lowercased subscription GUID of a subscription, resource group or resource id; null above. */
export function subscriptionIdOf(id: string): string | null {
  return subscriptionSpelled(id)?.toLowerCase() ?? null;
}

/** Resource group name as spelled in the id; null for ids outside a resource group. */
export function resourceGroupOf(id: string): string | null {
  const m = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(id);
  return m?.[1] ?? null;
}

/** The last segment: a resource's, group's or subscription's name. */
export function lastSegment(id: string): string {
  return segmentsOf(id).pop() ?? id;
}

/**
 * Type and name after the last `providers/{namespace}`: `Microsoft.Web/sites/slots` and `web-1/staging`
 * for a slot's id. Null when no provider segment is followed by whole type/name pairs.
 */
export function providerTypeAndName(id: string): { type: string; name: string } | null {
  const segs = segmentsOf(id);
  const at = segs.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (at < 0) return null;
  const namespace = segs[at + 1];
  const rest = segs.slice(at + 2);
  if (namespace === undefined || rest.length < 2 || rest.length % 2 !== 0) return null;
  const types: string[] = [];
  const names: string[] = [];
  rest.forEach((s, i) => (i % 2 === 0 ? types : names).push(s));
  return { type: `${namespace}/${types.join("/")}`, name: names.join("/") };
}

/** The resource type of any id: a provider type, `Microsoft.Resources/resourceGroups` or `…/subscriptions`, or `unknown`. */
export function resourceTypeOf(id: string): string {
  const segs = segmentsOf(id);
  const at = segs.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (at >= 0 && segs.length > at + 2) {
    const rest = segs.slice(at + 1);
    const types = [rest[0] ?? "", ...rest.slice(1).filter((_, i) => i % 2 === 0)];
    return `${types[0] ?? ""}/${types.slice(1).join("/")}`;
  }
  if (segs.length >= 4 && segs[2]?.toLowerCase() === "resourcegroups") return "Microsoft.Resources/resourceGroups";
  if (segs.length >= 2 && segs[0]?.toLowerCase() === "subscriptions") return "Microsoft.Resources/subscriptions";
  return "unknown";
}

/** Segment-wise, case-insensitive: is `inner` equal to or under `outer` by id alone (no management group tree)? */
export function isAtOrUnder(inner: string, outer: string): boolean {
  const a = segmentsOf(inner.toLowerCase());
  const b = segmentsOf(outer.toLowerCase());
  if (b.length > a.length) return false;
  return b.every((s, i) => a[i] === s);
}

/**
 * The scopes an id sits in by its own segments, nearest first, lowercased, without management
 * groups (only the tree knows those) and without the root: every prefix from the subscription
 * down that parses as a scope (resources nest: …/sites/a/slots/b). Type-only prefixes such as
 * …/sites/a/slots are kept: nothing can be assigned there, so they match nothing.
 */
export function enclosingScopes(id: string): string[] {
  const segs = segmentsOf(id);
  const out: string[] = [];
  for (let n = segs.length - 1; n >= 2; n--) {
    const prefix = "/" + segs.slice(0, n).join("/");
    if (parseScope(prefix)) out.push(prefix.toLowerCase());
  }
  return out;
}
