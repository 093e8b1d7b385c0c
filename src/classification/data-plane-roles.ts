// Built-in Azure roles that own a service's data plane: every secret, key, blob or message in
// scope, read and written through the service's own API, which control-plane classes (Owner,
// Contributor…) do not describe. Matched by role definition GUID; custom roles qualify by their
// data actions (a `*` data action: see isDataPlaneWildcard). Reasons are our own words.
//
// Cosmos DB's "Built-in Data Contributor" is a Cosmos DB SQL role, assigned through Cosmos DB's own
// sqlRoleAssignments API, not Azure RBAC: it is not in the role assignments azaudit reads.

import type { RolePermission } from "../inventory/types.ts";

export interface DataPlaneRole {
  /** Role definition GUID, lower case. */
  readonly id: string;
  readonly roleName: string;
  readonly reason: string;
}

export const DATA_PLANE_OWNER_ROLES: readonly DataPlaneRole[] = Object.freeze(
  (
    [
      {
        id: "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        roleName: "Key Vault Administrator",
        reason: "Every secret, key and certificate in every vault in scope, read and changed.",
      },
      {
        id: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        roleName: "Key Vault Secrets Officer",
        reason: "Reads and changes every secret in every vault in scope, stored credentials included.",
      },
      {
        id: "a4417e6f-fecd-4de8-b567-7b0420556985",
        roleName: "Key Vault Certificates Officer",
        reason: "Every certificate in every vault in scope, private keys exportable through their secrets.",
      },
      {
        id: "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
        roleName: "Key Vault Crypto Officer",
        reason: "Every key in every vault in scope: decrypts and signs with them, or deletes them.",
      },
      {
        id: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        roleName: "Storage Blob Data Owner",
        reason: "Every blob in every storage account in scope, read, changed and its access control set.",
      },
      {
        id: "69566ab7-960f-475b-8e7c-b3118f30c6bd",
        roleName: "Storage File Data Privileged Contributor",
        reason: "Every file share in scope, read and changed past the files' own access control lists.",
      },
      {
        id: "f526a384-b230-433a-b45c-95f59c4a2dec",
        roleName: "Azure Event Hubs Data Owner",
        reason: "Every event hub in scope: reads and sends every message.",
      },
      {
        id: "090c5cfd-751d-490a-894a-3ce6f1109419",
        roleName: "Azure Service Bus Data Owner",
        reason: "Every queue and topic in scope: reads and sends every message.",
      },
      {
        id: "5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b",
        roleName: "App Configuration Data Owner",
        reason: "Every configuration store in scope, read and changed, Key Vault references included.",
      },
    ] satisfies DataPlaneRole[]
  ).map((e) => Object.freeze(e)),
);

/** Whether some permission block grants every data action (`*`) and no notDataAction takes any back. */
export function isDataPlaneWildcard(permissions: readonly RolePermission[]): boolean {
  return permissions.some((b) => b.dataActions.some((a) => a.trim() === "*") && b.notDataActions.length === 0);
}
