// The reference data the generator and the example fixture serve (ids: src/refdata/well-known.ts;
// wire shapes: wire-refdata.ts).
import type { ArmRoleDefinition, JsonObject } from "./types.ts";
import { builtinRoleDefinitions, graphAppRoles } from "./wire-refdata.ts";
import { BUILTIN_ROLE, GRAPH_APP_ROLE as WELL_KNOWN_APP_ROLE, RESOURCE_APP_ID } from "../refdata/well-known.ts";

/** The roles the generator weighs by hand; the other built-ins it serves get an even share. */
export const ROLE = {
  owner: BUILTIN_ROLE.owner,
  contributor: BUILTIN_ROLE.contributor,
  reader: BUILTIN_ROLE.reader,
  userAccessAdministrator: BUILTIN_ROLE.userAccessAdministrator,
  rbacAdministrator: BUILTIN_ROLE.rbacAdministrator,
} as const;

export const GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;

export const GRAPH_APP_ROLE = {
  roleManagementReadWriteDirectory: WELL_KNOWN_APP_ROLE["RoleManagement.ReadWrite.Directory"],
  applicationReadWriteAll: WELL_KNOWN_APP_ROLE["Application.ReadWrite.All"],
  appRoleAssignmentReadWriteAll: WELL_KNOWN_APP_ROLE["AppRoleAssignment.ReadWrite.All"],
  userReadAll: WELL_KNOWN_APP_ROLE["User.Read.All"],
  directoryReadAll: WELL_KNOWN_APP_ROLE["Directory.Read.All"],
} as const;

export const BUILTIN_ROLE_DEFINITIONS: ArmRoleDefinition[] = builtinRoleDefinitions([
  BUILTIN_ROLE.owner,
  BUILTIN_ROLE.contributor,
  BUILTIN_ROLE.reader,
  BUILTIN_ROLE.userAccessAdministrator,
  BUILTIN_ROLE.rbacAdministrator,
  BUILTIN_ROLE.keyVaultSecretsUser,
  BUILTIN_ROLE.storageBlobDataContributor,
  BUILTIN_ROLE.websiteContributor,
  BUILTIN_ROLE.virtualMachineContributor,
  BUILTIN_ROLE.managedIdentityOperator,
]);

export const GRAPH_APP_ROLES: JsonObject[] = graphAppRoles(
  (
    [
      "RoleManagement.ReadWrite.Directory",
      "Application.ReadWrite.All",
      "AppRoleAssignment.ReadWrite.All",
      "User.Read.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
      "Group.ReadWrite.All",
      "Group.Read.All",
      "AuditLog.Read.All",
      "Mail.Read",
    ] as const
  ).map((v) => WELL_KNOWN_APP_ROLE[v]),
);
