import type { Principal } from "../../inventory/types.ts";

// Accounts whose identity another organisation governs: B2B guests, and external members (B2B
// users invited, or converted, with userType Member; their UPN keeps the `#EXT#` marker).
// https://learn.microsoft.com/en-us/entra/external-id/user-properties

export type ExternalKind = "guest" | "externalMember";

const hasExtMarker = (p: Principal) => (p.userPrincipalName ?? "").toUpperCase().includes("#EXT#");

/**
 * A guest: userType Guest; or, when the directory returned no userType (older B2B invitations),
 * a UPN carrying the `#EXT#` marker of an invited external account.
 */
export function isGuestUser(p: Principal | undefined): boolean {
  if (!p || !p.found || p.type !== "user") return false;
  if (p.userType !== null) return p.userType.toLowerCase() === "guest";
  return hasExtMarker(p);
}

/** How an account is external, or null for the tenant's own accounts (and anything not a found user). */
export function externalKind(p: Principal | undefined): ExternalKind | null {
  if (!p || !p.found || p.type !== "user") return null;
  if (isGuestUser(p)) return "guest";
  return hasExtMarker(p) ? "externalMember" : null;
}

export const EXTERNAL_LABEL: Record<ExternalKind, string> = { guest: "Guest user", externalMember: "External member" };
