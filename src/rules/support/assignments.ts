import { roleDefinitionGuid } from "../../classification/index.ts";
import { azureBuiltinRoleById } from "../../refdata/index.ts";
import type { Inventory, Principal, RoleAssignment, RoleDefinition, ScopeLevel } from "../../inventory/types.ts";
import type { ResourceRef } from "../types.ts";
import { indexBy, items, optionalItems } from "./sections.ts";

// What the Azure RBAC rules share: how a scope level reads in a message, the assignment with its
// role and principal looked up once, and the resource, fingerprint and evidence of a finding on it.

export const LEVEL_LABEL: Record<ScopeLevel, string> = {
  root: "tenant root",
  managementGroup: "management group",
  subscription: "subscription",
  resourceGroup: "resource group",
  resource: "resource",
};

/** The scope levels every subscription, or many, inherit from: the tenant root, management groups, a subscription. */
export const BROAD_LEVELS: ReadonlySet<ScopeLevel> = new Set<ScopeLevel>(["root", "managementGroup", "subscription"]);

/** An assignment with its role and principal looked up once, not once per check. */
export interface AssignmentSubject {
  assignment: RoleAssignment;
  definition: RoleDefinition | undefined;
  principal: Principal | undefined;
}

/** The sections an assignment rule can do without (enrichment only); the others it must list in `requires`. */
export type AssignmentEnrichment = "roleDefinitions" | "principals";

/**
 * Every role assignment with its definition (by GUID) and principal (by object id). The sections
 * named in `optional` are enrichment: when unavailable, definitions or principals are undefined.
 */
export function assignmentSubjects(
  inventory: Inventory,
  optional: readonly AssignmentEnrichment[] = [],
): AssignmentSubject[] {
  const definitions = indexBy(
    (optional.includes("roleDefinitions") ? optionalItems : items)(inventory, "roleDefinitions"),
    (d) => d.name,
  );
  const principals = indexBy(
    (optional.includes("principals") ? optionalItems : items)(inventory, "principals"),
    (p) => p.id,
  );
  return items(inventory, "roleAssignments").map((assignment) => ({
    assignment,
    definition: definitions.get(roleDefinitionGuid(assignment.roleDefinitionId)),
    principal: principals.get(assignment.principalId.toLowerCase()),
  }));
}

/**
 * Lowercased ids of scanned subscriptions whose home tenant is another one (Azure Lighthouse,
 * included on request): their assignments name that tenant's principals, which this tenant's
 * directory cannot resolve, so "not found" there says nothing about them.
 */
export function otherTenantSubscriptions(inventory: Inventory): ReadonlySet<string> {
  return new Set(
    optionalItems(inventory, "subscriptions")
      .filter((s) => s.tenantId)
      .map((s) => s.subscriptionId.toLowerCase()),
  );
}

/**
 * The assigned role: its definition GUID, and its name: from the inventory's definition, else the
 * built-in's published name (an az export or a scan without role definitions still says "Owner"),
 * else the GUID.
 */
export interface AssignedRole {
  guid: string;
  roleName: string;
}

export function assignedRole(assignment: RoleAssignment, definition: RoleDefinition | undefined): AssignedRole {
  const guid = roleDefinitionGuid(assignment.roleDefinitionId);
  return { guid, roleName: definition?.roleName ?? azureBuiltinRoleById(guid)?.roleName ?? guid };
}

/** The message placeholders every role-assignment finding fills: `{{roleName}} at {{levelLabel}} scope {{scope}}`. */
export function assignmentData(
  assignment: RoleAssignment,
  { roleName }: AssignedRole,
): { roleName: string; levelLabel: string; scope: string } {
  return { roleName, levelLabel: LEVEL_LABEL[assignment.scopeLevel], scope: assignment.scope };
}

/** How a finding names an assignment: `Role @ scope`. */
export function assignmentLabel(assignment: RoleAssignment, { roleName }: AssignedRole): string {
  return `${roleName} @ ${assignment.scope}`;
}

/**
 * What an assignment grants, as a stable id: `<scope>/roleGrants/<principal object id>/<role GUID>`.
 * Not an ARM id: infrastructure-as-code tools delete and recreate assignments with new GUIDs, and a
 * finding keyed on the GUID would reopen every alert and escape every suppression (docs/findings.md).
 */
export function roleGrantId(assignment: RoleAssignment, roleGuid: string): string {
  const scope = assignment.scope.replace(/\/+$/, "");
  return `${scope}/roleGrants/${assignment.principalId.toLowerCase()}/${roleGuid.toLowerCase()}`;
}

/**
 * Where a finding on a role assignment points: the grant (role, scope, principal), named
 * `Role @ scope`; its fingerprint discriminator is the same three facts. The assignment's own id
 * is evidence only.
 */
export function assignmentTarget(
  assignment: RoleAssignment,
  role: AssignedRole,
): { resource: ResourceRef; discriminator: string } {
  return {
    resource: {
      id: roleGrantId(assignment, role.guid),
      type: "Microsoft.Authorization/roleAssignments",
      displayName: assignmentLabel(assignment, role),
      subscriptionId: assignment.subscriptionId,
    },
    discriminator: `${role.guid}|${assignment.scope}|${assignment.principalId.toLowerCase()}`,
  };
}

/** The evidence every role-assignment finding starts with; `roleClass` when the rule classified the role. */
export function assignmentEvidence(assignment: RoleAssignment, { guid, roleName }: AssignedRole, roleClass?: string) {
  return {
    roleDefinitionId: guid,
    roleName,
    ...(roleClass === undefined ? {} : { roleClass }),
    scope: assignment.scope,
    scopeLevel: assignment.scopeLevel,
    principalId: assignment.principalId,
    // What `az role assignment delete --ids` needs; changes when the assignment is recreated.
    assignmentId: assignment.id,
  };
}

const PRINCIPAL_LABEL: Record<string, string> = {
  user: "User",
  group: "Group",
  serviceprincipal: "Service principal",
  foreigngroup: "Foreign group",
  device: "Device",
};

/** How a message names the kind of principal: ARM's type in words, managed identities by name. */
export function principalLabel(assignment: RoleAssignment, principal: Principal | undefined): string {
  if (principal?.servicePrincipalType?.toLowerCase() === "managedidentity") return "Managed identity";
  return PRINCIPAL_LABEL[assignment.principalType.toLowerCase()] ?? (assignment.principalType || "Principal");
}
