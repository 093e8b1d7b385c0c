import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, isPrivilegedAzureRole, isWriteCapableRole } from "../../classification/index.ts";
import { assignedRole, assignmentData, assignmentEvidence } from "../support/assignments.ts";
import { heldData, heldEvidence, heldSubjects, heldSeverity, heldTarget, type HeldSubject } from "../support/held.ts";
import { EXTERNAL_LABEL, externalKind } from "../support/external-users.ts";
import { guidList, includesId } from "../support/options.ts";
import { defineRule } from "../types.ts";

export { isGuestUser } from "../support/external-users.ts";

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

export default defineRule<Options, HeldSubject>({
  meta: {
    id: "guest-privileged-role",
    aliases: [],
    title: "Guests and external members hold no privileged or write-capable Azure roles",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      'Flags role assignments, at any scope, that give a guest user (userType Guest, or no userType and a `#EXT#` user principal name) or an external member (userType Member with a `#EXT#` user principal name: a B2B account another organisation governs) a privileged Azure role, at high: Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, an owner-equivalent custom role (its actions, less its notActions, allow `*` or role-assignment writes), or a role that runs code as an identity (docs/classification.md). Any other role that can change resources (a `…/write` or `…/delete` action, or a wildcard ending in `*`, outside Microsoft.Support and not removed by its notActions) is flagged at medium, as the Azure Policy "Guest accounts with write permissions on Azure resources should be removed" does. Principals in `allowPrincipalIds` are not flagged. Deleted guests are left to orphaned-role-assignment. A guest who holds the role through a group (nested groups included) is flagged with the group path in the message and evidence; a PIM eligible role is flagged one step lower, as is a role-granting role whose condition keeps it from assigning Owner, User Access Administrator or RBAC Administrator.',
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
        '{{userLabel}} "{{principalName}}" ({{userPrincipalName}}) {{holds}} {{roleName}} at {{levelLabel}} scope {{scope}}{{through}}.',
      write:
        '{{userLabel}} "{{principalName}}" ({{userPrincipalName}}) {{holds}} {{roleName}}, which can change resources, at {{levelLabel}} scope {{scope}}{{through}}.',
    },
    requires: ["roleAssignments", "roleDefinitions", "principals"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects: (inventory) => heldSubjects(inventory),
  check(subject, { options }) {
    const { assignment, definition, principal } = subject;
    const kind = externalKind(principal);
    if (kind === null) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    const privileged = isPrivilegedAzureRole(roleClass);
    if (!privileged && !isWriteCapableRole(definition, role.guid)) return [];

    const upn = principal?.userPrincipalName ?? null;
    const { severity, evidence } = heldSeverity(privileged ? "high" : "medium", subject, roleClass);
    return [
      {
        messageId: privileged ? "guest" : "write",
        ...(severity === "high" ? {} : { severity }),
        data: {
          userLabel: EXTERNAL_LABEL[kind],
          principalName: principal?.displayName ?? upn ?? assignment.principalId,
          userPrincipalName: upn ?? "no UPN",
          ...assignmentData(assignment, role),
          ...heldData(subject),
        },
        ...heldTarget(subject, role),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          ...heldEvidence(subject),
          ...evidence,
          principalName: principal?.displayName ?? null,
          userPrincipalName: upn,
          userType: principal?.userType ?? null,
          external: kind,
          writeCapableOnly: !privileged,
          accountEnabled: principal?.accountEnabled ?? null,
        },
      },
    ];
  },
});
