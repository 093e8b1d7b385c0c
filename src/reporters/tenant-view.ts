// What the HTML and Markdown reports show beside the findings, taken from the inventory the result
// was judged on: display names for subscription and management group ids, and every app and
// service principal credential (not only those a rule fired on) for the expiry timeline.
// Absent when a report is rendered from a findings.json alone; the reports then show ids only.
import type { Inventory, KeyCredential, PasswordCredential } from "../inventory/types.ts";

export interface CredentialView {
  holder: "application" | "servicePrincipal";
  holderId: string;
  holderName: string;
  appId: string;
  type: "password" | "certificate";
  keyId: string;
  displayName: string | null;
  endDateTime: string | null;
}

export interface TenantView {
  /** Lower-cased subscription GUID → display name. */
  subscriptions: ReadonlyMap<string, string>;
  /** Lower-cased management group name (the last segment of its id) → display name. */
  managementGroups: ReadonlyMap<string, string>;
  /** Sorted by holder kind, holder id, type and keyId: deterministic for a given inventory. */
  credentials: CredentialView[];
  /** false when the applications or servicePrincipals section could not be collected. */
  credentialsComplete: boolean;
}

export function tenantView(inv: Inventory): TenantView {
  // Maps, not objects: ids come from the tenant, and "__proto__" is a valid management group name.
  const subscriptions = new Map<string, string>();
  if (inv.subscriptions.status === "ok")
    for (const s of inv.subscriptions.items) subscriptions.set(s.subscriptionId.toLowerCase(), s.displayName);
  const managementGroups = new Map<string, string>();
  if (inv.managementGroups.status === "ok")
    for (const m of inv.managementGroups.items) managementGroups.set(m.name.toLowerCase(), m.displayName);
  const credentials: CredentialView[] = [];
  const add = (
    holder: CredentialView["holder"],
    o: { id: string; appId: string; displayName: string },
    passwords: readonly PasswordCredential[],
    keys: readonly KeyCredential[],
  ) => {
    for (const [type, list] of [
      ["password", passwords],
      ["certificate", keys],
    ] as const)
      for (const c of list)
        credentials.push({
          holder,
          holderId: o.id,
          holderName: o.displayName,
          appId: o.appId,
          type,
          keyId: c.keyId,
          displayName: c.displayName,
          endDateTime: c.endDateTime,
        });
  };
  if (inv.applications.status === "ok")
    for (const a of inv.applications.items) add("application", a, a.passwordCredentials, a.keyCredentials);
  if (inv.servicePrincipals.status === "ok")
    for (const sp of inv.servicePrincipals.items)
      add("servicePrincipal", sp, sp.passwordCredentials, sp.keyCredentials);
  const key = (c: CredentialView) => `${c.holder}|${c.holderId.toLowerCase()}|${c.type}|${c.keyId.toLowerCase()}`;
  credentials.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    subscriptions,
    managementGroups,
    credentials,
    credentialsComplete: inv.applications.status === "ok" && inv.servicePrincipals.status === "ok",
  };
}

const MG_PREFIX = "/providers/microsoft.management/managementgroups/";

/** The display name of a subscription or management group scope id, when the view knows it. */
export function scopeName(view: TenantView | undefined, id: string): string | null {
  if (!view) return null;
  const lower = id.toLowerCase().replace(/\/+$/, "");
  const sub = /^\/subscriptions\/([^/]+)$/.exec(lower)?.[1];
  if (sub) return view.subscriptions.get(sub) ?? null;
  if (lower.startsWith(MG_PREFIX) && !lower.slice(MG_PREFIX.length).includes("/"))
    return view.managementGroups.get(lower.slice(MG_PREFIX.length)) ?? null;
  return null;
}

/** The display name of a subscription GUID, when the view knows it. */
export function subscriptionName(view: TenantView | undefined, subscriptionId: string): string | null {
  return view?.subscriptions.get(subscriptionId.toLowerCase()) ?? null;
}
