import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, roleDefinitionGuid } from "../../classification/index.ts";
import type { Principal, RoleAssignment, RoleDefinition, ScopeLevel } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
import { defineRule } from "../types.ts";

export interface Options {
  /** Service principal object ids allowed to read broadly (scanners, monitoring, CSPM tools). */
  allowPrincipalIds: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: {
    allowPrincipalIds: {
      type: "array",
      items: { type: "string", pattern: "^[0-9a-fA-F-]{36}$" },
      uniqueItems: true,
      description: "Service principal object ids allowed to hold read-everything roles at broad scope (security scanners, monitoring and inventory tools); matched case-insensitively.",
    },
  },
  required: ["allowPrincipalIds"],
  additionalProperties: false,
};

const BROAD_LEVELS: ReadonlySet<ScopeLevel> = new Set(["root", "managementGroup", "subscription"]);

const LEVEL_LABEL: Record<ScopeLevel, string> = {
  root: "tenant root",
  managementGroup: "management group",
  subscription: "subscription",
  resourceGroup: "resource group",
  resource: "resource",
};

/** An assignment with its role and principal looked up once, not once per check. */
interface Subject {
  assignment: RoleAssignment;
  definition: RoleDefinition | undefined;
  principal: Principal | undefined;
}

/** ARM's principalType says ServicePrincipal (managed identities included) or the directory does. */
function isServicePrincipal(assignment: RoleAssignment, principal: Principal | undefined): boolean {
  return assignment.principalType.toLowerCase() === "serviceprincipal" || (principal?.found === true && principal.type === "servicePrincipal");
}

export default defineRule<Options, Subject>({
  meta: {
    id: "service-principal-broad-read",
    aliases: [],
    title: "Service principals read only the scopes they work on",
    severity: "low",
    confidence: "medium",
    category: "access",
    description:
      "Flags role assignments that give a service principal (an application's or a managed identity's) Reader, or another role whose actions, less its notActions, read every resource provider (a `*` followed by `/read`), at the tenant root (`/`), a management group or a subscription. Roles that also write (Owner, Contributor…) are left to privileged-role-broad-scope. Principals in `allowPrincipalIds` are not flagged.",
    rationale:
      "A workload identity with read access to a whole subscription or management group can enumerate every resource, its network layout, its configuration, tags and often secrets-adjacent settings: an attacker who steals its credential gets a full map for the next step. Most workloads read a handful of resource groups; read-everything is rarely needed outside scanners and monitoring tools. The confidence is medium: such tools legitimately need it — list them in allowPrincipalIds once verified.",
    remediation: {
      portal: [
        "Azure portal > the management group or subscription > Access control (IAM) > Role assignments, filter by the service principal.",
        "Grant it Reader (or a narrower read role) only on the resource groups or resources it works on.",
        "Remove the broad assignment; if the principal is a verified scanner, add its object id to allowPrincipalIds instead.",
      ],
      cli: 'az role assignment create --assignee-object-id <principalId> --assignee-principal-type ServicePrincipal --role Reader --scope <resource group id> && az role assignment delete --ids <assignment id>',
    },
    references: [
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/best-practices#only-grant-the-access-users-need",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/general#reader",
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/scope-overview",
    ],
    compliance: [{ framework: "MCSB", id: "PA-7" }],
    messages: {
      broadRead:
        'Service principal "{{principalName}}" ({{principalKind}}) holds {{roleName}} at {{levelLabel}} scope {{scope}}: it can read every resource below it.',
    },
    requires: ["roleAssignments", "roleDefinitions"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { allowPrincipalIds: [] },
  subjects(inventory) {
    const definitions = indexBy(items(inventory, "roleDefinitions"), (d) => d.name);
    const principals = indexBy(optionalItems(inventory, "principals"), (p) => p.id);
    return items(inventory, "roleAssignments").map((assignment) => ({
      assignment,
      definition: definitions.get(roleDefinitionGuid(assignment.roleDefinitionId)),
      principal: principals.get(assignment.principalId.toLowerCase()),
    }));
  },
  check({ assignment, definition, principal }, { options }) {
    if (!BROAD_LEVELS.has(assignment.scopeLevel)) return [];
    if (!isServicePrincipal(assignment, principal)) return [];
    const principalId = assignment.principalId.toLowerCase();
    if (options.allowPrincipalIds.some((id) => id.toLowerCase() === principalId)) return [];

    const guid = roleDefinitionGuid(assignment.roleDefinitionId);
    const roleClass = classifyAzureRole(definition, guid);
    if (roleClass !== "readAll") return [];

    const roleName = definition?.roleName ?? guid;
    const spType = principal?.servicePrincipalType ?? null;
    const principalKind = spType?.toLowerCase() === "managedidentity" ? "managed identity" : spType ? `${spType.toLowerCase()} service principal` : "service principal";
    return [
      {
        messageId: "broadRead",
        data: {
          principalName: principal?.displayName ?? assignment.principalId,
          principalKind,
          roleName,
          levelLabel: LEVEL_LABEL[assignment.scopeLevel],
          scope: assignment.scope,
        },
        resource: {
          id: assignment.id,
          type: "Microsoft.Authorization/roleAssignments",
          displayName: `${roleName} @ ${assignment.scope}`,
          subscriptionId: assignment.subscriptionId,
        },
        discriminator: `${guid}|${assignment.scope}|${principalId}`,
        evidence: {
          roleDefinitionId: guid,
          roleName,
          roleClass,
          scope: assignment.scope,
          scopeLevel: assignment.scopeLevel,
          principalId: assignment.principalId,
          principalName: principal?.displayName ?? null,
          servicePrincipalType: spType,
        },
      },
    ];
  },
});
