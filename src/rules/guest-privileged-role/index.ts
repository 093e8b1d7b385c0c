import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, isPrivilegedAzureRole } from "../../classification/index.ts";
import type { Principal } from "../../inventory/types.ts";
import {
  assignedRole,
  assignmentData,
  assignmentEvidence,
  assignmentSubjects,
  assignmentTarget,
  type AssignmentSubject,
} from "../support/assignments.ts";
import { guidList, includesId } from "../support/options.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Guest object ids allowed to hold privileged roles (a vetted partner's named admin). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Guest user object ids allowed to hold privileged Azure roles (for example a vetted partner administrator); matched case-insensitively.",
    ),
  },
  required: ["allowPrincipalIds"],
  additionalProperties: false,
};

/**
 * A guest: userType Guest; or, when the directory returned no userType (older B2B invitations),
 * a UPN carrying the `#EXT#` marker of an invited external account.
 */
export function isGuestUser(p: Principal | undefined): boolean {
  if (!p || !p.found || p.type !== "user") return false;
  if (p.userType !== null) return p.userType.toLowerCase() === "guest";
  return (p.userPrincipalName ?? "").toUpperCase().includes("#EXT#");
}

export default defineRule<Options, AssignmentSubject>({
  meta: {
    id: "guest-privileged-role",
    aliases: [],
    title: "Guest users hold no privileged Azure roles",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      "Flags role assignments, at any scope, that give a guest user (userType Guest, or no userType and a `#EXT#` user principal name) Owner, Contributor, User Access Administrator, Role Based Access Control Administrator or an owner-equivalent custom role (its actions, less its notActions, allow `*` or role-assignment writes). Guests in `allowPrincipalIds` are not flagged. Deleted guests are left to orphaned-role-assignment.",
    rationale:
      "A guest's identity, password, MFA and device are governed by another organisation: your Conditional Access, access reviews and leaver process may not reach it, and its home tenant can be compromised without you knowing. Write or access-management rights in your Azure estate should belong to accounts you control; give partners narrow, time-bound access through Privileged Identity Management, or member accounts you manage.",
    remediation: {
      portal: [
        "Azure portal > the scope in the finding > Access control (IAM) > Role assignments, find the guest.",
        "Remove the assignment, or replace it with a narrower role at the resource group it works on, made eligible and time-bound through Privileged Identity Management.",
        "Microsoft Entra admin center > Identity governance > Access reviews: review guests with Azure access regularly.",
      ],
      cli: "az role assignment delete --ids <assignment id>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/external-id/user-properties",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-assignments-external-users",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
    ],
    compliance: [
      {
        framework: "Azure Policy",
        id: "339353f6-2387-4a45-abe4-7f529d121046",
        displayName: "Guest accounts with owner permissions on Azure resources should be removed",
      },
      {
        framework: "Azure Policy",
        id: "94e1c2ac-cbbe-4cac-a2b5-389c812dee87",
        displayName: "Guest accounts with write permissions on Azure resources should be removed",
      },
      { framework: "MCSB", id: "PA-1" },
    ],
    messages: {
      guest:
        'Guest user "{{principalName}}" ({{userPrincipalName}}) holds {{roleName}} at {{levelLabel}} scope {{scope}}.',
    },
    requires: ["roleAssignments", "roleDefinitions", "principals"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects: (inventory) => assignmentSubjects(inventory),
  check({ assignment, definition, principal }, { options }) {
    if (!isGuestUser(principal)) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    if (!isPrivilegedAzureRole(roleClass)) return [];

    const upn = principal?.userPrincipalName ?? null;
    return [
      {
        messageId: "guest",
        data: {
          principalName: principal?.displayName ?? upn ?? assignment.principalId,
          userPrincipalName: upn ?? "no UPN",
          ...assignmentData(assignment, role),
        },
        ...assignmentTarget(assignment, role),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          principalName: principal?.displayName ?? null,
          userPrincipalName: upn,
          userType: principal?.userType ?? null,
          accountEnabled: principal?.accountEnabled ?? null,
        },
      },
    ];
  },
});
