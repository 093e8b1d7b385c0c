// The built-in Azure roles the demo tenant uses (wire shape and source: emulator/wire-refdata.ts).
import type { ArmRoleDefinition } from "../emulator/types.ts";
import { builtinRoleDefinitions } from "../emulator/wire-refdata.ts";
import { BUILTIN_ROLE } from "../refdata/well-known.ts";

export const DEMO_BUILTIN_ROLE_DEFINITIONS: readonly ArmRoleDefinition[] = builtinRoleDefinitions([
  BUILTIN_ROLE.owner,
  BUILTIN_ROLE.contributor,
  BUILTIN_ROLE.reader,
  BUILTIN_ROLE.userAccessAdministrator,
  BUILTIN_ROLE.rbacAdministrator,
  BUILTIN_ROLE.keyVaultSecretsUser,
  BUILTIN_ROLE.storageBlobDataContributor,
  BUILTIN_ROLE.websiteContributor,
  BUILTIN_ROLE.virtualMachineContributor,
  BUILTIN_ROLE.securityReader,
  BUILTIN_ROLE.acrPull,
  BUILTIN_ROLE.monitoringReader,
]);
