// Entra PIM eligible role assignments: roleManagement/directory/roleEligibilityScheduleInstances,
// role names from the role definitions list (as for active assignments).
import type { DirectoryRoleEligibility, Section } from "../../inventory/types.ts";
import { NO_P2_NOTE, isNoP2Answer } from "../pim-license.ts";
import { iso, runSection, str, type CollectContext } from "../section.ts";
import { directoryRoleNames, type RawDefinition } from "./directoryRoles.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PATH = "roleManagement/directory/roleEligibilityScheduleInstances";
const SELECT = "id,principalId,roleDefinitionId,directoryScopeId,memberType,startDateTime,endDateTime";

export interface RawEligibility {
  id: string;
  principalId?: string;
  roleDefinitionId?: string;
  directoryScopeId?: string | null;
  memberType?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
}

export function toDirectoryRoleEligibility(e: RawEligibility, names: Map<string, string>): DirectoryRoleEligibility {
  const roleDefinitionId = (e.roleDefinitionId ?? "").toLowerCase();
  return {
    id: e.id,
    principalId: (e.principalId ?? "").toLowerCase(),
    roleDefinitionId,
    roleDisplayName: names.get(roleDefinitionId) ?? null,
    directoryScopeId: e.directoryScopeId ?? "/",
    memberType: str(e.memberType),
    startDateTime: iso(e.startDateTime),
    endDateTime: iso(e.endDateTime),
  };
}

export async function collectDirectoryRoleEligibilities(
  ctx: CollectContext,
): Promise<Section<DirectoryRoleEligibility>> {
  return runSection<DirectoryRoleEligibility>(
    ctx,
    "directoryRoleEligibilities",
    // least privileged: RoleEligibilitySchedule.Read.Directory; RoleManagement.Read.Directory (granted for active roles) covers it
    "RoleManagement.Read.Directory",
    async () => {
      const raw: RawEligibility[] = [];
      try {
        await ctx.limit(async () => {
          for await (const page of ctx.clients.graphPages<RawEligibility>(`${PATH}?$select=${SELECT}`))
            for (const e of page) if (typeof e.id === "string") raw.push(e);
        });
      } catch (err) {
        if (!isNoP2Answer(err)) throw err;
        return { items: [], notes: [{ scope: PATH, reason: NO_P2_NOTE }] };
      }
      if (raw.length === 0) return { items: [] };
      const names = await ctx.limit(async () => {
        const defs: RawDefinition[] = [];
        for await (const page of ctx.clients.graphPages<RawDefinition>(
          "roleManagement/directory/roleDefinitions?$select=id,templateId,displayName",
        ))
          defs.push(...page);
        return directoryRoleNames(defs);
      });
      return { items: raw.map((e) => toDirectoryRoleEligibility(e, names)) };
    },
    SECTION_ORDER.directoryRoleEligibilities,
  );
}
