import type { DirectoryRoleAssignment, Inventory } from "../../inventory/types.ts";
import { effectivePrivileges, type GroupHop } from "../../privilege/effective.ts";
import type { AssignmentEnrichment } from "./assignments.ts";
import { heldSubjects, type HeldSubject } from "./held.ts";

// Who holds which role, as the rules that judge holders read it: held directly or through groups
// (transitively), standing or PIM eligible (src/privilege/effective.ts).

/** Every Azure role held, one subject per (assignment, holder, path). */
export function azureRoleHolders(inventory: Inventory, optional: readonly AssignmentEnrichment[] = []): HeldSubject[] {
  return heldSubjects(inventory, optional);
}

export interface EntraRoleHolder {
  /** The assignment as the holder sees it: principalId is the holder's, even through a group. */
  assignment: DirectoryRoleAssignment;
  /** Groups it comes through, innermost first; [] when held directly. */
  via: GroupHop[];
  eligible: boolean;
}

/** Every Entra directory role held, one entry per (assignment, holder, path). */
export function entraRoleHolders(inventory: Inventory): EntraRoleHolder[] {
  return effectivePrivileges(inventory).entra.map((g) => ({
    assignment: g.via.length === 0 ? g.assignment : { ...g.assignment, principalId: g.principalId },
    via: g.via,
    eligible: g.eligible,
  }));
}
