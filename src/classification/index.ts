// The project's privilege classification: what rules consult to decide "privileged".
// Pure functions over const data; lookup maps are built once, lazily, and never change.
import type { AppPermissionGrant } from "../inventory/types.ts";
import { entraDirectoryRoleById } from "../refdata/index.ts";
import {
  canGrantAccess,
  canWriteRoleAssignments,
  classifyAzureRole,
  isPrivilegedAzureRole,
  allowsAction,
  allowsDataAction,
  actionMatches,
  roleDefinitionGuid,
  roleAssignmentWriteAccess,
  isWriteCapableRole,
} from "./azure-roles.ts";
import {
  DELEGATED_SCOPE_RISKS,
  GENERIC_SCOPE_NAMES,
  MICROSOFT_GRAPH_APP_ID,
  type DelegatedScopeRisk,
} from "./delegated-scope-risk.ts";
import { ENTRA_ROLE_CLASSES, type EntraRoleClass } from "./entra-role-tiers.ts";
import {
  GRAPH_PERMISSION_CLASSES,
  type GraphPermissionClass,
  type GraphPermissionTier,
} from "./graph-permission-tiers.ts";
import {
  GRAPH_DATA_AREAS,
  JUDGED_RESOURCE_APIS,
  RESOURCE_API_PERMISSION_CLASSES,
  type DataArea,
} from "./resource-api-permissions.ts";

export * from "./azure-roles.ts";
export * from "./conditions.ts";
export * from "./delegated-scope-risk.ts";
export * from "./entra-role-tiers.ts";
export * from "./graph-permission-tiers.ts";
export * from "./resource-api-permissions.ts";
export * from "./azure-identity-roles.ts";
export * from "./data-plane-roles.ts";
export { renderClassificationDoc, CLASSIFICATION_DOC_PATH } from "./doc.ts";

export interface EntraRoleLookup extends EntraRoleClass {
  /** Microsoft's "privileged" flag for the role; null when Microsoft's docs snapshot lacks the role. */
  readonly microsoftPrivileged: boolean | null;
}

function lazy<T>(build: () => T): () => T {
  let cached: T | undefined;
  return () => (cached ??= build());
}

const graphById = lazy(() => new Map(GRAPH_PERMISSION_CLASSES.map((e) => [e.id.toLowerCase(), e] as const)));
const graphByValue = lazy(() => new Map(GRAPH_PERMISSION_CLASSES.map((e) => [e.value.toLowerCase(), e] as const)));
const resourceApiByKey = lazy(
  () => new Map(RESOURCE_API_PERMISSION_CLASSES.map((e) => [`${e.resourceAppId}|${e.id}`, e] as const)),
);
const resourceApiById = lazy(() => new Map(RESOURCE_API_PERMISSION_CLASSES.map((e) => [e.id, e] as const)));
const entraById = lazy(
  () =>
    new Map(
      ENTRA_ROLE_CLASSES.map((e) => {
        const lookup: EntraRoleLookup = Object.freeze({
          ...e,
          microsoftPrivileged: entraDirectoryRoleById(e.templateId)?.isPrivileged ?? null,
        });
        return [e.templateId.toLowerCase(), lookup] as const;
      }),
    ),
);
const delegatedByScope = lazy(() => {
  const m = new Map<string, DelegatedScopeRisk[]>();
  for (const e of DELEGATED_SCOPE_RISKS) {
    const k = e.scope.toLowerCase();
    m.set(k, [...(m.get(k) ?? []), e]);
  }
  return m;
});

/** Our class of a Microsoft Graph application permission, by app role id; undefined when unclassified. */
export function graphAppPermission(appRoleId: string): GraphPermissionClass | undefined {
  return graphById().get(appRoleId.trim().toLowerCase());
}

/** The same, by permission value (e.g. `Application.ReadWrite.All`; case-insensitive). Prefer ids. */
export function graphPermissionByValue(value: string): GraphPermissionClass | undefined {
  return graphByValue().get(value.trim().toLowerCase());
}

/**
 * Our class of an application permission grant: only grants on Microsoft Graph count (a null
 * resourceAppId, i.e. unresolved, is matched by app role id alone: Graph's ids are unique GUIDs).
 */
export function appPermissionGrantClass(
  grant: Pick<AppPermissionGrant, "appRoleId" | "resourceAppId">,
): GraphPermissionClass | undefined {
  if (grant.resourceAppId !== null && grant.resourceAppId.toLowerCase() !== MICROSOFT_GRAPH_APP_ID) return undefined;
  return graphAppPermission(grant.appRoleId);
}

/** Our class of an application permission on any judged resource API (Graph, Exchange, SharePoint). */
export interface AppPermissionClass {
  readonly resourceAppId: string;
  readonly resourceName: string;
  readonly id: string;
  readonly value: string;
  readonly tier: GraphPermissionTier;
  readonly reason: string;
  /** Set when the permission reads or changes every mailbox, file or site. */
  readonly dataArea: DataArea | null;
}

const GRAPH_NAME = JUDGED_RESOURCE_APIS.find((r) => r.appId === MICROSOFT_GRAPH_APP_ID)?.name ?? "Microsoft Graph";

/**
 * Our class of an application permission grant on Microsoft Graph, Exchange Online or SharePoint
 * Online, by (resource appId, app role id). A null resourceAppId (unresolved) is matched by app
 * role id alone: these ids are unique GUIDs across the three APIs.
 */
export function appPermissionClass(
  grant: Pick<AppPermissionGrant, "appRoleId" | "resourceAppId">,
): AppPermissionClass | undefined {
  const id = grant.appRoleId.trim().toLowerCase();
  const app = grant.resourceAppId?.toLowerCase() ?? null;
  if (app === null || app === MICROSOFT_GRAPH_APP_ID) {
    const g = graphAppPermission(id);
    if (g)
      return {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        resourceName: GRAPH_NAME,
        id: g.id,
        value: g.value,
        tier: g.tier,
        reason: g.reason,
        dataArea: GRAPH_DATA_AREAS.get(g.id) ?? null,
      };
    if (app !== null) return undefined;
  }
  const r = app === null ? resourceApiById().get(id) : resourceApiByKey().get(`${app}|${id}`);
  return r
    ? {
        resourceAppId: r.resourceAppId,
        resourceName: r.resourceName,
        id: r.id,
        value: r.value,
        tier: r.tier,
        reason: r.reason,
        dataArea: r.dataArea,
      }
    : undefined;
}

/** Our class of an Entra directory role, by template id; undefined when unclassified. */
export function entraRole(templateId: string): EntraRoleLookup | undefined {
  return entraById().get(templateId.trim().toLowerCase());
}

/** Whether a directory role (by template id) is Tier 0 in our classification. */
export function isTier0EntraRole(templateId: string): boolean {
  return entraRole(templateId)?.tier === "tier0";
}

/** Whether a Graph application permission (by app role id) is Tier 0 in our classification. */
export function isTier0GraphPermission(appRoleId: string): boolean {
  return graphAppPermission(appRoleId)?.tier === "tier0";
}

/**
 * The risk of a delegated scope consented tenant-wide; undefined when not high-risk.
 * With `resourceAppId` (the grant's resource appId) the scope must belong to that resource; without
 * it (null: unresolved) the name alone decides, except for generic names like `user_impersonation`.
 */
export function delegatedScopeRisk(scope: string, resourceAppId?: string | null): DelegatedScopeRisk | undefined {
  const name = scope.trim().toLowerCase();
  const candidates = delegatedByScope().get(name);
  if (!candidates) return undefined;
  if (resourceAppId) {
    const app = resourceAppId.toLowerCase();
    return candidates.find((c) => c.resourceAppIds.includes(app));
  }
  if (GENERIC_SCOPE_NAMES.has(name)) return undefined;
  return candidates[0];
}

/** Splits an oauth2PermissionGrant `scope` string (space-separated) into names. */
export function splitScopes(scope: string | readonly string[]): string[] {
  const parts = typeof scope === "string" ? [scope] : scope;
  return parts.flatMap((s) => s.split(/\s+/)).filter((s) => s.length > 0);
}

export interface Classification {
  readonly MICROSOFT_GRAPH_APP_ID: string;
  readonly graphAppPermission: typeof graphAppPermission;
  readonly graphPermissionByValue: typeof graphPermissionByValue;
  readonly appPermissionGrantClass: typeof appPermissionGrantClass;
  readonly appPermissionClass: typeof appPermissionClass;
  readonly isTier0GraphPermission: typeof isTier0GraphPermission;
  readonly entraRole: typeof entraRole;
  readonly isTier0EntraRole: typeof isTier0EntraRole;
  readonly delegatedScopeRisk: typeof delegatedScopeRisk;
  readonly splitScopes: typeof splitScopes;
  readonly classifyAzureRole: typeof classifyAzureRole;
  readonly isPrivilegedAzureRole: typeof isPrivilegedAzureRole;
  readonly canGrantAccess: typeof canGrantAccess;
  readonly canWriteRoleAssignments: typeof canWriteRoleAssignments;
  readonly roleAssignmentWriteAccess: typeof roleAssignmentWriteAccess;
  readonly isWriteCapableRole: typeof isWriteCapableRole;
  readonly allowsAction: typeof allowsAction;
  readonly allowsDataAction: typeof allowsDataAction;
  readonly actionMatches: typeof actionMatches;
  readonly roleDefinitionGuid: typeof roleDefinitionGuid;
}

/** Every lookup in one frozen object, for code that prefers to receive it as a dependency. */
export const classification: Classification = Object.freeze({
  MICROSOFT_GRAPH_APP_ID,
  graphAppPermission,
  graphPermissionByValue,
  appPermissionGrantClass,
  appPermissionClass,
  isTier0GraphPermission,
  entraRole,
  isTier0EntraRole,
  delegatedScopeRisk,
  splitScopes,
  classifyAzureRole,
  isPrivilegedAzureRole,
  canGrantAccess,
  canWriteRoleAssignments,
  roleAssignmentWriteAccess,
  isWriteCapableRole,
  allowsAction,
  allowsDataAction,
  actionMatches,
  roleDefinitionGuid,
});
