// Microsoft Graph application permissions (appRoles of the Microsoft Graph service principal,
// appId 00000003-0000-0000-c000-000000000000) that the demo tenant grants, in Graph appRole wire
// shape (see azure-examples/graph-servicePrincipal-msgraph-select-appRoles.json).
//
// Copied from /work/shared/refdata/graph-app-roles.json: merill/microsoft-info, MIT licence
// (Microsoft's own strings from the Graph service principal). Transformation: added the constant
// fields every Graph application permission carries (allowedMemberTypes ["Application"],
// origin "Application"); id, value, displayName, description and isEnabled are as published.
export type GraphAppRole = {
  allowedMemberTypes: string[];
  description: string;
  displayName: string;
  id: string;
  isEnabled: boolean;
  origin: string;
  value: string;
};

export const DEMO_GRAPH_APP_ROLES: readonly GraphAppRole[] = [
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
    "description": "Allows the app to create, read, update, and delete mail in all mailboxes without a signed-in user. Does not include permission to send mail.",
    "displayName": "Read and write mail in all mailboxes",
    "id": "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
    "isEnabled": true,
    "origin": "Application",
    "value": "Mail.ReadWrite"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to send mail as any user without a signed-in user.",
    "displayName": "Send mail as any user",
    "id": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
    "isEnabled": true,
    "origin": "Application",
    "value": "Mail.Send"
  },
  {
    "allowedMemberTypes": [
      "Application"
    ],
    "description": "Allows the app to read documents and list items in all site collections without a signed in user.",
    "displayName": "Read items in all site collections ",
    "id": "332a536c-c7ef-4017-ab91-336970924f0d",
    "isEnabled": true,
    "origin": "Application",
    "value": "Sites.Read.All"
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
    "description": "Allows the app to read all applications and service principals without a signed-in user.",
    "displayName": "Read all applications",
    "id": "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
    "isEnabled": true,
    "origin": "Application",
    "value": "Application.Read.All"
  }
];
