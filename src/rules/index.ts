// The explicit registry: a rule exists for azaudit when, and only when, it is listed here.
// Order is the catalogue order of docs/rules.md (reports sort findings on their own).
import type { AnyRule } from "./types.ts";
import appSecretLifetime from "./app-secret-lifetime/index.ts";
import appCertificateLifetime from "./app-certificate-lifetime/index.ts";
import credentialExpiring from "./credential-expiring/index.ts";
import credentialExpired from "./credential-expired/index.ts";
import credentialUnused from "./credential-unused/index.ts";
import servicePrincipalPassword from "./service-principal-password/index.ts";
import servicePrincipalCertificate from "./service-principal-certificate/index.ts";
import secretWhereFederationFits from "./secret-where-federation-fits/index.ts";
import privilegedIdentityWithSecret from "./privileged-identity-with-secret/index.ts";
import privilegedRoleBroadScope from "./privileged-role-broad-scope/index.ts";
import servicePrincipalBroadRead from "./service-principal-broad-read/index.ts";
import customRoleOwnerEquivalent from "./custom-role-owner-equivalent/index.ts";
import subscriptionOwnerCount from "./subscription-owner-count/index.ts";
import guestPrivilegedRole from "./guest-privileged-role/index.ts";
import guestPrivilegedEntraRole from "./guest-privileged-entra-role/index.ts";
import dataPlanePrivilege from "./data-plane-privilege/index.ts";
import orphanedRoleAssignment from "./orphaned-role-assignment/index.ts";
import workloadManagedIdentity from "./workload-managed-identity/index.ts";
import managedIdentityPrivileged from "./managed-identity-privileged/index.ts";
import graphPrivilegedAppPermission from "./graph-privileged-app-permission/index.ts";
import graphTenantWideConsent from "./graph-tenant-wide-consent/index.ts";
import tenantWideDataAppPermission from "./tenant-wide-data-app-permission/index.ts";
import appWithoutOwner from "./app-without-owner/index.ts";
import defenderPlanDisabled from "./defender-plan-disabled/index.ts";
import defenderUnhealthyAssessment from "./defender-unhealthy-assessment/index.ts";
import requiredTags from "./required-tags/index.ts";

export const RULES: readonly AnyRule[] = [
  // credentials
  appSecretLifetime,
  appCertificateLifetime,
  credentialExpiring,
  credentialExpired,
  credentialUnused,
  servicePrincipalPassword,
  servicePrincipalCertificate,
  secretWhereFederationFits,
  privilegedIdentityWithSecret,
  // access (Azure RBAC)
  privilegedRoleBroadScope,
  servicePrincipalBroadRead,
  customRoleOwnerEquivalent,
  subscriptionOwnerCount,
  guestPrivilegedRole,
  dataPlanePrivilege,
  orphanedRoleAssignment,
  // identity
  workloadManagedIdentity,
  managedIdentityPrivileged,
  guestPrivilegedEntraRole,
  // permissions (Microsoft Graph)
  graphPrivilegedAppPermission,
  graphTenantWideConsent,
  tenantWideDataAppPermission,
  appWithoutOwner,
  // defender and governance
  defenderPlanDisabled,
  defenderUnhealthyAssessment,
  requiredTags,
];

/** Finds a rule by id or former id (alias). */
export function findRule(rules: readonly AnyRule[], idOrAlias: string): AnyRule | undefined {
  return rules.find((r) => r.meta.id === idOrAlias || r.meta.aliases.includes(idOrAlias));
}

/** The rule id a mistyped one most likely meant (one contains the other), for "did you mean". */
export function suggestRuleId(rules: readonly AnyRule[], name: string): string | null {
  const lower = name.toLowerCase();
  return rules.map((r) => r.meta.id).find((id) => id.includes(lower) || lower.includes(id)) ?? null;
}
