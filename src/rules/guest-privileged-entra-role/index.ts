import type { JSONSchemaType } from "ajv";
import { entraRole, roleDefinitionGuid } from "../../classification/index.ts";
import type { Principal } from "../../inventory/types.ts";
import { EXTERNAL_LABEL, externalKind } from "../support/external-users.ts";
import { includesId, guidList } from "../support/options.ts";
import { viaIds } from "../../privilege/effective.ts";
import { heldData, oneStepLower } from "../support/held.ts";
import { entraRoleHolders, type EntraRoleHolder } from "../support/role-holders.ts";
import { indexBy, items } from "../support/sections.ts";
import { defineRule, type Severity } from "../types.ts";

export interface Options {
  /** External accounts allowed to hold Entra roles (a vetted partner's named administrator). */
  allowPrincipalIds: string[];
  /** Also flag the classification's "high" Entra roles (at severity high). */
  includeHighRisk: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Guest or external member object ids allowed to hold privileged Entra roles (for example a vetted partner administrator); matched case-insensitively.",
    ),
    includeHighRisk: {
      type: "boolean",
      description: 'Also flag Entra roles in the classification\'s "high" tier, at severity high.',
    },
  },
  required: ["allowPrincipalIds", "includeHighRisk"],
  additionalProperties: false,
};

interface Subject extends EntraRoleHolder {
  principal: Principal | undefined;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "guest-privileged-entra-role",
    aliases: [],
    title: "Guests and external members hold no Tier-0 Entra roles",
    severity: "critical",
    confidence: "high",
    category: "identity",
    description:
      "Flags Entra directory role assignments that give a guest user (userType Guest, or no userType and a `#EXT#` user principal name) or an external member (userType Member with a `#EXT#` user principal name) a role the project's classification puts in Tier 0: Global Administrator, Privileged Role Administrator, Application Administrator and the others in docs/classification.md. Severity is critical. With `includeHighRisk`, the classification's high-tier roles are flagged too, at high. Roles are matched by template id, at any directory scope. Principals in `allowPrincipalIds` are not flagged.",
    rationale:
      "A Tier-0 role is the tenant. A guest's or external member's password, MFA and devices are governed by their home organisation: your Conditional Access may not reach their sign-in methods, your leaver process does not see them leave, and a compromise of their home tenant is a compromise of yours. Administrators of the tenant should be accounts the tenant owns, with phishing-resistant MFA, made eligible through Privileged Identity Management.",
    remediation: {
      portal: [
        "Microsoft Entra admin center > Identity > Roles & admins > the role > Assignments: find the external account.",
        "Remove the assignment; give the partner a member account you manage, or a narrower role made eligible and time-bound through Privileged Identity Management.",
        "Review guests' and external members' role assignments regularly with an access review.",
      ],
      cli: "az rest --method DELETE --uri https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/<assignment id>",
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/external-id/user-properties",
      "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices",
      "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions",
    ],
    compliance: [
      { framework: "MCSB", id: "PA-1" },
      { framework: "MCSB", id: "PA-2" },
    ],
    messages: {
      external:
        '{{userLabel}} "{{principalName}}" ({{userPrincipalName}}) {{holds}} the {{tierLabel}} Entra role {{roleName}} at directory scope {{directoryScopeId}}{{through}}.',
    },
    requires: ["directoryRoleAssignments", "principals"],
    subjectNoun: "directory role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [], includeHighRisk: false },
  subjects(inventory) {
    const principals = indexBy(items(inventory, "principals"), (p) => p.id);
    return entraRoleHolders(inventory).map((held) => ({
      ...held,
      principal: principals.get(held.assignment.principalId.toLowerCase()),
    }));
  },
  check({ assignment, principal, via, eligible }, { options }) {
    const kind = externalKind(principal);
    if (kind === null) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];
    const templateId = roleDefinitionGuid(assignment.roleDefinitionId);
    const role = entraRole(templateId);
    if (!role) return [];
    if (role.tier !== "tier0" && !options.includeHighRisk) return [];
    const standing: Severity = role.tier === "tier0" ? "critical" : "high";
    const severity = eligible ? oneStepLower(standing) : standing;
    const upn = principal?.userPrincipalName ?? null;
    const principalName = principal?.displayName ?? upn ?? assignment.principalId;
    return [
      {
        messageId: "external",
        severity,
        data: {
          userLabel: EXTERNAL_LABEL[kind],
          principalName,
          userPrincipalName: upn ?? "no UPN",
          tierLabel: role.tier === "tier0" ? "Tier-0" : "high-risk",
          roleName: role.displayName,
          directoryScopeId: assignment.directoryScopeId,
          ...heldData({ via, eligible }),
        },
        // What is granted (role, directory scope, principal), not the assignment's own id: a
        // recreated assignment is the same finding.
        resource: {
          id: `entra/roleGrants/${assignment.principalId.toLowerCase()}/${templateId}`,
          type: "Microsoft.Graph/unifiedRoleAssignments",
          displayName: `${role.displayName} @ ${principalName}`,
          subscriptionId: null,
        },
        discriminator: `${templateId}|${assignment.directoryScopeId}|${assignment.principalId.toLowerCase()}${
          via.length ? `|via:${viaIds(via).join(">")}` : ""
        }${eligible ? "|eligible" : ""}`,
        evidence: {
          roleTemplateId: templateId,
          roleName: role.displayName,
          tier: role.tier,
          directoryScopeId: assignment.directoryScopeId,
          assignmentId: assignment.id,
          principalId: assignment.principalId,
          principalName: principal?.displayName ?? null,
          userPrincipalName: upn,
          userType: principal?.userType ?? null,
          external: kind,
          accountEnabled: principal?.accountEnabled ?? null,
          ...(via.length || eligible
            ? { eligible, via: via.map((g) => g.displayName ?? g.id), viaGroupIds: viaIds(via) }
            : {}),
        },
      },
    ];
  },
});
