// Built-in Azure role definitions and Microsoft Graph app roles in their API wire shape, for the
// fixtures the emulator serves (the generator's tenants, the example fixture, the demo). The data
// is src/refdata/wire-*.json (generated from the upstream files, see src/refdata/README.md); this
// file only puts it in the envelopes the APIs answer with.
import { wireBuiltinRoles, wireGraphAppRoles } from "../refdata/index.ts";
import type { ArmRoleDefinition, JsonObject } from "./types.ts";

/**
 * The ARM roleDefinition envelope: id = /providers/Microsoft.Authorization/roleDefinitions/<guid>,
 * name = guid, type, properties with createdBy/updatedBy null as ARM returns them for built-ins.
 */
function roleDefinitionWire(id: string): ArmRoleDefinition {
  const role = wireBuiltinRoles().find((r) => r.id === id);
  if (!role) throw new Error(`built-in role ${id} is not in src/refdata/wire-builtin-roles.json`);
  const wire: ArmRoleDefinition = {
    id: `/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
    name: role.id,
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: role.roleName,
      type: role.roleType,
      description: role.description,
      assignableScopes: [...role.assignableScopes],
      permissions: role.permissions.map((p) => ({ ...p })),
      createdOn: role.createdOn,
      updatedOn: role.updatedOn,
      createdBy: null,
      updatedBy: null,
    },
  };
  return structuredClone(wire);
}

/** A Graph application permission as the Graph service principal's appRoles list it. */
function appRoleWire(id: string): JsonObject {
  const role = wireGraphAppRoles().find((r) => r.id === id);
  if (!role) throw new Error(`Graph app role ${id} is not in src/refdata/wire-graph-app-roles.json`);
  return {
    allowedMemberTypes: ["Application"],
    description: role.description,
    displayName: role.displayName,
    id: role.id,
    isEnabled: role.isEnabled,
    origin: "Application",
    value: role.value,
  };
}

/** Deep copies of the named built-in roles, in the order given; an unknown id is a programming error. */
export function builtinRoleDefinitions(ids: readonly string[]): ArmRoleDefinition[] {
  return ids.map(roleDefinitionWire);
}

/** Deep copies of the named Microsoft Graph app roles, in the order given. */
export function graphAppRoles(ids: readonly string[]): JsonObject[] {
  return ids.map(appRoleWire);
}
