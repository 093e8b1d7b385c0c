import type { JSONSchemaType } from "ajv";
import { classifyAzureRole, isPrivilegedAzureRole, roleDefinitionGuid } from "../../classification/index.ts";
import type { Principal, RoleAssignment, RoleDefinition, ScopeLevel } from "../../inventory/types.ts";
import { indexBy, items, optionalItems } from "../support/sections.ts";
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
    allowPrincipalIds: {
      type: "array",
      items: { type: "string", pattern: "^[0-9a-fA-F-]{36}$" },
      uniqueItems: true,
      description: "Object ids allowed to hold privileged roles at broad scope (break-glass accounts, PIM-managed groups).",
    },
  },
  required: ["levels", "principalTypes", "allowPrincipalIds"],
  additionalProperties: false,
};

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

export default defineRule<Options, Subject>({
  meta: {
    id: "privileged-role-broad-scope",
    aliases: [],
    title: "Privileged Azure roles are assigned at narrow scopes",
    severity: "high",
    confidence: "high",
    category: "access",
    description:
      "Flags assignments of Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, or a custom role that is owner-equivalent (its actions, less its notActions, allow `*` or role-assignment writes), made at the tenant root (`/`), a management group or a subscription. Severity is critical at root and management group scope, high at subscription scope.",
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
      broad: '{{principalType}} "{{principalName}}" holds {{roleName}} at {{levelLabel}} scope {{scope}}; every resource below inherits it.',
    },
    requires: ["roleAssignments", "roleDefinitions"],
    subjectNoun: "role assignments",
    enabledByDefault: true,
  },
  optionsSchema,
  defaultOptions: { levels: ["root", "managementGroup", "subscription"], principalTypes: ["User", "Group", "ServicePrincipal", "ForeignGroup"], allowPrincipalIds: [] },
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
    if (!(options.levels as string[]).includes(assignment.scopeLevel)) return [];
    if (!options.principalTypes.some((t) => t.toLowerCase() === assignment.principalType.toLowerCase())) return [];
    const principalId = assignment.principalId.toLowerCase();
    if (options.allowPrincipalIds.some((id) => id.toLowerCase() === principalId)) return [];

    const guid = roleDefinitionGuid(assignment.roleDefinitionId);
    const roleClass = classifyAzureRole(definition, guid);
    if (!isPrivilegedAzureRole(roleClass)) return [];

    const roleName = definition?.roleName ?? guid;
    const severity: Severity = assignment.scopeLevel === "subscription" ? "high" : "critical";
    return [
      {
        messageId: "broad",
        severity,
        data: {
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? assignment.principalId,
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
          principalType: assignment.principalType,
          principalName: principal?.displayName ?? null,
        },
      },
    ];
  },
});
