// The built-in Azure roles the demo tenant uses (wire shape and source: emulator/wire-refdata.ts).
import type { ArmRoleDefinition } from "../emulator/types.ts";
import { COMMON_BUILTIN_ROLES } from "../emulator/refdata.ts";
import { builtinRoleDefinitions } from "../emulator/wire-refdata.ts";
import { BUILTIN_ROLE } from "../refdata/well-known.ts";

export const DEMO_BUILTIN_ROLE_DEFINITIONS: readonly ArmRoleDefinition[] = builtinRoleDefinitions([
  ...COMMON_BUILTIN_ROLES,
  BUILTIN_ROLE.securityReader,
  BUILTIN_ROLE.acrPull,
  BUILTIN_ROLE.monitoringReader,
]);
