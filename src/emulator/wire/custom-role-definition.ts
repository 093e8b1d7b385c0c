// A custom ARM role definition (one permission block) as `roleDefinitions` lists it.
import { roleDefinitionIdAt } from "../../arm/resource-id.ts";
import type { ArmRoleDefinition } from "../types.ts";

export interface CustomRoleSpec {
  guid: string;
  /** where ARM files the definition: `/` for tenant level, a subscription scope otherwise */
  definedAt: string;
  roleName: string;
  description: string;
  assignableScopes: string[];
  actions: string[];
  notActions?: string[];
  dataActions?: string[];
  createdOn: string;
  updatedOn: string;
  /** the object id of whoever created and last edited it; null as ARM reports for old roles */
  author: string | null;
}

export function customRoleDefinitionWire(r: CustomRoleSpec): ArmRoleDefinition {
  return {
    id: roleDefinitionIdAt(r.definedAt, r.guid),
    name: r.guid,
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: r.roleName,
      type: "CustomRole",
      description: r.description,
      assignableScopes: r.assignableScopes,
      permissions: [
        { actions: r.actions, notActions: r.notActions ?? [], dataActions: r.dataActions ?? [], notDataActions: [] },
      ],
      createdOn: r.createdOn,
      updatedOn: r.updatedOn,
      createdBy: r.author,
      updatedBy: r.author,
    },
  };
}
