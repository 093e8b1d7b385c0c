// Application permissions (app roles) granted on the resource APIs azaudit judges (Microsoft
// Graph, Exchange Online, SharePoint Online): their service principals in ONE filtered list, then
// one paged `servicePrincipals/{resourceSp}/appRoleAssignedTo` each, resolved to names through
// that resource's own appRoles (each API defines its app roles on its own service principal).
// Delegated grants: `oauth2PermissionGrants`, scopes split on spaces.
import { JUDGED_RESOURCE_APIS } from "../../classification/resource-api-permissions.ts";
import type { AppPermissionGrant, DelegatedGrant, Section } from "../../inventory/types.ts";
import { iso, runSection, sortStrings, str, type CollectContext } from "../section.ts";
import { MICROSOFT_GRAPH_APP_ID } from "./common.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

/** `$filter` naming every judged resource API by appId (Graph documents `eq` joined with `or` on appId). */
export const RESOURCE_SP_FILTER = JUDGED_RESOURCE_APIS.map((r) => `appId eq '${r.appId}'`).join(" or ");

export interface RawAppRole {
  id?: string;
  value?: string | null;
}

export interface RawAppRoleAssignment {
  id: string;
  principalId?: string;
  principalDisplayName?: string | null;
  principalType?: string | null;
  resourceId?: string;
  resourceDisplayName?: string | null;
  appRoleId?: string;
  createdDateTime?: string | null;
}

/** A resource API's service principal (Graph's, Exchange's…) as the grants need it. */
export interface GraphResourceSp {
  id: string;
  /** The resource API's appId; Microsoft Graph's when absent. */
  appId?: string;
  displayName?: string;
  appRoles?: RawAppRole[];
}

/** App role id → permission value, from the resource service principal's appRoles. */
export function appRoleValues(appRoles: RawAppRole[] | undefined): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const r of appRoles ?? []) if (r.id) values.set(r.id.toLowerCase(), r.value ?? null);
  return values;
}

/** One of a resource SP's appRoleAssignedTo entries; undefined for grants to users and groups. */
export function toAppPermissionGrant(
  a: RawAppRoleAssignment,
  resourceSp: GraphResourceSp,
  roles: Map<string, string | null>,
): AppPermissionGrant | undefined {
  if (a.principalType && a.principalType !== "ServicePrincipal") return undefined;
  const appRoleId = (a.appRoleId ?? "").toLowerCase();
  return {
    id: a.id,
    principalId: (a.principalId ?? "").toLowerCase(),
    principalDisplayName: str(a.principalDisplayName),
    resourceId: (a.resourceId ?? resourceSp.id).toLowerCase(),
    resourceAppId: (resourceSp.appId ?? MICROSOFT_GRAPH_APP_ID).toLowerCase(),
    resourceDisplayName: str(a.resourceDisplayName) ?? resourceSp.displayName ?? null,
    appRoleId,
    permission: roles.get(appRoleId) ?? null,
    createdDateTime: iso(a.createdDateTime),
  };
}

export async function collectAppPermissionGrants(ctx: CollectContext): Promise<Section<AppPermissionGrant>> {
  // Both walks run in one leaf task under the limiter; nothing inside waits on another limited task.
  return runSection<AppPermissionGrant>(
    ctx,
    "appPermissionGrants",
    "Application.Read.All",
    () =>
      ctx.limit(async () => {
        const sps: GraphResourceSp[] = [];
        for await (const page of ctx.clients.graphPages<GraphResourceSp>(
          `servicePrincipals?$filter=${RESOURCE_SP_FILTER}&$select=id,appId,displayName,appRoles`,
        ))
          sps.push(...page);
        const items: AppPermissionGrant[] = [];
        // An API nobody in the tenant ever consented to has no service principal here: no grants on it.
        for (const api of JUDGED_RESOURCE_APIS) {
          const resourceSp = sps.find((sp) => (sp.appId ?? "").toLowerCase() === api.appId);
          if (!resourceSp) continue;
          const roles = appRoleValues(resourceSp.appRoles);
          for await (const page of ctx.clients.graphPages<RawAppRoleAssignment>(
            `servicePrincipals/${resourceSp.id}/appRoleAssignedTo?$top=999`,
          )) {
            for (const a of page) {
              const g = toAppPermissionGrant(a, { ...resourceSp, appId: api.appId }, roles);
              if (g) items.push(g);
            }
          }
        }
        return { items };
      }),
    SECTION_ORDER.appPermissionGrants,
  );
}

export interface RawDelegated {
  id: string;
  clientId?: string;
  consentType?: string;
  principalId?: string | null;
  resourceId?: string;
  scope?: string | null;
}

/** `appIds` maps a resource SP object id to its appId, when the SP list was read. */
export function toDelegatedGrant(g: RawDelegated, appIds: Map<string, string> | null): DelegatedGrant {
  const resourceId = (g.resourceId ?? "").toLowerCase();
  return {
    id: g.id,
    clientId: (g.clientId ?? "").toLowerCase(),
    consentType: g.consentType ?? "Unknown",
    principalId: str(g.principalId)?.toLowerCase() ?? null,
    resourceId,
    resourceAppId: appIds?.get(resourceId) ?? null,
    scopes: sortStrings([...new Set((g.scope ?? "").split(/\s+/).filter(Boolean))]),
  };
}

/** `resourceAppIdOf` maps a resource SP object id to its appId when the SP list was read. */
export async function collectDelegatedGrants(
  ctx: CollectContext,
  resourceAppIdOf: Promise<Map<string, string> | null>,
): Promise<Section<DelegatedGrant>> {
  return runSection<DelegatedGrant>(
    ctx,
    "delegatedGrants",
    "DelegatedPermissionGrant.Read.All",
    async () => {
      const raw: RawDelegated[] = [];
      // Only the walk holds a slot: awaiting the service principal list inside it could deadlock at concurrency 1.
      await ctx.limit(async () => {
        for await (const page of ctx.clients.graphPages<RawDelegated>("oauth2PermissionGrants?$top=999")) {
          for (const g of page)
            raw.push({
              id: g.id,
              clientId: g.clientId,
              consentType: g.consentType,
              principalId: g.principalId,
              resourceId: g.resourceId,
              scope: g.scope,
            });
        }
      });
      const appIds = await resourceAppIdOf;
      const items = raw.map((g) => toDelegatedGrant(g, appIds));
      return { items };
    },
    SECTION_ORDER.delegatedGrants,
  );
}
