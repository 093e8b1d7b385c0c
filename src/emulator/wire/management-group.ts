// A management group as the management groups API returns it with `$expand=children`-less details.
import { mgScope } from "../../arm/resource-id.ts";
import type { ArmManagementGroup, JsonObject } from "../types.ts";

export interface ManagementGroupParent {
  name: string;
  displayName: string;
}

export function managementGroupWire(
  name: string,
  tenantId: string,
  displayName: string,
  parent: ManagementGroupParent | null,
  /** further `details` fields (version, updatedTime, updatedBy), listed before `parent` as ARM does */
  details: JsonObject = {},
): ArmManagementGroup {
  return {
    id: mgScope(name),
    type: "Microsoft.Management/managementGroups",
    name,
    properties: {
      tenantId,
      displayName,
      details: {
        ...details,
        parent: parent ? { id: mgScope(parent.name), name: parent.name, displayName: parent.displayName } : null,
      },
    },
  };
}
