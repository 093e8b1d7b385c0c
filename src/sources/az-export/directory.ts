// The directory as `az rest` pages of Graph: the organization (the tenant), and users and groups
// with the properties the principals section needs — `az ad user list` prints only Graph's
// default user properties, which leave out userType and accountEnabled. Principals are resolved
// as the live scan's directoryObjects/getByIds does: an id no list holds is not found.
import {
  notFoundPrincipal,
  principalIdsToResolve,
  toPrincipal,
  type RawObject,
} from "../../collectors/graph/principals.ts";
import { toTenant, type Org } from "../../collectors/graph/tenant.ts";
import type { CoverageGap, Principal, PrincipalType, Section, Tenant } from "../../inventory/types.ts";
import type { AzSp } from "./ad-sps.ts";
import { SP_LIST } from "./ad-sps.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { graphScope, restShape } from "./graph-pages.ts";
import { FILES } from "./layout.ts";
import { missingFile, okSection, truncationGap } from "./sections.ts";

export const ORGANIZATION_URI = "organization";
export const USERS_URI = "users?$select=id,displayName,userPrincipalName,userType,accountEnabled&$top=999";
export const GROUPS_URI = "groups?$select=id,displayName&$top=999";

const ORG_ITEM = objectWith(
  { id: S.str, displayName: S.nstr, verifiedDomains: { type: ["array", "null"], items: S.obj } },
  ["id"],
);
const USER_ITEM = objectWith(
  {
    id: S.str,
    displayName: S.nstr,
    userPrincipalName: S.nstr,
    userType: S.nstr,
    accountEnabled: { type: ["boolean", "null"] },
  },
  ["id"],
);
const GROUP_ITEM = objectWith({ id: S.str, displayName: S.nstr }, ["id"]);

export function readTenant(dir: ExportDir): Section<Tenant> {
  const shape = restShape(ORGANIZATION_URI, ORG_ITEM);
  const read = dir.list<Org>(FILES.organization, shape);
  if (!read) return missingFile(FILES.organization, shape.command);
  if (read.items.length === 0)
    return { status: "unavailable", reason: `${FILES.organization} holds no organization object` };
  return okSection(read.items.map(toTenant), (t) => t.id);
}

export function readPrincipals(dir: ExportDir, referenced: string[], sps: AzSp[] | undefined): Section<Principal> {
  const usersShape = restShape(USERS_URI, USER_ITEM);
  const groupsShape = restShape(GROUPS_URI, GROUP_ITEM);
  const users = dir.list<RawObject>(FILES.users, usersShape);
  const groups = dir.list<RawObject>(FILES.groups, groupsShape);
  // without a whole list, an id it would hold would wrongly read as deleted
  if (!users) return missingFile(FILES.users, usersShape.command);
  if (!groups) return missingFile(FILES.groups, groupsShape.command);
  if (!sps) return missingFile(FILES.spList, SP_LIST);
  const gaps: CoverageGap[] = [];
  if (users.truncatedAfter) gaps.push(truncationGap(graphScope(USERS_URI), users.truncatedAfter));
  if (groups.truncatedAfter) gaps.push(truncationGap(graphScope(GROUPS_URI), groups.truncatedAfter));
  const directory = new Map<string, Principal>();
  const add = (list: RawObject[], type: PrincipalType) => {
    for (const o of list) directory.set(o.id.toLowerCase(), toPrincipal(o, type));
  };
  add(users.items, "user");
  add(groups.items, "group");
  add(sps, "servicePrincipal");
  const items = principalIdsToResolve(referenced).map((id) => directory.get(id) ?? notFoundPrincipal(id));
  return okSection(items, (p) => p.id, gaps);
}
