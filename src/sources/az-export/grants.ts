// Permission grants as `az rest` pages of Graph: application permissions held on Microsoft
// Graph (its service principal's appRoleAssignedTo, named through its appRoles from
// `az ad sp list --all`) and delegated grants (oauth2PermissionGrants). Same wire shapes as the
// live collector reads, so its mappings are reused.
import {
  appRoleValues,
  toAppPermissionGrant,
  toDelegatedGrant,
  type RawAppRoleAssignment,
  type RawDelegated,
} from "../../collectors/graph/grants.ts";
import type { AppPermissionGrant, CoverageGap, DelegatedGrant, Section } from "../../inventory/types.ts";
import { graphServicePrincipal, SP_LIST, type AzSp } from "./ad-sps.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { graphScope, restShape } from "./graph-pages.ts";
import { FILES } from "./layout.ts";
import { missingFile, okSection, truncationGap } from "./sections.ts";

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

export function readAppPermissionGrants(dir: ExportDir, sps: AzSp[] | undefined): Section<AppPermissionGrant> {
  if (!sps) return missingFile(FILES.spList, SP_LIST);
  const graphSp = graphServicePrincipal(sps);
  // a tenant where nobody ever consented to Graph has no Graph service principal: no grants
  if (!graphSp) return okSection<AppPermissionGrant>([], (g) => g.id);
  const shape = restShape(GRAPH_APP_ROLE_ASSIGNED_TO_URI.replace("GRAPH_SP_ID", graphSp.id), ASSIGNMENT_ITEM);
  const read = dir.list<RawAppRoleAssignment>(FILES.graphAppRoleAssignedTo, shape);
  if (!read) return missingFile(FILES.graphAppRoleAssignedTo, shape.command);
  const roles = appRoleValues(graphSp.appRoles);
  const items = read.items
    .map((a) => toAppPermissionGrant(a, graphSp, roles))
    .filter((g): g is AppPermissionGrant => g !== undefined);
  const gaps: CoverageGap[] = read.truncatedAfter
    ? [truncationGap(`/v1.0/servicePrincipals/${graphSp.id}/appRoleAssignedTo`, read.truncatedAfter)]
    : [];
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
