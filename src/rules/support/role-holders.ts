import type { Inventory } from "../../inventory/types.ts";
import { assignmentSubjects, type AssignmentEnrichment, type AssignmentSubject } from "./assignments.ts";
import { items } from "./sections.ts";
import type { DirectoryRoleAssignment } from "../../inventory/types.ts";

// Who holds which role, as the rules that judge holders read it: the one place to widen from
// direct assignments to effective ones (held through groups, eligible through PIM) without
// touching each rule.

/** Every Azure role held, one subject per (assignment, holder): today the direct assignments. */
export function azureRoleHolders(
  inventory: Inventory,
  optional: readonly AssignmentEnrichment[] = [],
): AssignmentSubject[] {
  return assignmentSubjects(inventory, optional);
}

/** Every Entra directory role held: today the direct assignments. */
export function entraRoleHolders(inventory: Inventory): DirectoryRoleAssignment[] {
  return items(inventory, "directoryRoleAssignments");
}
