// Small builders for rule tests: an inventory with every section ok and empty, plus factories
// for items with sane defaults, so a test states only the facts it is about.
import type {
  Application,
  AppPermissionGrant,
  CredentialSignIn,
  DelegatedGrant,
  DirectoryRoleAssignment,
  DirectoryRoleEligibility,
  Group,
  GroupMember,
  Inventory,
  OptionalSectionItem,
  OptionalSectionName,
  KeyCredential,
  ManagementGroup,
  PasswordCredential,
  Principal,
  RoleAssignment,
  RoleDefinition,
  RoleEligibility,
  ServicePrincipal,
  Subscription,
  Workload,
  DefenderAssessment,
  DefenderSubscription,
  Section,
  SectionName,
  SupplementarySectionName,
} from "../../src/inventory/types.ts";
import {
  extensionResourceId,
  mgScope,
  resourceId,
  roleDefinitionIdAt,
  scopeLevel,
  subscriptionIdOf,
  subscriptionScope,
} from "../../src/arm/resource-id.ts";
import { BUILTIN_ROLE, RESOURCE_APP_ID } from "../../src/refdata/well-known.ts";

export const NOW = "2026-06-01T00:00:00Z";
export const TENANT_ID = "11111111-1111-4111-8111-111111111111";
export const SUB_ID = "22222222-2222-4222-8222-222222222222";

type Sections = { [N in SectionName]?: Inventory[N] extends Section<infer T> ? T[] : never } & {
  [N in OptionalSectionName]?: OptionalSectionItem<N>[];
} & { [N in SupplementarySectionName]?: NonNullable<Inventory[N]> extends Section<infer T> ? T[] : never };

export function inventory(sections: Sections = {}, collectedAt = NOW): Inventory {
  const ok = <T>(list: T[] | undefined) => ({ status: "ok" as const, items: list ?? [] });
  return {
    schemaVersion: 1,
    collectedAt,
    source: { kind: "snapshot", cloud: "AzureCloud", tool: "test" },
    tenant: ok(
      sections.tenant ?? [{ id: TENANT_ID, displayName: "Contoso", defaultDomain: "contoso.onmicrosoft.com" }],
    ),
    managementGroups: ok(sections.managementGroups),
    subscriptions: ok(sections.subscriptions),
    roleDefinitions: ok(sections.roleDefinitions),
    roleAssignments: ok(sections.roleAssignments),
    principals: ok(sections.principals),
    applications: ok(sections.applications),
    servicePrincipals: ok(sections.servicePrincipals),
    appPermissionGrants: ok(sections.appPermissionGrants),
    delegatedGrants: ok(sections.delegatedGrants),
    directoryRoleAssignments: ok(sections.directoryRoleAssignments),
    workloads: ok(sections.workloads),
    defender: ok(sections.defender),
    // the optional sections are there only when a test gives them, as in an inventory that has them
    ...(sections.groups ? { groups: ok(sections.groups) } : {}),
    ...(sections.roleEligibilities ? { roleEligibilities: ok(sections.roleEligibilities) } : {}),
    ...(sections.directoryRoleEligibilities
      ? { directoryRoleEligibilities: ok(sections.directoryRoleEligibilities) }
      : {}),
    ...(sections.credentialSignIns ? { credentialSignIns: ok(sections.credentialSignIns) } : {}),
  };
}

export function unavailable(inv: Inventory, name: SectionName, reason = "403 AuthorizationFailed"): Inventory {
  return { ...inv, [name]: { status: "unavailable", reason } };
}

let counter = 0;
/** Deterministic GUID-shaped ids for test objects. */
export function guid(n?: number): string {
  const v = n ?? ++counter;
  return `00000000-0000-4000-8000-${v.toString(16).padStart(12, "0")}`;
}

export function secret(p: Partial<PasswordCredential> = {}): PasswordCredential {
  return {
    keyId: guid(),
    displayName: "ci",
    startDateTime: "2026-01-01T00:00:00Z",
    endDateTime: "2026-06-30T00:00:00Z",
    ...p,
  };
}

export function certificate(p: Partial<KeyCredential> = {}): KeyCredential {
  return {
    keyId: guid(),
    displayName: "CN=app",
    type: "AsymmetricX509Cert",
    usage: "Verify",
    startDateTime: "2026-01-01T00:00:00Z",
    endDateTime: "2026-12-31T00:00:00Z",
    ...p,
  };
}

export function app(p: Partial<Application> = {}): Application {
  const id = p.id ?? guid();
  return {
    id,
    appId: guid(),
    displayName: "payments-api",
    createdDateTime: "2025-01-01T00:00:00Z",
    signInAudience: "AzureADMyOrg",
    passwordCredentials: [],
    keyCredentials: [],
    federatedIdentityCredentials: [],
    owners: [guid()],
    ...p,
  };
}

export function servicePrincipal(p: Partial<ServicePrincipal> = {}): ServicePrincipal {
  return {
    id: guid(),
    appId: guid(),
    displayName: "payments-api",
    servicePrincipalType: "Application",
    accountEnabled: true,
    appOwnerOrganizationId: TENANT_ID,
    passwordCredentials: [],
    keyCredentials: [],
    alternativeNames: [],
    managedIdentityResourceId: null,
    ...p,
  };
}

export const ROLE = BUILTIN_ROLE;

export function roleDefinition(p: Partial<RoleDefinition> & { name: string }): RoleDefinition {
  return {
    id: `/providers/Microsoft.Authorization/roleDefinitions/${p.name}`,
    roleName: "Custom",
    roleType: "CustomRole",
    description: null,
    assignableScopes: ["/"],
    permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }],
    ...p,
  };
}

export function roleAssignment(
  p: Partial<RoleAssignment> & { scope: string; roleDefinitionName: string },
): RoleAssignment {
  const name = p.name ?? guid();
  const level = p.scopeLevel ?? scopeLevel(p.scope);
  const sub = subscriptionIdOf(p.scope);
  return {
    id: extensionResourceId(p.scope, "Microsoft.Authorization/roleAssignments", name),
    name,
    scopeLevel: level,
    subscriptionId: sub,
    roleDefinitionId: roleDefinitionIdAt(subscriptionScope(sub ?? SUB_ID), p.roleDefinitionName),
    principalId: guid(),
    principalType: "ServicePrincipal",
    condition: null,
    createdOn: "2025-01-01T00:00:00Z",
    ...p,
  };
}

export function principal(p: Partial<Principal> & { id: string }): Principal {
  return {
    found: true,
    type: "servicePrincipal",
    displayName: "payments-api",
    userType: null,
    accountEnabled: true,
    servicePrincipalType: "Application",
    userPrincipalName: null,
    ...p,
  };
}

export function subscription(p: Partial<Subscription> = {}): Subscription {
  const subscriptionId = p.subscriptionId ?? SUB_ID;
  return {
    id: subscriptionScope(subscriptionId),
    subscriptionId,
    displayName: "prod",
    state: "Enabled",
    managementGroupId: null,
    tags: {},
    ...p,
  };
}

export function managementGroup(p: Partial<ManagementGroup> & { name: string }): ManagementGroup {
  return {
    id: mgScope(p.name),
    displayName: p.name,
    parentId: null,
    ...p,
  };
}

export function workload(p: Partial<Workload> & { type: string; name?: string }): Workload {
  const name = p.name ?? "web-1";
  const rg = p.resourceGroup ?? "rg-app";
  return {
    id: resourceId(SUB_ID, rg, p.type, name),
    name,
    kind: null,
    location: "westeurope",
    subscriptionId: SUB_ID,
    resourceGroup: rg,
    tags: {},
    identity: null,
    ...p,
  };
}

export function appPermissionGrant(
  p: Partial<AppPermissionGrant> & { principalId: string; appRoleId: string },
): AppPermissionGrant {
  return {
    id: guid(),
    principalDisplayName: "payments-api",
    resourceId: guid(9999),
    resourceAppId: RESOURCE_APP_ID.microsoftGraph,
    resourceDisplayName: "Microsoft Graph",
    permission: null,
    createdDateTime: "2025-01-01T00:00:00Z",
    ...p,
  };
}

export function delegatedGrant(p: Partial<DelegatedGrant> & { clientId: string }): DelegatedGrant {
  return {
    id: guid(),
    consentType: "AllPrincipals",
    principalId: null,
    resourceId: guid(9999),
    resourceAppId: RESOURCE_APP_ID.microsoftGraph,
    scopes: ["User.Read"],
    ...p,
  };
}

export function directoryRoleAssignment(
  p: Partial<DirectoryRoleAssignment> & { principalId: string; roleDefinitionId: string },
): DirectoryRoleAssignment {
  return { id: guid(), roleDisplayName: null, directoryScopeId: "/", ...p };
}

/** A Defender for Cloud assessment of the subscription itself unless `resourceId` names a resource. */
export function defenderAssessment(
  p: Partial<DefenderAssessment> & Pick<DefenderAssessment, "name" | "displayName" | "statusCode">,
): DefenderAssessment {
  const resourceId = p.resourceId ?? subscriptionScope(SUB_ID);
  return {
    id: `${resourceId}/providers/Microsoft.Security/assessments/${p.name}`,
    statusCause: null,
    statusDescription: null,
    resourceId,
    severity: null,
    ...p,
  };
}

export function defenderSubscription(p: Partial<DefenderSubscription> = {}): DefenderSubscription {
  return { subscriptionId: SUB_ID, pricings: [], assessments: [], secureScores: [], ...p };
}

/** A group holding or inside a grant; members as `[id, type]` pairs or GroupMember objects. */
export function group(
  p: Partial<Omit<Group, "members">> & { members?: (GroupMember | [string, GroupMember["type"]])[] | null },
): Group {
  return {
    id: p.id ?? guid(),
    displayName: p.displayName ?? "Platform Admins",
    isAssignableToRole: p.isAssignableToRole ?? false,
    members:
      p.members === null ? null : (p.members ?? []).map((m) => (Array.isArray(m) ? { id: m[0], type: m[1] } : m)),
  };
}

export function roleEligibility(
  p: Partial<RoleEligibility> & { scope: string; roleDefinitionName: string },
): RoleEligibility {
  const sub = subscriptionIdOf(p.scope);
  return {
    id: `${p.scope === "/" ? "" : p.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${guid()}`,
    scopeLevel: scopeLevel(p.scope),
    subscriptionId: sub,
    roleDefinitionId: `/subscriptions/${sub ?? SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${p.roleDefinitionName}`,
    principalId: guid(),
    principalType: "User",
    memberType: "Direct",
    condition: null,
    conditionVersion: null,
    startDateTime: "2026-01-01T00:00:00Z",
    endDateTime: null,
    ...p,
  };
}

export function directoryRoleEligibility(
  p: Partial<DirectoryRoleEligibility> & { principalId: string; roleDefinitionId: string },
): DirectoryRoleEligibility {
  return {
    id: guid(),
    roleDisplayName: null,
    directoryScopeId: "/",
    memberType: "Direct",
    startDateTime: "2026-01-01T00:00:00Z",
    endDateTime: null,
    ...p,
  };
}

/** An entry of the credential activity report: when one credential last signed in. */
export function credentialSignIn(p: Partial<CredentialSignIn> & { keyId: string }): CredentialSignIn {
  return { appId: null, credentialOrigin: "application", keyType: "secret", lastSignInDateTime: null, ...p };
}
