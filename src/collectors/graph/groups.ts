// The groups that hold privilege, and every group nested in them, with their direct members.
// Level by level from the groups the other sections name: directoryObjects/getByIds (types
// group) for each level's names and isAssignableToRole, then /groups/{id}/members for each group;
// member groups not yet seen make the next level, so nesting of any depth and cycles end.
// Members are also returned as principals, so rules can tell a guest or a managed identity inside
// a privileged group from anyone else.
import type { CoverageGap, Group, GroupMember, Principal, Section } from "../../inventory/types.ts";
import { mapSettled } from "../limit.ts";
import { bool, gapFrom, isProgrammingError, runSection, sortBy, str, type CollectContext } from "../section.ts";
import { isGuid } from "../../inventory/guid.ts";
import { expectListPage } from "../wire/response.ts";
import { principalIdsToResolve, toPrincipal, typeOf, type RawObject } from "./principals.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

// the README grants Directory.Read.All, which covers group members (GroupMember.Read.All is the least one)
const PERMISSION = "Directory.Read.All";
const CHUNK = 1000;
const GROUP_SELECT = "id,displayName,isAssignableToRole";
const MEMBER_SELECT = "id,displayName,userType,accountEnabled,servicePrincipalType,userPrincipalName";

interface RawGroup {
  id: string;
  displayName?: string | null;
  isAssignableToRole?: boolean | null;
}

export interface CollectedGroups {
  section: Section<Group>;
  /** Every member seen, as a principal (groups included). */
  members: Principal[];
}

export async function collectGroups(ctx: CollectContext, groupIds: Iterable<string>): Promise<CollectedGroups> {
  const memberPrincipals = new Map<string, Principal>();
  const section = await runSection<Group>(
    ctx,
    "groups",
    PERMISSION,
    async () => {
      const groups = new Map<string, Group>();
      const gaps: CoverageGap[] = [];
      let level = principalIdsToResolve(groupIds);
      while (level.length > 0) {
        for (const g of await describeGroups(ctx, level)) groups.set(g.id, g);
        const listed = level.filter((id) => groups.has(id));
        const read = await mapSettled(ctx.limit, listed, (id) => readMembers(ctx, id));
        const next = new Set<string>();
        for (const r of read) {
          const group = groups.get(r.item);
          if (!group) continue;
          if (!r.ok) {
            if (isProgrammingError(r.error)) throw r.error;
            gaps.push(gapFrom(`groups/${r.item}/members`, r.error, PERMISSION));
            continue;
          }
          group.members = r.value.map(({ member }) => member);
          for (const { member, principal } of r.value) {
            memberPrincipals.set(principal.id, principal);
            if (member.type === "group" && !groups.has(member.id)) next.add(member.id);
          }
        }
        level = [...next].sort();
      }
      return { items: [...groups.values()], gaps };
    },
    SECTION_ORDER.groups,
  );
  return { section, members: sortBy([...memberPrincipals.values()], (p) => p.id) };
}

/** The groups among the ids, with names and isAssignableToRole; ids that are not groups are left out. */
async function describeGroups(ctx: CollectContext, ids: string[]): Promise<Group[]> {
  const out: Group[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const path = `directoryObjects/getByIds?$select=${GROUP_SELECT}`;
    const r = await ctx.limit(async () =>
      expectListPage("graph", path, await ctx.clients.graphPost(path, { ids: chunk, types: ["group"] })),
    );
    const asked = new Set(chunk);
    for (const o of r.value as unknown as RawGroup[]) {
      const id = typeof o.id === "string" ? o.id.toLowerCase() : "";
      if (!asked.has(id)) continue;
      out.push({ id, displayName: str(o.displayName), isAssignableToRole: bool(o.isAssignableToRole), members: null });
    }
  }
  return out;
}

async function readMembers(
  ctx: CollectContext,
  groupId: string,
): Promise<{ member: GroupMember; principal: Principal }[]> {
  const out: { member: GroupMember; principal: Principal }[] = [];
  for await (const page of ctx.clients.graphPages<RawObject>(
    `groups/${groupId}/members?$select=${MEMBER_SELECT}&$top=999`,
  )) {
    for (const o of page) {
      // an id that is not a GUID is no directory object, and must never reach a request path
      if (typeof o.id !== "string" || !isGuid(o.id)) continue;
      const type = typeOf(o["@odata.type"]);
      const principal = toPrincipal(o, type);
      out.push({ member: { id: principal.id, type }, principal });
    }
  }
  return sortBy(out, (m) => m.member.id);
}
