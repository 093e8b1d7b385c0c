// Entra directory role assignments (unified RBAC), role names from the role definitions list.
import type { DirectoryRoleAssignment, Section } from "../../inventory/types.ts";
import { runSection, type CollectContext } from "../section.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

export interface RawAssignment {
  id: string;
  principalId?: string;
  roleDefinitionId?: string;
  directoryScopeId?: string;
}

export interface RawDefinition {
  id?: string;
  templateId?: string | null;
  displayName?: string;
}

/** Role definition id and template id → display name. */
export function directoryRoleNames(defs: RawDefinition[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of defs) {
    if (!d.displayName) continue;
    if (d.id) m.set(d.id.toLowerCase(), d.displayName);
    if (d.templateId) m.set(d.templateId.toLowerCase(), d.displayName);
  }
  return m;
}

export function toDirectoryRoleAssignment(a: RawAssignment, names: Map<string, string>): DirectoryRoleAssignment {
  const roleDefinitionId = (a.roleDefinitionId ?? "").toLowerCase();
  return {
    id: a.id,
    principalId: (a.principalId ?? "").toLowerCase(),
    roleDefinitionId,
    roleDisplayName: names.get(roleDefinitionId) ?? null,
    directoryScopeId: a.directoryScopeId ?? "/",
  };
}

export async function collectDirectoryRoleAssignments(ctx: CollectContext): Promise<Section<DirectoryRoleAssignment>> {
  return runSection<DirectoryRoleAssignment>(
    ctx,
    "directoryRoleAssignments",
    "RoleManagement.Read.Directory",
    async () => {
      const [assignments, names] = await Promise.all([
        ctx.limit(async () => {
          const out: RawAssignment[] = [];
          for await (const page of ctx.clients.graphPages<RawAssignment>(
            "roleManagement/directory/roleAssignments?$select=id,principalId,roleDefinitionId,directoryScopeId",
          )) {
            for (const a of page)
              out.push({
                id: a.id,
                principalId: a.principalId,
                roleDefinitionId: a.roleDefinitionId,
                directoryScopeId: a.directoryScopeId,
              });
          }
          return out;
        }),
        ctx.limit(async () => {
          const defs: RawDefinition[] = [];
          for await (const page of ctx.clients.graphPages<RawDefinition>(
            "roleManagement/directory/roleDefinitions?$select=id,templateId,displayName",
          ))
            defs.push(...page);
          return directoryRoleNames(defs);
        }),
      ]);
      const items = assignments.map((a) => toDirectoryRoleAssignment(a, names));
      return { items };
    },
    SECTION_ORDER.directoryRoleAssignments,
  );
}
