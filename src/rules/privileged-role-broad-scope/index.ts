import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, isPrivilegedAzureRole } from "../../classification/index.ts";
import {
  assignedRole,
  assignmentData,
  assignmentEvidence,
  assignmentSubjects,
  assignmentTarget,
  type AssignmentSubject,
  principalLabel,
} from "../support/assignments.ts";
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

export default defineRule<Options, AssignmentSubject>({
  meta: {
    id: "privileged-role-broad-scope",
    aliases: [],
    title: "Privileged Azure roles are assigned at narrow scopes",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      "Flags assignments of Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, or a custom role that is owner-equivalent (its actions, less its notActions, allow `*` or role-assignment writes), made at the tenant root (`/`), a management group or a subscription. Severity is critical at root and management group scope, high at subscription scope. Assignments to principals the directory reports as deleted are left to orphaned-role-assignment (one finding, not two).",
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
        '{{principalKind}} "{{principalName}}" holds {{roleName}} at {{levelLabel}} scope {{scope}}; every resource below inherits it.',
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
  subjects: (inventory) => assignmentSubjects(inventory, ["principals"]),
  check({ assignment, definition, principal }, { options }) {
    if (!(options.levels as string[]).includes(assignment.scopeLevel)) return [];
    if (!options.principalTypes.some((t) => t.toLowerCase() === assignment.principalType.toLowerCase())) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];
    // A deleted principal cannot use the role: it is one finding, orphaned-role-assignment's.
    if (principal?.found === false) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    if (!isPrivilegedAzureRole(roleClass)) return [];

    const severity: Severity = assignment.scopeLevel === "subscription" ? "high" : "critical";
    return [
      {
        messageId: "broad",
        severity,
        data: {
          principalKind: principalLabel(assignment, principal),
          principalName: principal?.displayName ?? assignment.principalId,
          ...assignmentData(assignment, role),
        },
        ...assignmentTarget(assignment, role),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? null,
        },
      },
    ];
  },
});
