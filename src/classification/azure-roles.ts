// Azure RBAC role classification: by role definition GUID for the roles we name, then by what the
// role's actions allow. All GUID comparisons are lower case (ARM ids vary in casing).
import type { RoleDefinition, RolePermission } from "../inventory/types.ts";
import { azureBuiltinRoleById } from "../refdata/index.ts";
import { IDENTITY_TAKEOVER_ROLES } from "./azure-identity-roles.ts";

export type AzureRoleClass =
  | "owner"
  | "contributor"
  | "userAccessAdministrator"
  | "rbacAdministrator"
  | "ownerEquivalent"
  | "identityTakeover"
  | "readAll"
  | "other";

export const AZURE_ROLE_CLASSES: readonly AzureRoleClass[] = Object.freeze([
  "owner",
  "contributor",
  "userAccessAdministrator",
  "rbacAdministrator",
  "ownerEquivalent",
  "identityTakeover",
  "readAll",
  "other",
]);

/** A permission block; `condition` is present on the few built-ins Microsoft constrains with ABAC. */
export type PermissionBlock = RolePermission & { readonly condition?: string | null };

export const OWNER_ROLE_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
export const CONTRIBUTOR_ROLE_ID = "b24988ac-6180-42a0-ab88-20f7382dd24c";
export const USER_ACCESS_ADMINISTRATOR_ROLE_ID = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
export const RBAC_ADMINISTRATOR_ROLE_ID = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";
export const READER_ROLE_ID = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

/** The built-in roles classified by GUID, before any look at actions. */
export const NAMED_AZURE_ROLES: ReadonlyMap<string, AzureRoleClass> = Object.freeze(
  new Map<string, AzureRoleClass>([
    [OWNER_ROLE_ID, "owner"],
    [CONTRIBUTOR_ROLE_ID, "contributor"],
    [USER_ACCESS_ADMINISTRATOR_ROLE_ID, "userAccessAdministrator"],
    [RBAC_ADMINISTRATOR_ROLE_ID, "rbacAdministrator"],
    [READER_ROLE_ID, "readAll"],
    ...IDENTITY_TAKEOVER_ROLES.map((r) => [r.id, "identityTakeover"] as const),
  ]),
);

export const ROLE_ASSIGNMENTS_WRITE = "Microsoft.Authorization/roleAssignments/write";
export const ROLE_DEFINITIONS_WRITE = "Microsoft.Authorization/roleDefinitions/write";
/**
 * Probe actions in a provider that does not exist: a role allows them only through wildcards
 * that span every provider (`*`, `Microsoft.*`, a `*` followed by `/write`…), which is what "can
 * change / can read everything" means.
 */
export const PROBE_WRITE_ACTION = "Microsoft.AzauditProbe/probeResources/write";
export const PROBE_READ_ACTION = "Microsoft.AzauditProbe/probeResources/read";

/**
 * ARM action wildcard match: case-insensitive; `*` matches any sequence of characters, `/`
 * included; every other character matches itself.
 */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  let pi = 0;
  let ai = 0;
  let starPi = -1;
  let starAi = 0;
  while (ai < a.length) {
    if (pi < p.length && p[pi] === "*") {
      starPi = pi++;
      starAi = ai;
    } else if (pi < p.length && p[pi] === a[ai]) {
      pi++;
      ai++;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      ai = ++starAi;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

// Partial: hand-written definitions (custom role files, the what-if input) may leave an array out
function blockAllows(block: Partial<RolePermission>, action: string, data: boolean): boolean {
  const allow = data ? block.dataActions : block.actions;
  const deny = data ? block.notDataActions : block.notActions;
  return (allow ?? []).some((p) => actionMatches(p, action)) && !(deny ?? []).some((p) => actionMatches(p, action));
}

/**
 * Whether the role's control-plane permissions allow `action`: some block has an `actions`
 * pattern matching it and no `notActions` pattern of that same block matching it. Blocks add up
 * (a `notActions` entry only subtracts from its own block). Conditions are not evaluated here.
 */
export function allowsAction(permissions: readonly RolePermission[], action: string): boolean {
  return permissions.some((b) => blockAllows(b, action, false));
}

/** The same as allowsAction for data actions (`dataActions` less `notDataActions`). */
export function allowsDataAction(permissions: readonly RolePermission[], dataAction: string): boolean {
  return permissions.some((b) => blockAllows(b, dataAction, true));
}

/** Allowed by a block that carries no ABAC condition. */
function allowsUnconditionally(permissions: readonly PermissionBlock[], action: string): boolean {
  return permissions.some((b) => !b.condition && blockAllows(b, action, false));
}

export type RoleAssignmentWriteAccess = "none" | "conditional" | "unconditional";

/**
 * How far a role can write role assignments: `unconditional` (any role to anyone), `conditional`
 * (only through a block with an ABAC condition, as in Key Vault Data Access Administrator, which
 * may assign only certain roles), or `none`.
 */
export function roleAssignmentWriteAccess(permissions: readonly PermissionBlock[]): RoleAssignmentWriteAccess {
  if (allowsUnconditionally(permissions, ROLE_ASSIGNMENTS_WRITE)) return "unconditional";
  if (allowsAction(permissions, ROLE_ASSIGNMENTS_WRITE)) return "conditional";
  return "none";
}

/** Whether the role can create role assignments without an ABAC condition constraining it. */
export function canWriteRoleAssignments(def: Pick<RoleDefinition, "permissions"> | undefined): boolean {
  return def !== undefined && roleAssignmentWriteAccess(def.permissions) === "unconditional";
}

/**
 * Classifies permissions alone:
 * - `ownerEquivalent`: can write role assignments unconditionally (grant anyone anything in scope),
 *   or write role definitions (widen a custom role the holder already has to `*`);
 * - `contributor`: can write resources of every provider but not access (`*` less Authorization writes);
 * - `readAll`: can read resources of every provider (a `*` followed by `/read`, as in Reader);
 * - `other`.
 */
export function classifyPermissions(
  permissions: readonly PermissionBlock[],
): Exclude<AzureRoleClass, "owner" | "userAccessAdministrator" | "rbacAdministrator"> {
  if (
    allowsUnconditionally(permissions, ROLE_ASSIGNMENTS_WRITE) ||
    allowsUnconditionally(permissions, ROLE_DEFINITIONS_WRITE)
  ) {
    return "ownerEquivalent";
  }
  if (allowsAction(permissions, PROBE_WRITE_ACTION)) return "contributor";
  if (allowsAction(permissions, PROBE_READ_ACTION)) return "readAll";
  return "other";
}

/** The role definition GUID of an ARM role definition id (or a bare GUID): its last segment, lower case. */
export function roleDefinitionGuid(armId: string): string {
  const trimmed = armId.trim().replace(/\/+$/, "");
  const i = trimmed.lastIndexOf("/");
  return (i >= 0 ? trimmed.slice(i + 1) : trimmed).toLowerCase();
}

/**
 * Classifies an Azure role:
 * 1. the built-ins we name, by GUID (Owner, Contributor, User Access Administrator, RBAC
 *    Administrator, Reader);
 * 2. any other built-in found in src/refdata/azure-builtin-roles.json, from its reference
 *    permissions (which carry the ABAC conditions the inventory's RolePermission lacks);
 * 3. the given definition's permissions (custom roles, or built-ins newer than the refdata);
 * 4. `other` when nothing is known.
 * `roleDefinitionGuid` may be a bare GUID or a full ARM role definition id.
 */
export function classifyAzureRole(def: RoleDefinition | undefined, roleDefinitionGuidOrId: string): AzureRoleClass {
  const guid = roleDefinitionGuid(roleDefinitionGuidOrId || def?.name || def?.id || "");
  const named = NAMED_AZURE_ROLES.get(guid);
  if (named) return named;
  const builtin = azureBuiltinRoleById(guid);
  if (builtin) return classifyPermissions(builtin.permissions);
  if (def) return classifyPermissions(def.permissions);
  return "other";
}

const PRIVILEGED: ReadonlySet<AzureRoleClass> = Object.freeze(
  new Set<AzureRoleClass>([
    "owner",
    "contributor",
    "userAccessAdministrator",
    "rbacAdministrator",
    "ownerEquivalent",
    "identityTakeover",
  ]),
);

/**
 * Owner, Contributor, User Access Administrator, RBAC Administrator, owner-equivalent roles, and
 * the built-ins that run code as, or take over, an identity (azure-identity-roles.ts).
 */
export function isPrivilegedAzureRole(cls: AzureRoleClass): boolean {
  return PRIVILEGED.has(cls);
}

/** Classes that can grant access to others (Owner, UAA, RBAC Administrator, owner-equivalent). */
export function canGrantAccess(cls: AzureRoleClass): boolean {
  return (
    cls === "owner" || cls === "userAccessAdministrator" || cls === "rbacAdministrator" || cls === "ownerEquivalent"
  );
}

/**
 * Whether a role can change Azure resources: some permission block has an `actions` entry that is a
 * write or delete (`…/write`, `…/delete`) or a wildcard ending in `*` (which covers them), and that
 * no `notActions` entry of the block removes whole. `…/action` entries are not counted (most are
 * queries and list calls: Monitoring Reader's log search), nor anything under Microsoft.Support
 * (opening support tickets), which many read-only built-ins carry. Built-ins are judged from the
 * reference data; others from their own permissions.
 */
export function isWriteCapableRole(def: RoleDefinition | undefined, roleDefinitionGuidOrId: string): boolean {
  const guid = roleDefinitionGuid(roleDefinitionGuidOrId || def?.name || def?.id || "");
  const named = NAMED_AZURE_ROLES.get(guid);
  if (named && named !== "readAll") return true;
  const permissions = azureBuiltinRoleById(guid)?.permissions ?? def?.permissions ?? [];
  return permissions.some((b) =>
    b.actions.some((a) => {
      const p = a.trim().toLowerCase();
      if (p.startsWith("microsoft.support/")) return false;
      if (!(p.endsWith("/write") || p.endsWith("/delete") || p.endsWith("*"))) return false;
      return !b.notActions.some((n) => actionMatches(n, a));
    }),
  );
}
