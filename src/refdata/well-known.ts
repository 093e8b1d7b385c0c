// Ids Microsoft fixes once and for all that the code names: built-in Azure roles, Microsoft Graph
// application permissions and the resource applications. Each id is checked against the copied
// reference data (well-known.test.ts), and the emulator's wire samples are cut from the upstream
// files by these lists (transform.ts), so a name here and its GUID cannot drift apart.

/** Built-in Azure role definition GUIDs (the same in every tenant and cloud). */
export const BUILTIN_ROLE = Object.freeze({
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  websiteContributor: "de139f84-1756-47ae-9be6-808fbbe84772",
  virtualMachineContributor: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
  securityReader: "39bc4728-0917-49c7-9d2c-d95423bc2eb4",
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  monitoringReader: "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
  managedIdentityOperator: "f1a07417-d97a-45cb-824c-7a7467783830",
});

/** The role names the refdata gives those GUIDs, for the check in well-known.test.ts. */
export const BUILTIN_ROLE_NAME: Readonly<Record<keyof typeof BUILTIN_ROLE, string>> = Object.freeze({
  owner: "Owner",
  contributor: "Contributor",
  reader: "Reader",
  userAccessAdministrator: "User Access Administrator",
  rbacAdministrator: "Role Based Access Control Administrator",
  keyVaultSecretsUser: "Key Vault Secrets User",
  storageBlobDataContributor: "Storage Blob Data Contributor",
  websiteContributor: "Website Contributor",
  virtualMachineContributor: "Virtual Machine Contributor",
  securityReader: "Security Reader",
  acrPull: "AcrPull",
  monitoringReader: "Monitoring Reader",
  managedIdentityOperator: "Managed Identity Operator",
});

/** Microsoft Graph application permission (app role) ids, named by their value. */
export const GRAPH_APP_ROLE = Object.freeze({
  "RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
  "AppRoleAssignment.ReadWrite.All": "06b708a9-e830-4db3-a914-8e69da51d44f",
  "Application.ReadWrite.All": "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  "Application.Read.All": "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
  "Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
  "Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
  "Group.ReadWrite.All": "62a82d76-70ea-41e2-9197-370581804d09",
  "Group.Read.All": "5b567255-7703-4780-807c-7be8301ae99b",
  "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
  "AuditLog.Read.All": "b0afded3-3588-46d8-8b3d-9842eff778da",
  "Mail.Read": "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
  "Mail.ReadWrite": "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
  "Mail.Send": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
  "Sites.Read.All": "332a536c-c7ef-4017-ab91-336970924f0d",
});

/** Application (client) ids of Microsoft's resource APIs, the same in every tenant. */
export const RESOURCE_APP_ID = Object.freeze({
  microsoftGraph: "00000003-0000-0000-c000-000000000000",
  /** Azure Service Management (the `user_impersonation` scope that reaches ARM) */
  azureServiceManagement: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
  /** Azure AD Graph, retired but still granted in old tenants */
  azureAdGraph: "00000002-0000-0000-c000-000000000000",
  exchangeOnline: "00000002-0000-0ff1-ce00-000000000000",
  sharePointOnline: "00000003-0000-0ff1-ce00-000000000000",
  azureKeyVault: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
});
