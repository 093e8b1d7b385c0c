import type { JSONSchemaType } from "ajv";
import { canGrantAccess, classifyAzureRole, isPrivilegedAzureRole } from "../../classification/index.ts";
import type { Principal, ServicePrincipal } from "../../inventory/types.ts";
import { assignedRole, assignmentData, assignmentEvidence, BROAD_LEVELS } from "../support/assignments.ts";
import { heldData, heldEvidence, heldSeverity, heldSubjects, heldTarget, type HeldSubject } from "../support/held.ts";
import { guidList, includesId } from "../support/options.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule } from "../types.ts";
import { providerTypeAndName } from "../../arm/resource-id.ts";

export interface Options {
  /** Managed identity object ids allowed to hold privileged roles broadly (a platform deployment identity). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: guidList(
      "Managed identity (service principal) object ids allowed to hold privileged roles at subscription scope or above, such as a vetted platform deployment identity; matched case-insensitively.",
    ),
  },
  required: ["allowPrincipalIds"],
  additionalProperties: false,
};

interface Subject extends HeldSubject {
  servicePrincipal: ServicePrincipal | undefined;
  /** User-assigned identities only: the workloads that carry it (ARM ids), from the workloads section. */
  attachedTo: string[];
}

const USER_ASSIGNED_TYPE = "microsoft.managedidentity/userassignedidentities";

function isManagedIdentity(sp: ServicePrincipal | undefined, principal: Principal | undefined): boolean {
  const t = sp?.servicePrincipalType ?? principal?.servicePrincipalType ?? null;
  return t !== null && t.toLowerCase() === "managedidentity";
}

/** "system-assigned identity of Microsoft.Web/sites "web-1"", "user-assigned identity "id-deploy"", or the raw id. */
function describeWorkload(resourceId: string | null): string {
  if (!resourceId) return "an unknown resource";
  const parsed = providerTypeAndName(resourceId);
  if (!parsed) return resourceId;
  if (parsed.type.toLowerCase() === USER_ASSIGNED_TYPE) return `user-assigned identity "${parsed.name}"`;
  return `system-assigned identity of ${parsed.type} "${parsed.name}"`;
}

export default defineRule<Options, Subject>({
  meta: {
    id: "managed-identity-privileged",
    aliases: [],
    title: "Managed identities hold no privileged roles at subscription scope or above",
    severity: "high",
    confidence: "high",
    category: "identity",
    description:
      "Flags role assignments that give a managed identity (a service principal of servicePrincipalType ManagedIdentity, system- or user-assigned) Owner, Contributor, User Access Administrator, Role Based Access Control Administrator or an owner-equivalent custom role (its actions, less its notActions, allow `*` or role-assignment writes) at the tenant root (`/`), a management group or a subscription. The finding names the resource the identity belongs to (its managedIdentityResourceId) and, for a user-assigned identity, the workloads that carry it. Identities in `allowPrincipalIds` are not flagged. An identity that holds the role through a group (nested groups included) is flagged with the group path; a PIM eligible role, or a role-granting role whose condition keeps it from assigning Owner, User Access Administrator or RBAC Administrator, one step lower.",
    rationale:
      "A managed identity is only as safe as the workload that holds it: anyone who can run code on that VM, Function app, container or Automation runbook — a remote-code-execution bug, a poisoned dependency, a deployment pipeline, a user with Contributor on that one resource group — can request its token and act with its roles. Owner or Contributor on a whole subscription turns a foothold on one app into control of everything in the subscription, and Owner or User Access Administrator lets it grant itself more. Workloads should hold data-plane or narrow roles on the resources they use.",
    remediation: {
      portal: [
        "Azure portal > the subscription or management group > Access control (IAM) > Role assignments, filter Type: Managed identity.",
        "Grant the identity the narrow role it needs (for example Storage Blob Data Reader, Key Vault Secrets User, or Contributor on one resource group) where it works.",
        "Remove the broad privileged assignment; for deployment identities, prefer a pipeline identity with federated credentials, scoped per environment.",
      ],
      cli: 'az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal --role "<narrow role>" --scope <resource id> && az role assignment delete --ids <assignment id>',
    },
    references: [
      "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#limit-privileged-administrator-role-assignments",
      "https://learn.microsoft.com/en-us/entra/identity/managed-identities-azure-resources/overview",
    ],
    compliance: [
      { framework: "MCSB", id: "PA-7" },
      { framework: "MCSB", id: "IM-3" },
    ],
    messages: {
      privileged:
        'Managed identity "{{identityName}}" ({{workload}}) {{holds}} {{roleName}} at {{levelLabel}} scope {{scope}}{{through}}: any code that runs with this identity can {{capability}}.',
    },
    requires: ["roleAssignments", "roleDefinitions", "servicePrincipals"],
    subjectNoun: "role assignments at subscription scope or above",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects(inventory) {
    const servicePrincipals = indexBy(items(inventory, "servicePrincipals"), (sp) => sp.id);
    // User-assigned identity resource id (lowercased) -> workloads carrying it.
    const carriers = new Map<string, string[]>();
    for (const w of optionalItems(inventory, "workloads")) {
      for (const uaId of Object.keys(w.identity?.userAssignedIdentities ?? {})) {
        const key = uaId.toLowerCase();
        const list = carriers.get(key);
        if (list) list.push(w.id);
        else carriers.set(key, [w.id]);
      }
    }
    return heldSubjects(inventory, ["principals"])
      .filter(({ assignment }) => BROAD_LEVELS.has(assignment.scopeLevel))
      .map((subject) => {
        const servicePrincipal = servicePrincipals.get(subject.assignment.principalId.toLowerCase());
        const miResource = servicePrincipal?.managedIdentityResourceId?.toLowerCase() ?? "";
        return { ...subject, servicePrincipal, attachedTo: [...(carriers.get(miResource) ?? [])].sort() };
      });
  },
  check(subject, { options }) {
    const { assignment, definition, servicePrincipal, principal, attachedTo } = subject;
    if (!isManagedIdentity(servicePrincipal, principal)) return [];
    if (includesId(options.allowPrincipalIds, assignment.principalId)) return [];

    const role = assignedRole(assignment, definition);
    const roleClass = classifyAzureRole(definition, role.guid);
    if (!isPrivilegedAzureRole(roleClass)) return [];

    const resourceId = servicePrincipal?.managedIdentityResourceId ?? null;
    let workload = describeWorkload(resourceId);
    if (attachedTo.length > 0) {
      const names = attachedTo.map((id) => providerTypeAndName(id)?.name ?? id);
      workload += `, attached to ${names.slice(0, 5).join(", ")}${names.length > 5 ? ` and ${names.length - 5} more` : ""}`;
    }
    const capability = canGrantAccess(roleClass)
      ? "grant any role to anyone, itself included, across it"
      : "change or delete every resource across it";
    const { severity, evidence } = heldSeverity("high", subject, roleClass);
    return [
      {
        messageId: "privileged",
        ...(severity === "high" ? {} : { severity }),
        data: {
          identityName: servicePrincipal?.displayName ?? principal?.displayName ?? assignment.principalId,
          workload,
          ...assignmentData(assignment, role),
          capability,
          ...heldData(subject),
        },
        ...heldTarget(subject, role),
        evidence: {
          ...assignmentEvidence(assignment, role, roleClass),
          ...heldEvidence(subject),
          ...evidence,
          identityName: servicePrincipal?.displayName ?? principal?.displayName ?? null,
          appId: servicePrincipal?.appId ?? null,
          managedIdentityResourceId: resourceId,
          identityKind:
            resourceId === null
              ? null
              : providerTypeAndName(resourceId)?.type.toLowerCase() === USER_ASSIGNED_TYPE
                ? "userAssigned"
                : "systemAssigned",
          attachedWorkloads: attachedTo,
        },
      },
    ];
  },
});
