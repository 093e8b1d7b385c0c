// An Entra directory role assignment (unifiedRoleAssignment), tenant-wide.
import type { GraphEntity } from "../types.ts";

export function directoryRoleAssignmentWire(id: string, principalId: string, roleDefinitionId: string): GraphEntity {
  return { id, principalId, roleDefinitionId, directoryScopeId: "/" };
}
