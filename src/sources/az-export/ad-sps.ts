// `az ad sp list --all`: Graph's servicePrincipal objects, every property (no $select), as
// Graph returns them. Besides the section, the list gives Microsoft Graph's own service
// principal (appRoles, for naming app permissions) and the appId of every resource.
import { MICROSOFT_GRAPH_APP_ID } from "../../collectors/graph/common.ts";
import type { GraphResourceSp } from "../../collectors/graph/grants.ts";
import { toServicePrincipal, type RawSp } from "../../collectors/graph/servicePrincipals.ts";
import type { Section, ServicePrincipal } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { FILES } from "./layout.ts";
import { missingFile, okSection } from "./sections.ts";

export const SP_LIST = "az ad sp list --all";

export type AzSp = RawSp & { appRoles?: GraphResourceSp["appRoles"] };

const ITEM = objectWith(
  {
    id: S.str,
    appId: S.str,
    displayName: S.nstr,
    servicePrincipalType: S.nstr,
    accountEnabled: { type: ["boolean", "null"] },
    passwordCredentials: { type: ["array", "null"], items: S.obj },
    keyCredentials: { type: ["array", "null"], items: S.obj },
    alternativeNames: { type: ["array", "null"], items: S.str },
    appRoles: { type: ["array", "null"], items: S.obj },
  },
  ["id", "appId"],
);

export function readServicePrincipalList(dir: ExportDir): AzSp[] | undefined {
  return dir.list<AzSp>(FILES.spList, { command: SP_LIST, item: ITEM })?.items;
}

export function servicePrincipalsSection(raw: AzSp[] | undefined): Section<ServicePrincipal> {
  if (!raw) return missingFile(FILES.spList, SP_LIST);
  return okSection(raw.map(toServicePrincipal), (s) => s.id);
}

export function graphServicePrincipal(raw: AzSp[]): GraphResourceSp | undefined {
  return resourceServicePrincipal(raw, MICROSOFT_GRAPH_APP_ID);
}

/** The service principal of a resource API (by appId) in `az ad sp list --all`, with its app roles. */
export function resourceServicePrincipal(raw: AzSp[], appId: string): GraphResourceSp | undefined {
  const sp = raw.find((s) => (s.appId ?? "").toLowerCase() === appId);
  return sp ? { id: sp.id, appId, displayName: sp.displayName, appRoles: sp.appRoles ?? undefined } : undefined;
}
