// Entra directory role assignments (unified RBAC), role names from the role definitions list.
import type { DirectoryRoleAssignment, Section } from "../../inventory/types.ts";
import { runSection, type CollectContext } from "../section.ts";

interface RawAssignment {
  id: string;
  principalId?: string;
  roleDefinitionId?: string;
  directoryScopeId?: string;
}

interface RawDefinition {
  id?: string;
  templateId?: string | null;
  displayName?: string;
}

export async function collectDirectoryRoleAssignments(ctx: CollectContext): Promise<Section<DirectoryRoleAssignment>> {
  return runSection<DirectoryRoleAssignment>(ctx, "directoryRoleAssignments", "RoleManagement.Read.Directory", async () => {
    const [assignments, names] = await Promise.all([
      ctx.limit(async () => {
        const out: RawAssignment[] = [];
        for await (const page of ctx.clients.graphPages<RawAssignment>("roleManagement/directory/roleAssignments?$select=id,principalId,roleDefinitionId,directoryScopeId")) {
          for (const a of page) out.push({ id: a.id, principalId: a.principalId, roleDefinitionId: a.roleDefinitionId, directoryScopeId: a.directoryScopeId });
        }
        return out;
      }),
      ctx.limit(async () => {
        const m = new Map<string, string>();
        for await (const page of ctx.clients.graphPages<RawDefinition>("roleManagement/directory/roleDefinitions?$select=id,templateId,displayName")) {
          for (const d of page) {
            if (!d.displayName) continue;
            if (d.id) m.set(d.id.toLowerCase(), d.displayName);
            if (d.templateId) m.set(d.templateId.toLowerCase(), d.displayName);
          }
        }
        return m;
      }),
    ]);
    const items = assignments.map((a): DirectoryRoleAssignment => {
      const roleDefinitionId = (a.roleDefinitionId ?? "").toLowerCase();
      return {
        id: a.id,
        principalId: (a.principalId ?? "").toLowerCase(),
        roleDefinitionId,
        roleDisplayName: names.get(roleDefinitionId) ?? null,
        directoryScopeId: a.directoryScopeId ?? "/",
      };
    });
    return { items };
  }, (a) => a.id.toLowerCase());
}
