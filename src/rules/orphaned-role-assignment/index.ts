import type { JSONSchemaType } from "ajv";
import type { Principal, RoleAssignment } from "../../inventory/types.ts";
import {
  assignedRole,
  assignmentData,
  assignmentEvidence,
  assignmentSubjects,
  assignmentTarget,
  otherTenantSubscriptions,
  type AssignmentSubject,
} from "../support/assignments.ts";
import { defineRule } from "../types.ts";

export type OrphanCase = "deleted" | "disabled" | "unknown";

export interface Options {
  /** Which cases to report. */
  cases: OrphanCase[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    cases: {
      type: "array",
      items: { type: "string", enum: ["deleted", "disabled", "unknown"] },
      uniqueItems: true,
      description:
        "Which cases to report: `deleted` (the directory no longer has the principal), `disabled` (accountEnabled false), `unknown` (the principal could not be resolved at all).",
    },
  },
  required: ["cases"],
  additionalProperties: false,
};

/** Which orphan case an assignment is, or null when its principal is alive and known. */
export function orphanCase(assignment: RoleAssignment, principal: Principal | undefined): OrphanCase | null {
  if (!principal) return "unknown";
  if (!principal.found) return "deleted";
  if (principal.accountEnabled === false) return "disabled";
  // Resolved, but to nothing azaudit can type, and ARM does not know it either.
  if (principal.type === "unknown" && assignment.principalType.toLowerCase() === "unknown") return "unknown";
  return null;
}

export default defineRule<Options, AssignmentSubject>({
  meta: {
    id: "orphaned-role-assignment",
    aliases: [],
    title: "Role assignments belong to live, enabled principals",
    severity: "medium",
    confidence: "high",
    category: "access",
    description:
      "Flags Azure role assignments, at any scope and of any role, whose principal the directory reports as deleted (not found), disabled (accountEnabled false: a user blocked from signing in, or a disabled service principal), or that could not be resolved at all (absent from the principals section, or resolved to an untyped object while ARM's principalType is `Unknown`). Each case has its own message. The `cases` option picks which are reported.",
    rationale:
      "An assignment to a deleted principal is dead weight that hides real access in reviews and keeps a role slot; a soft-deleted user or group restored within 30 days gets its Azure access back at once. An assignment to a disabled account is standing access waiting for someone to re-enable the account — a quiet persistence path, and a leaver whose access was never removed. Unknown principals are assignments nobody can account for. Remove them so that what the IAM blade shows is the access that exists.",
    remediation: {
      portal: [
        'Azure portal > the scope in the finding > Access control (IAM) > Role assignments; deleted principals show as "Identity not found" or "Unknown".',
        "Confirm the principal is gone or should stay disabled (check Microsoft Entra ID > Deleted users/Deleted applications for restores in progress).",
        "Select the assignment > Remove.",
      ],
      cli: "az role assignment delete --ids <assignment id>",
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/troubleshooting",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/role-assignments-list-portal",
      "https://learn.microsoft.com/en-us/entra/fundamentals/users-restore",
    ],
    compliance: [
      { framework: "CIS Azure", version: "5.0.0", id: "5.3.5" },
      { framework: "CIS Azure", version: "6.0.0", id: "5.3.5" },
      {
        framework: "Azure Policy",
        id: "0cfea604-3201-4e14-88fc-fae4c427a6c5",
        displayName: "Blocked accounts with owner permissions on Azure resources should be removed",
      },
      {
        framework: "Azure Policy",
        id: "8d7e1fde-fe26-4b5f-8108-f8e432cbc2be",
        displayName: "Blocked accounts with read and write permissions on Azure resources should be removed",
      },
      { framework: "MCSB", id: "PA-3" },
      { framework: "MCSB", id: "PA-4" },
    ],
    messages: {
      deleted:
        "{{roleName}} at {{levelLabel}} scope {{scope}} is assigned to {{principalType}} {{principalId}}, which no longer exists in the directory.",
      disabled:
        '{{roleName}} at {{levelLabel}} scope {{scope}} is assigned to disabled {{principalKind}} "{{principalName}}": re-enabling the account restores the access.',
      unknown:
        "{{roleName}} at {{levelLabel}} scope {{scope}} is assigned to principal {{principalId}} (type {{principalType}}), which could not be resolved in the directory.",
    },
    requires: ["roleAssignments", "principals"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { cases: ["deleted", "disabled", "unknown"] },
  // Role names are enrichment only: without definitions the message names the role GUID.
  // Assignments in another tenant's subscription (Lighthouse) name principals this directory cannot know.
  subjects: (inventory) => {
    const foreign = otherTenantSubscriptions(inventory);
    return assignmentSubjects(inventory, ["roleDefinitions"]).filter(
      (s) => !(s.assignment.subscriptionId && foreign.has(s.assignment.subscriptionId.toLowerCase())),
    );
  },
  check({ assignment, definition, principal }, { options }) {
    const kind = orphanCase(assignment, principal);
    if (kind === null || !options.cases.includes(kind)) return [];

    const role = assignedRole(assignment, definition);
    const principalKind =
      principal?.type === "user"
        ? "user"
        : principal?.type === "servicePrincipal"
          ? "service principal"
          : principal?.type === "group"
            ? "group"
            : "principal";
    return [
      {
        messageId: kind,
        data: {
          ...assignmentData(assignment, role),
          principalType: assignment.principalType || "Unknown",
          principalId: assignment.principalId,
          principalKind,
          principalName: principal?.displayName ?? principal?.userPrincipalName ?? assignment.principalId,
        },
        // One fingerprint per assignment whatever the case: disabled then deleted is one alert.
        ...assignmentTarget(assignment, role),
        evidence: {
          case: kind,
          ...assignmentEvidence(assignment, role),
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? null,
          userPrincipalName: principal?.userPrincipalName ?? null,
          principalFound: principal ? principal.found : null,
          accountEnabled: principal?.accountEnabled ?? null,
          createdOn: assignment.createdOn,
        },
      },
    ];
  },
});
