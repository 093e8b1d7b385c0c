// Built-in Azure role definitions and Microsoft Graph app roles in their API wire shape, for
// the fixtures the emulator serves (the generator's tenants, the example fixture, the demo).
//
// Role definitions: from the upstream azure-builtin-roles.json (see src/refdata/README.md)
// (easimon/azure-builtin-roles, MIT licence; ARM API data), put in the ARM roleDefinition
// envelope (id = /providers/Microsoft.Authorization/roleDefinitions/<guid>, name = guid, type,
// properties.{roleName, type, description, assignableScopes, permissions, createdOn, updatedOn},
// createdBy/updatedBy null as ARM returns them for built-ins).
// App roles: from the upstream graph-app-roles.json (merill/microsoft-info, MIT
// licence; Microsoft's own strings from the Microsoft Graph service principal) with the constant
// fields every application permission carries (allowedMemberTypes ["Application"], origin).
import type { ArmRoleDefinition, JsonObject } from "./types.ts";

const ROLE_DEFINITIONS: readonly ArmRoleDefinition[] = [
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    name: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "User Access Administrator",
      type: "BuiltInRole",
      description: "Lets you manage user access to Azure resources.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-02-02T21:55:09.880642+00:00",
      updatedOn: "2021-11-11T20:13:57.793202+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/39bc4728-0917-49c7-9d2c-d95423bc2eb4",
    name: "39bc4728-0917-49c7-9d2c-d95423bc2eb4",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Security Reader",
      type: "BuiltInRole",
      description: "Security Reader Role",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/read",
            "Microsoft.operationalInsights/workspaces/*/read",
            "Microsoft.Resources/deployments/*/read",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Security/*/read",
            "Microsoft.IoTSecurity/*/read",
            "Microsoft.Support/*/read",
            "Microsoft.Security/iotDefenderSettings/packageDownloads/action",
            "Microsoft.Security/iotDefenderSettings/downloadManagerActivation/action",
            "Microsoft.Security/iotSensors/downloadResetPassword/action",
            "Microsoft.IoTSecurity/defenderSettings/packageDownloads/action",
            "Microsoft.IoTSecurity/defenderSettings/downloadManagerActivation/action",
            "Microsoft.Management/managementGroups/read",
          ],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2017-05-03T07:48:49.051655+00:00",
      updatedOn: "2021-11-11T20:13:50.747901+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/43d0d8ad-25c7-4714-9337-8ba259a9fe05",
    name: "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Monitoring Reader",
      type: "BuiltInRole",
      description: "Can read all monitoring data.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["*/read", "Microsoft.OperationalInsights/workspaces/search/action", "Microsoft.Support/*"],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2016-09-21T19:19:52.493937+00:00",
      updatedOn: "2025-06-18T13:42:52.389198+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
    name: "4633458b-17de-408a-b874-0445c86b69e6",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Key Vault Secrets User",
      type: "BuiltInRole",
      description:
        "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [],
          notActions: [],
          dataActions: [
            "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
          ],
          notDataActions: [],
        },
      ],
      createdOn: "2020-05-19T17:52:47.204924+00:00",
      updatedOn: "2021-11-11T20:14:30.954282+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d",
    name: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "AcrPull",
      type: "BuiltInRole",
      description: "acr pull",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["Microsoft.ContainerRegistry/registries/pull/read"],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2018-10-22T19:01:56.822718+00:00",
      updatedOn: "2021-11-11T20:13:08.877932+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    name: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Owner",
      type: "BuiltInRole",
      description: "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["*"],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-02-02T21:55:09.880642+00:00",
      updatedOn: "2021-11-11T20:13:45.897885+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
    name: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Virtual Machine Contributor",
      type: "BuiltInRole",
      description:
        "Lets you manage virtual machines, but not access to them, and not the virtual network or storage account they're connected to.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
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
            "Microsoft.Support/*",
          ],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-06-02T00:18:27.354269+00:00",
      updatedOn: "2025-02-06T01:34:42.873141+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
    name: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Reader",
      type: "BuiltInRole",
      description: "View all resources, but does not allow you to make any changes.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["*/read"],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-02-02T21:55:09.880642+00:00",
      updatedOn: "2021-11-11T20:13:47.862868+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
    name: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Contributor",
      type: "BuiltInRole",
      description:
        "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: ["*"],
          notActions: [
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
            "Microsoft.Subscription/enable/action",
          ],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-02-02T21:55:09.880642+00:00",
      updatedOn: "2024-11-19T20:03:30.321264+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    name: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Storage Blob Data Contributor",
      type: "BuiltInRole",
      description: "Allows for read, write and delete access to Azure Storage blob containers and data",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/write",
            "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
          ],
          notActions: [],
          dataActions: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action",
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action",
          ],
          notDataActions: [],
        },
      ],
      createdOn: "2017-12-21T00:01:24.797231+00:00",
      updatedOn: "2021-11-11T20:13:54.939745+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/de139f84-1756-47ae-9be6-808fbbe84772",
    name: "de139f84-1756-47ae-9be6-808fbbe84772",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Website Contributor",
      type: "BuiltInRole",
      description: "Lets you manage websites (not web plans), but not access to them.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
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
            "Microsoft.Web/sites/*",
          ],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2015-05-12T23:10:23.619395+00:00",
      updatedOn: "2024-08-05T15:09:29.713053+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830",
    name: "f1a07417-d97a-45cb-824c-7a7467783830",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Managed Identity Operator",
      type: "BuiltInRole",
      description: "Read and Assign User Assigned Identity",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
            "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Support/*",
          ],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2017-12-14T19:52:04.392459+00:00",
      updatedOn: "2021-11-11T20:13:38.952375+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
  {
    id: "/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    name: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    type: "Microsoft.Authorization/roleDefinitions",
    properties: {
      roleName: "Role Based Access Control Administrator",
      type: "BuiltInRole",
      description:
        "Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.",
      assignableScopes: ["/"],
      permissions: [
        {
          actions: [
            "Microsoft.Authorization/roleAssignments/write",
            "Microsoft.Authorization/roleAssignments/delete",
            "*/read",
            "Microsoft.Support/*",
          ],
          notActions: [],
          dataActions: [],
          notDataActions: [],
        },
      ],
      createdOn: "2022-09-07T00:28:32.177965+00:00",
      updatedOn: "2023-11-08T20:50:17.210344+00:00",
      createdBy: null,
      updatedBy: null,
    },
  },
];

const APP_ROLES: readonly JsonObject[] = [
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to manage permission grants for application permissions to any API (including Microsoft Graph) and application assignments for any app, without a signed-in user.",
    displayName: "Manage app permission grants and app role assignments",
    id: "06b708a9-e830-4db3-a914-8e69da51d44f",
    isEnabled: true,
    origin: "Application",
    value: "AppRoleAssignment.ReadWrite.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to read and write data in your organization's directory, such as users, and groups, without a signed-in user.  Does not allow user or group deletion.",
    displayName: "Read and write directory data",
    id: "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    isEnabled: true,
    origin: "Application",
    value: "Directory.ReadWrite.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to create, read, update and delete applications and service principals without a signed-in user. Allows management of app role assignments, except those exposed by Microsoft Graph. Does not allow management of delegated permission grants.",
    displayName: "Read and write all applications",
    id: "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
    isEnabled: true,
    origin: "Application",
    value: "Application.ReadWrite.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to read documents and list items in all site collections without a signed in user.",
    displayName: "Read items in all site collections ",
    id: "332a536c-c7ef-4017-ab91-336970924f0d",
    isEnabled: true,
    origin: "Application",
    value: "Sites.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to read group properties and memberships, and read conversations for all groups, without a signed-in user.",
    displayName: "Read all groups",
    id: "5b567255-7703-4780-807c-7be8301ae99b",
    isEnabled: true,
    origin: "Application",
    value: "Group.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to create groups, read all group properties and memberships, update group properties and memberships, and delete groups. Also allows the app to read and write conversations. All of these operations can be performed by the app without a signed-in user.",
    displayName: "Read and write all groups",
    id: "62a82d76-70ea-41e2-9197-370581804d09",
    isEnabled: true,
    origin: "Application",
    value: "Group.ReadWrite.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to read data in your organization's directory, such as users, groups and apps, without a signed-in user.",
    displayName: "Read directory data",
    id: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    isEnabled: true,
    origin: "Application",
    value: "Directory.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to read mail in all mailboxes without a signed-in user.",
    displayName: "Read mail in all mailboxes",
    id: "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
    isEnabled: true,
    origin: "Application",
    value: "Mail.Read",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to read all applications and service principals without a signed-in user.",
    displayName: "Read all applications",
    id: "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
    isEnabled: true,
    origin: "Application",
    value: "Application.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to read and manage the role-based access control (RBAC) settings for your company's directory, without a signed-in user. This includes instantiating directory roles and managing directory role membership, and reading directory role templates, directory roles and memberships.",
    displayName: "Read and write all directory RBAC settings",
    id: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
    isEnabled: true,
    origin: "Application",
    value: "RoleManagement.ReadWrite.Directory",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to read and query your audit log activities, without a signed-in user.",
    displayName: "Read all audit log data",
    id: "b0afded3-3588-46d8-8b3d-9842eff778da",
    isEnabled: true,
    origin: "Application",
    value: "AuditLog.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to send mail as any user without a signed-in user.",
    displayName: "Send mail as any user",
    id: "b633e1c5-b582-4048-a93e-9f11b44c7e96",
    isEnabled: true,
    origin: "Application",
    value: "Mail.Send",
  },
  {
    allowedMemberTypes: ["Application"],
    description: "Allows the app to read user profiles without a signed in user.",
    displayName: "Read all users' full profiles",
    id: "df021288-bdef-4463-88db-98f22de89214",
    isEnabled: true,
    origin: "Application",
    value: "User.Read.All",
  },
  {
    allowedMemberTypes: ["Application"],
    description:
      "Allows the app to create, read, update, and delete mail in all mailboxes without a signed-in user. Does not include permission to send mail.",
    displayName: "Read and write mail in all mailboxes",
    id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    isEnabled: true,
    origin: "Application",
    value: "Mail.ReadWrite",
  },
];

/** Deep copies of the named built-in roles, in the order given; an unknown id is a programming error. */
export function builtinRoleDefinitions(ids: readonly string[]): ArmRoleDefinition[] {
  return ids.map((id) => {
    const role = ROLE_DEFINITIONS.find((r) => r.name === id);
    if (!role) throw new Error(`built-in role ${id} is not in wire-refdata.ts`);
    return structuredClone(role) as ArmRoleDefinition;
  });
}

/** Deep copies of the named Microsoft Graph app roles, in the order given. */
export function graphAppRoles(ids: readonly string[]): JsonObject[] {
  return ids.map((id) => {
    const role = APP_ROLES.find((r) => r.id === id);
    if (!role) throw new Error(`Graph app role ${id} is not in wire-refdata.ts`);
    return structuredClone(role) as JsonObject;
  });
}
