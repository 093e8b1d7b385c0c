// An app role granted to a service principal (`appRoleAssignments`), as Graph lists it.
import type { JsonObject } from "../types.ts";

export interface AppRoleAssignmentSpec {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  principalId: string;
  principalDisplayName: string;
  /** the service principal of the API defining the role */
  resourceId: string;
  resourceDisplayName: string;
}

export function appRoleAssignmentWire(a: AppRoleAssignmentSpec): JsonObject {
  return {
    id: a.id,
    deletedDateTime: null,
    appRoleId: a.appRoleId,
    createdDateTime: a.createdDateTime,
    principalDisplayName: a.principalDisplayName,
    principalId: a.principalId,
    principalType: "ServicePrincipal",
    resourceDisplayName: a.resourceDisplayName,
    resourceId: a.resourceId,
  };
}
