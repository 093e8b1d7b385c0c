import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, isPrivilegedAzureRole } from "../../classification/index.ts";
import { effectivePrivileges } from "../../privilege/effective.ts";
import { assignedRole, assignmentData, assignmentEvidence, principalLabel } from "../support/assignments.ts";
import { heldData, heldEvidence, heldSeverity, heldSubjects, heldTarget, type HeldSubject } from "../support/held.ts";
import { indexBy, optionalItems } from "../support/sections.ts";
import { guidList, includesId } from "../support/options.ts";
import { defineRule, type Severity } from "../types.ts";

export interface Options {
  /** Scope levels at which a privileged role counts as broad. */
  levels: ("root" | "managementGroup" | "subscription")[];
  /** Principal types judged (ARM's principalType values). */
  principalTypes: string[];
  /** Principal object ids allowed to hold privileged roles broadly (break-glass accounts, PIM groups). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    levels: {
      type: "array",
      items: { type: "string", enum: ["root", "managementGroup", "subscription"] },
      uniqueItems: true,
      description: "Scope levels at which a privileged role counts as broad.",
    },
    principalTypes: {
      type: "array",
      items: { type: "string", enum: ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] },
      uniqueItems: true,
      description: "Principal types judged (ARM principalType values).",
    },
    allowPrincipalIds: guidList(
      "Object ids allowed to hold privileged roles at broad scope (break-glass accounts, PIM-managed groups).",
    ),
  },
  required: ["levels", "principalTypes", "allowPrincipalIds"],
  additionalProperties: false,
};

interface Subject extends HeldSubject {
  /** For an assignment to a group: its transitive members, named with their path. */
  members: string[];
}

/** The people and workloads behind a group, "Name (user) via group Inner in Outer", at most 50. */
const MAX_MEMBERS = 50;

export default defineRule<Options, Subject>({
  meta: {
    id: "privileged-role-broad-scope",
    aliases: [],
    title: "Privileged Azure roles are assigned at narrow scopes",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      "Flags assignments of Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, or a custom role that is owner-equivalent (its actions, less its notActions, allow `*` or role-assignment writes), made at the tenant root (`/`), a management group or a subscription. Severity is critical at root and management group scope, high at subscription scope. Assignments to principals the directory reports as deleted are left to orphaned-role-assignment (one finding, not two). PIM eligible assignments are flagged one step lower and say so; so is a role-granting role whose condition keeps it from assigning Owner, User Access Administrator or RBAC Administrator (Microsoft's constrained delegation), with the condition in the evidence. An assignment to a group is one finding on the group, its transitive members (up to 50) listed in the evidence with their path.",
    rationale:
      "A role assigned at a broad scope is inherited by every subscription, resource group and resource below it. One compromised principal with Owner or User Access Administrator at a management group can grant itself anything in every subscription under it — the shortest path from one leaked credential to the whole estate. Least privilege means the narrowest scope that does the job: a resource group or a resource.",
    remediation: {
      portal: [
        "Azure portal > the management group or subscription > Access control (IAM) > Role assignments.",
        "Assign the principal the narrowest role it needs at the resource group or resource it works on.",
        "Remove the broad assignment; for people, make it eligible through Privileged Identity Management instead of permanent.",
      ],
      cli: 'az role assignment create --assignee <principalId> --role "<narrower role>" --scope <resource group id> && az role assignment delete --ids <assignment id>',
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/scope-overview",
      "https://learn.microsoft.com/en-us/rest/api/authorization/role-assignments/list-for-scope",
    ],
    compliance: [
      { framework: "CIS Azure", version: "5.0.0", id: "5.3.3" },
      { framework: "CIS Azure", version: "5.0.0", id: "5.3.4" },
      { framework: "CIS Azure", version: "6.0.0", id: "5.3.3" },
      { framework: "CIS Azure", version: "6.0.0", id: "5.3.4" },
      { framework: "MCSB", id: "PA-1" },
      { framework: "MCSB", id: "PA-7" },
    ],
    messages: {
      broad:
        '{{principalKind}} "{{principalName}}" {{holds}} {{roleName}} at {{levelLabel}} scope {{scope}}{{through}}; every resource below inherits it.',
    },
    requires: ["roleAssignments", "roleDefinitions"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: {
    levels: ["root", "managementGroup", "subscription"],
    principalTypes: ["User", "Group", "ServicePrincipal", "ForeignGroup"],
    allowPrincipalIds: [],
  },
  subjects(inventory) {
    const privileges = effectivePrivileges(inventory);
    const principals = indexBy(optionalItems(inventory, "principals"), (p) => p.id);
    // One finding per assignment, to its assignee: a group's members are named in its evidence
    // rather than each raising the same finding (the identity rules judge them one by one).
    return heldSubjects(inventory, ["principals"])
      .filter((s) => s.via.length === 0)
      .map((s) => ({
        ...s,
        members: privileges
          .membersOf(s.assignment.principalId)
          .slice(0, MAX_MEMBERS)
          .map((m) => {
            const p = principals.get(m.id);
            const how =
              m.via.length > 1
                ? ` via group ${m.via
                    .slice(0, -1)
                    .map((g) => g.displayName ?? g.id)
                    .join(" in ")}`
                : "";
            return `${p?.displayName ?? m.id} (${m.type})${how}`;
          }),
      }));
  },
  check(subject, { options }) {
    const { assignment, definition, principal } = subject;
    if (!(options.levels as string[]).includes(assignment.scopeLevel)) return [];
    if (!options.principalTypes.some((t) => t.toLowerCase() === assignment.principalType.toLowerCase())) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];
    // A deleted principal cannot use the role: it is one finding, orphaned-role-assignment's.
    if (principal?.found === false) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    if (!isPrivilegedAzureRole(roleClass)) return [];

    const base: Severity = assignment.scopeLevel === "subscription" ? "high" : "critical";
    const { severity, evidence } = heldSeverity(base, subject, roleClass);
    return [
      {
        messageId: "broad",
        severity,
        data: {
          principalKind: principalLabel(assignment, principal),
          principalName: principal?.displayName ?? assignment.principalId,
          ...assignmentData(assignment, role),
          ...heldData(subject),
        },
        ...heldTarget(subject, role),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? null,
          ...heldEvidence(subject),
          ...evidence,
          ...(subject.members.length ? { members: subject.members } : {}),
        },
      },
    ];
  },
});
