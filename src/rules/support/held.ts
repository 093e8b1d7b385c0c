// Role assignments as their holders see them, for the rules that judge who holds a privileged
// Azure role: every assignment, every PIM eligible one, and for one made to a group, one subject
// per transitive member (src/privilege/effective.ts). A subject held directly and standing is
// exactly the assignment as before, with the same target and fingerprint; one held through a group
// or eligible says so in its message data (`holds`, `through`), its evidence and its fingerprint.
import {
  canGrantAccess,
  readCondition,
  roleDefinitionGuid,
  restrictsPrivilegedGrants,
  type AzureRoleClass,
} from "../../classification/index.ts";
import type { Inventory, Principal, PrincipalType, RoleAssignment } from "../../inventory/types.ts";
import { effectivePrivileges, viaIds, viaLabel, type GroupHop } from "../../privilege/effective.ts";
import { SEVERITIES, type Evidence, type ResourceRef, type Severity } from "../types.ts";
import {
  assignmentTarget,
  type AssignedRole,
  type AssignmentEnrichment,
  type AssignmentSubject,
} from "./assignments.ts";
import { indexBy, items, optionalItems } from "./sections.ts";

export interface HeldSubject extends AssignmentSubject {
  /** Groups the role comes through, innermost first, the assigned group last; [] when held directly. */
  via: GroupHop[];
  /** A PIM eligible assignment: the holder may activate it. */
  eligible: boolean;
  /** The assignment as made (to the group, for one held through a group). */
  made: RoleAssignment;
}

const ARM_PRINCIPAL_TYPE: Record<PrincipalType, string> = {
  user: "User",
  group: "Group",
  servicePrincipal: "ServicePrincipal",
  unknown: "Unknown",
};

/**
 * Every assignment and eligibility with its holders: the assignee, and each transitive member of
 * an assignee group. `optional` as for assignmentSubjects.
 */
export function heldSubjects(inventory: Inventory, optional: readonly AssignmentEnrichment[] = []): HeldSubject[] {
  // the engine calls a rule only when its required sections are there: this throws if the meta is wrong
  items(inventory, "roleAssignments");
  const definitions = indexBy(
    (optional.includes("roleDefinitions") ? optionalItems : items)(inventory, "roleDefinitions"),
    (d) => d.name,
  );
  const principals = indexBy(
    (optional.includes("principals") ? optionalItems : items)(inventory, "principals"),
    (p) => p.id,
  );
  return effectivePrivileges(inventory).azure.map((g) => {
    const principal: Principal | undefined = principals.get(g.principalId);
    const assignment: RoleAssignment =
      g.via.length === 0
        ? g.assignment
        : {
            ...g.assignment,
            principalId: g.principalId,
            principalType: ARM_PRINCIPAL_TYPE[principal?.type ?? "unknown"],
          };
    return {
      assignment,
      definition: definitions.get(roleDefinitionGuid(g.assignment.roleDefinitionId)),
      principal,
      via: g.via,
      eligible: g.eligible,
      made: g.assignment,
    };
  });
}

/** A subject held directly and standing: judged and fingerprinted as the assignment always was. */
export function isDirectStanding(s: Pick<HeldSubject, "via" | "eligible">): boolean {
  return s.via.length === 0 && !s.eligible;
}

/** Message data: `{{holds}}` ("holds", "is eligible (PIM) to activate") and `{{through}}` ("" or " via group …"). */
export function heldData(s: Pick<HeldSubject, "via" | "eligible">): { holds: string; through: string } {
  return {
    holds: s.eligible ? "is eligible (PIM) to activate" : "holds",
    through: s.via.length === 0 ? "" : ` ${viaLabel(s.via)}`,
  };
}

/** The finding's target: the grant as seen by the holder, discriminated by path and eligibility. */
export function heldTarget(s: HeldSubject, role: AssignedRole): { resource: ResourceRef; discriminator: string } {
  const t = assignmentTarget(s.assignment, role);
  if (isDirectStanding(s)) return t;
  const via = s.via.length ? `|via:${viaIds(s.via).join(">")}` : "";
  return { resource: t.resource, discriminator: `${t.discriminator}${via}${s.eligible ? "|eligible" : ""}` };
}

/** Evidence of the path and eligibility; nothing for a subject held directly and standing. */
export function heldEvidence(s: HeldSubject): Evidence {
  if (isDirectStanding(s)) return {};
  return {
    eligible: s.eligible,
    via: s.via.map((g) => g.displayName ?? g.id),
    viaGroupIds: viaIds(s.via),
    assignedTo: s.made.principalId,
    path: [`${s.eligible ? "eligible for" : "holds"} ${s.assignment.scope}`, viaLabel(s.via)].filter(Boolean).join(" "),
  };
}

export function oneStepLower(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)] ?? severity;
}

/**
 * A role that can grant access, whose condition keeps the holder from granting Owner, User Access
 * Administrator and RBAC Administrator (Microsoft's constrained delegation), is one step lower.
 */
export function isConstrainedDelegation(s: HeldSubject, roleClass: AzureRoleClass): boolean {
  return canGrantAccess(roleClass) && restrictsPrivilegedGrants(readCondition(s.assignment.condition));
}

/**
 * The severity for a subject: one step lower when eligible (not standing), one step lower when a
 * condition constrains what it can grant; with the reasons for the evidence.
 */
export function heldSeverity(
  base: Severity,
  s: HeldSubject,
  roleClass: AzureRoleClass,
): { severity: Severity; evidence: Evidence } {
  let severity = base;
  const evidence: Evidence = {};
  if (s.eligible) severity = oneStepLower(severity);
  if (isConstrainedDelegation(s, roleClass)) {
    severity = oneStepLower(severity);
    evidence.condition = s.assignment.condition;
    evidence.conditionRestricts = "cannot assign Owner, User Access Administrator or RBAC Administrator";
  }
  return { severity, evidence };
}
