// A built-in Entra directory role (unifiedRoleDefinition) as Graph lists it under
// `roleManagement/directory/roleDefinitions`. A built-in role's id is its template id, the same in
// every tenant; its name comes from the reference data so that it is written in one place.
import { entraDirectoryRoleById } from "../../refdata/index.ts";
import type { GraphEntity } from "../types.ts";

export function directoryRoleDefinitionWire(templateId: string, description = ""): GraphEntity {
  const ref = entraDirectoryRoleById(templateId);
  if (!ref) throw new Error(`no built-in Entra directory role ${templateId} in the reference data`);
  return {
    id: templateId,
    description,
    displayName: ref.displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ["/"],
    templateId,
    version: "1",
    // the fixture does not model permissions: nothing the scan reads depends on them
    rolePermissions: [],
  };
}
