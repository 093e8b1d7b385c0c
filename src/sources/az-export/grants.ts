// Permission grants as `az rest` pages of Graph: application permissions held on Microsoft
// Graph, Exchange Online and SharePoint Online (each one's service principal's appRoleAssignedTo,
// named through its appRoles from `az ad sp list --all`) and delegated grants
// (oauth2PermissionGrants). Same wire shapes as the live collector reads, so its mappings are reused.
import { JUDGED_RESOURCE_APIS } from "../../classification/resource-api-permissions.ts";
import {
  appRoleValues,
  toAppPermissionGrant,
  toDelegatedGrant,
  type RawAppRoleAssignment,
  type RawDelegated,
} from "../../collectors/graph/grants.ts";
import type { AppPermissionGrant, CoverageGap, DelegatedGrant, Section } from "../../inventory/types.ts";
import { MICROSOFT_GRAPH_APP_ID } from "../../collectors/graph/common.ts";
import { graphServicePrincipal, resourceServicePrincipal, SP_LIST, type AzSp } from "./ad-sps.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { graphScope, restShape } from "./graph-pages.ts";
import { FILES, PER } from "./layout.ts";
import { missingFile, missingReason, okSection, truncationGap } from "./sections.ts";

export const GRAPH_APP_ROLE_ASSIGNED_TO_URI = "servicePrincipals/GRAPH_SP_ID/appRoleAssignedTo?$top=999";
export const OAUTH2_GRANTS_URI = "oauth2PermissionGrants?$top=999";

const ASSIGNMENT_ITEM = objectWith(
  {
    id: S.str,
    principalId: S.str,
    principalType: S.nstr,
    resourceId: S.str,
    appRoleId: S.str,
    createdDateTime: S.nstr,
  },
  ["id", "principalId", "appRoleId"],
);
const DELEGATED_ITEM = objectWith(
  { id: S.str, clientId: S.str, consentType: S.str, principalId: S.nstr, resourceId: S.str, scope: S.nstr },
  ["id", "clientId", "resourceId"],
);

/** `az rest` on a resource SP's appRoleAssignedTo: the same URI for every resource API. */
export const APP_ROLE_ASSIGNED_TO_URI = "servicePrincipals/RESOURCE_SP_ID/appRoleAssignedTo?$top=999";

export function readAppPermissionGrants(dir: ExportDir, sps: AzSp[] | undefined): Section<AppPermissionGrant> {
  if (!sps) return missingFile(FILES.spList, SP_LIST);
  const items: AppPermissionGrant[] = [];
  const gaps: CoverageGap[] = [];
  // An API nobody in the tenant ever consented to has no service principal: no grants on it.
  for (const api of JUDGED_RESOURCE_APIS) {
    const isGraph = api.appId === MICROSOFT_GRAPH_APP_ID;
    const resourceSp = isGraph ? graphServicePrincipal(sps) : resourceServicePrincipal(sps, api.appId);
    if (!resourceSp) continue;
    const file = isGraph ? FILES.graphAppRoleAssignedTo : PER.appRoleAssignedTo(api.appId);
    const uri = isGraph
      ? GRAPH_APP_ROLE_ASSIGNED_TO_URI.replace("GRAPH_SP_ID", resourceSp.id)
      : APP_ROLE_ASSIGNED_TO_URI.replace("RESOURCE_SP_ID", resourceSp.id);
    const shape = restShape(uri, ASSIGNMENT_ITEM);
    const read = dir.list<RawAppRoleAssignment>(file, shape);
    const scope = `/v1.0/servicePrincipals/${resourceSp.id}/appRoleAssignedTo`;
    if (!read) {
      // Graph's file has always been exported: without it the section is unknown. The other APIs'
      // files are newer; an export without them is complete except for those APIs' grants.
      if (isGraph) return missingFile(file, shape.command);
      gaps.push({ scope, reason: missingReason(file, shape.command) });
      continue;
    }
    const roles = appRoleValues(resourceSp.appRoles);
    for (const a of read.items) {
      const g = toAppPermissionGrant(a, resourceSp, roles);
      if (g) items.push(g);
    }
    if (read.truncatedAfter) gaps.push(truncationGap(scope, read.truncatedAfter));
  }
  return okSection(items, (g) => g.id.toLowerCase(), gaps);
}

export function readDelegatedGrants(dir: ExportDir, sps: AzSp[] | undefined): Section<DelegatedGrant> {
  const shape = restShape(OAUTH2_GRANTS_URI, DELEGATED_ITEM);
  const read = dir.list<RawDelegated>(FILES.oauth2PermissionGrants, shape);
  if (!read) return missingFile(FILES.oauth2PermissionGrants, shape.command);
  const appIds = sps ? new Map(sps.map((sp) => [sp.id.toLowerCase(), (sp.appId ?? "").toLowerCase()])) : null;
  const gaps: CoverageGap[] = read.truncatedAfter
    ? [truncationGap(graphScope(OAUTH2_GRANTS_URI), read.truncatedAfter)]
    : [];
  return okSection(
    read.items.map((g) => toDelegatedGrant(g, appIds)),
    (g) => g.id.toLowerCase(),
    gaps,
  );
}
