// Reference data the generator and the example fixture need.
//
// Built-in role definitions: copied from /work/shared/refdata/azure-builtin-roles.json
// (easimon/azure-builtin-roles, MIT licence; ARM API data), put in ARM roleDefinition wire shape.
// Graph app roles: copied from /work/shared/refdata/graph-app-roles.json (merill/microsoft-info,
// MIT licence; Microsoft's own strings from the Microsoft Graph service principal).
import type { ArmRoleDefinition, JsonObject } from "./types.ts";

export const ROLE = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
} as const;

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export const GRAPH_APP_ROLE = {
  roleManagementReadWriteDirectory: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
  applicationReadWriteAll: "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  appRoleAssignmentReadWriteAll: "06b708a9-e830-4db3-a914-8e69da51d44f",
  userReadAll: "df021288-bdef-4463-88db-98f22de89214",
  directoryReadAll: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
} as const;

export const BUILTIN_ROLE_DEFINITIONS: ArmRoleDefinition[] = [
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "name": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Owner",
      "type": "BuiltInRole",
      "description": "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-02-02T21:55:09.880642+00:00",
      "updatedOn": "2021-11-11T20:13:45.897885+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
    "name": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Contributor",
      "type": "BuiltInRole",
      "description": "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "*"
          ],
          "notActions": [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
            "Microsoft.Blueprint/blueprintAssignments/write",
            "Microsoft.Blueprint/blueprintAssignments/delete",
            "Microsoft.Compute/galleries/share/action",
            "Microsoft.Purview/consents/write",
            "Microsoft.Purview/consents/delete",
            "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
            "Microsoft.Subscription/cancel/action",
            "Microsoft.Subscription/enable/action"
          ],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-02-02T21:55:09.880642+00:00",
      "updatedOn": "2024-11-19T20:03:30.321264+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "name": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Reader",
      "type": "BuiltInRole",
      "description": "View all resources, but does not allow you to make any changes.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "*/read"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-02-02T21:55:09.880642+00:00",
      "updatedOn": "2021-11-11T20:13:47.862868+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "name": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "User Access Administrator",
      "type": "BuiltInRole",
      "description": "Lets you manage user access to Azure resources.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "*/read",
            "Microsoft.Authorization/*",
            "Microsoft.Support/*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-02-02T21:55:09.880642+00:00",
      "updatedOn": "2021-11-11T20:13:57.793202+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "name": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Role Based Access Control Administrator",
      "type": "BuiltInRole",
      "description": "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
            "*/read",
            "Microsoft.Support/*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2022-09-07T00:28:32.177965+00:00",
      "updatedOn": "2023-11-08T20:50:17.210344+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
    "name": "4633458b-17de-408a-b874-0445c86b69e6",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Key Vault Secrets User",
      "type": "BuiltInRole",
      "description": "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [],
          "notActions": [],
          "dataActions": [
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action"
          ],
          "notDataActions": []
        }
      ],
      "createdOn": "2020-05-19T17:52:47.204924+00:00",
      "updatedOn": "2021-11-11T20:14:30.954282+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "name": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Storage Blob Data Contributor",
      "type": "BuiltInRole",
      "description": "Allows for read, write and delete access to Azure Storage blob containers and data",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "Microsoft.Storage/storageAccounts/blobServices/containers/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/write",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"
          ],
          "notActions": [],
          "dataActions": [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action"
          ],
          "notDataActions": []
        }
      ],
      "createdOn": "2017-12-21T00:01:24.797231+00:00",
      "updatedOn": "2021-11-11T20:13:54.939745+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/de139f84-1756-47ae-9be6-808fbbe84772",
    "name": "de139f84-1756-47ae-9be6-808fbbe84772",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Website Contributor",
      "type": "BuiltInRole",
      "description": "Lets you manage websites (not web plans), but not access to them.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Insights/components/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.Web/certificates/*",
            "Microsoft.Web/listSitesAssignedToHostName/read",
            "Microsoft.Web/register/action",
            "Microsoft.Web/serverFarms/join/action",
            "Microsoft.Web/serverFarms/read",
            "Microsoft.Web/sites/*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-05-12T23:10:23.619395+00:00",
      "updatedOn": "2024-08-05T15:09:29.713053+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
    "name": "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Virtual Machine Contributor",
      "type": "BuiltInRole",
      "description": "Lets you manage virtual machines, but not access to them, and not the virtual network or storage account they're connected to.",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "Microsoft.Authorization/*/read",
            "Microsoft.Compute/availabilitySets/*",
            "Microsoft.Compute/locations/*",
            "Microsoft.Compute/virtualMachines/*",
            "Microsoft.Compute/virtualMachineScaleSets/*",
            "Microsoft.Compute/cloudServices/*",
            "Microsoft.Compute/disks/write",
            "Microsoft.Compute/disks/read",
            "Microsoft.Compute/disks/delete",
            "Microsoft.Compute/hostgroups/write",
            "Microsoft.Compute/hostgroups/hosts/write",
            "Microsoft.DevTestLab/schedules/*",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Network/applicationGateways/backendAddressPools/join/action",
            "Microsoft.Network/loadBalancers/backendAddressPools/join/action",
            "Microsoft.Network/loadBalancers/inboundNatPools/join/action",
            "Microsoft.Network/loadBalancers/inboundNatRules/join/action",
            "Microsoft.Network/loadBalancers/probes/join/action",
            "Microsoft.Network/loadBalancers/read",
            "Microsoft.Network/locations/*",
            "Microsoft.Network/networkInterfaces/*",
            "Microsoft.Network/networkSecurityGroups/join/action",
            "Microsoft.Network/networkSecurityGroups/read",
            "Microsoft.Network/publicIPAddresses/join/action",
            "Microsoft.Network/publicIPAddresses/read",
            "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/subnets/join/action",
            "Microsoft.RecoveryServices/locations/*",
            "Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write",
            "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read",
            "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read",
            "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write",
            "Microsoft.RecoveryServices/Vaults/backupPolicies/read",
            "Microsoft.RecoveryServices/Vaults/backupPolicies/write",
            "Microsoft.RecoveryServices/Vaults/read",
            "Microsoft.RecoveryServices/Vaults/usages/read",
            "Microsoft.RecoveryServices/Vaults/write",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.SerialConsole/serialPorts/connect/action",
            "Microsoft.SqlVirtualMachine/*",
            "Microsoft.Storage/storageAccounts/listKeys/action",
            "Microsoft.Storage/storageAccounts/read",
            "Microsoft.Support/*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2015-06-02T00:18:27.354269+00:00",
      "updatedOn": "2025-02-06T01:34:42.873141+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  },
  {
    "id": "/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830",
    "name": "f1a07417-d97a-45cb-824c-7a7467783830",
    "type": "Microsoft.Authorization/roleDefinitions",
    "properties": {
      "roleName": "Managed Identity Operator",
      "type": "BuiltInRole",
      "description": "Read and Assign User Assigned Identity",
      "assignableScopes": [
        "/"
      ],
      "permissions": [
        {
          "actions": [
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Support/*"
          ],
          "notActions": [],
          "dataActions": [],
          "notDataActions": []
        }
      ],
      "createdOn": "2017-12-14T19:52:04.392459+00:00",
      "updatedOn": "2021-11-11T20:13:38.952375+00:00",
      "createdBy": null,
      "updatedBy": null
    }
  }
];

export const GRAPH_APP_ROLES: JsonObject[] = [
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read and manage the role-based access control (RBAC) settings for your company's directory, without a signed-in user. This includes instantiating directory roles and managing directory role membership, and reading directory role templates, directory roles and memberships.",
    "displayName": "Read and write all directory RBAC settings",
    "id": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
    "isEnabled": true,
    "origin": "Application",
    "value": "RoleManagement.ReadWrite.Directory"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to create, read, update and delete applications and service principals without a signed-in user. Allows management of app role assignments, except those exposed by Microsoft Graph. Does not allow management of delegated permission grants.",
    "displayName": "Read and write all applications",
    "id": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
    "isEnabled": true,
    "origin": "Application",
    "value": "Application.ReadWrite.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to manage permission grants for application permissions to any API (including Microsoft Graph) and application assignments for any app, without a signed-in user.",
    "displayName": "Manage app permission grants and app role assignments",
    "id": "06b708a9-e830-4db3-a914-8e69da51d44f",
    "isEnabled": true,
    "origin": "Application",
    "value": "AppRoleAssignment.ReadWrite.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read user profiles without a signed in user.",
    "displayName": "Read all users' full profiles",
    "id": "df021288-bdef-4463-88db-98f22de89214",
    "isEnabled": true,
    "origin": "Application",
    "value": "User.Read.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read data in your organization's directory, such as users, groups and apps, without a signed-in user.",
    "displayName": "Read directory data",
    "id": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    "isEnabled": true,
    "origin": "Application",
    "value": "Directory.Read.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read and write data in your organization's directory, such as users, and groups, without a signed-in user.  Does not allow user or group deletion.",
    "displayName": "Read and write directory data",
    "id": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    "isEnabled": true,
    "origin": "Application",
    "value": "Directory.ReadWrite.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to create groups, read all group properties and memberships, update group properties and memberships, and delete groups. Also allows the app to read and write conversations. All of these operations can be performed by the app without a signed-in user.",
    "displayName": "Read and write all groups",
    "id": "62a82d76-70ea-41e2-9197-370581804d09",
    "isEnabled": true,
    "origin": "Application",
    "value": "Group.ReadWrite.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read group properties and memberships, and read conversations for all groups, without a signed-in user.",
    "displayName": "Read all groups",
    "id": "5b567255-7703-4780-807c-7be8301ae99b",
    "isEnabled": true,
    "origin": "Application",
    "value": "Group.Read.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read and query your audit log activities, without a signed-in user.",
    "displayName": "Read all audit log data",
    "id": "b0afded3-3588-46d8-8b3d-9842eff778da",
    "isEnabled": true,
    "origin": "Application",
    "value": "AuditLog.Read.All"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read mail in all mailboxes without a signed-in user.",
    "displayName": "Read mail in all mailboxes",
    "id": "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
    "isEnabled": true,
    "origin": "Application",
    "value": "Mail.Read"
  }
];
