// The export folder: which file holds which command's output. The one place these names live;
// scripts/az-export.sh and scripts/az-export.ps1 write exactly these (a test checks them).
//
// A file "NAME.json" of a list `az rest` or `az graph query` pages by hand may be followed by
// "NAME.2.json", "NAME.3.json"… (the next pages, in order).

export const STAMP = "stamp.json";

export const FILES = {
  /** az account list --all */
  accountList: "account-list.json",
  /** az account management-group list */
  managementGroupList: "account-management-group-list.json",
  /** az rest GET https://graph.microsoft.com/v1.0/organization */
  organization: "rest/organization.json",
  /** az ad app list --all */
  appList: "ad-app-list.json",
  /** az ad sp list --all */
  spList: "ad-sp-list.json",
  /** az rest GET …/v1.0/users?$select=id,displayName,userPrincipalName,userType,accountEnabled&$top=999 (paged) */
  users: "rest/users.json",
  /** az rest GET …/v1.0/groups?$select=id,displayName&$top=999 (paged) */
  groups: "rest/groups.json",
  /** az rest GET …/v1.0/servicePrincipals/{Microsoft Graph's SP}/appRoleAssignedTo?$top=999 (paged) */
  graphAppRoleAssignedTo: "rest/graph-app-role-assigned-to.json",
  /** az rest GET …/v1.0/oauth2PermissionGrants?$top=999 (paged) */
  oauth2PermissionGrants: "rest/oauth2-permission-grants.json",
  /** az rest GET …/v1.0/roleManagement/directory/roleAssignments (paged) */
  directoryRoleAssignments: "rest/directory-role-assignments.json",
  /** az rest GET …/v1.0/roleManagement/directory/roleDefinitions?$select=id,templateId,displayName (paged) */
  directoryRoleDefinitions: "rest/directory-role-definitions.json",
  /** az security assessment-metadata list (tenant-wide: the assessments' severity and categories) */
  securityAssessmentMetadata: "security-assessment-metadata-list.json",
  /** az graph query -q WORKLOAD_QUERY --first 1000 [--skip-token T] (paged) */
  graphQuery: "graph-query.json",
} as const;

/** Files written once per object the lists above name. */
export const PER = {
  /** az account management-group show --name NAME --expand */
  managementGroupShow: (name: string) => `account-management-group-show/${name}.json`,
  /** az tag list --resource-id /subscriptions/ID */
  subscriptionTags: (subscriptionId: string) => `tag-list/${subscriptionId}.json`,
  /** az group list --subscription ID */
  resourceGroups: (subscriptionId: string) => `group-list/${subscriptionId}.json`,
  /** az role definition list --custom-role-only false --scope /subscriptions/ID */
  roleDefinitionsAtSubscription: (subscriptionId: string) =>
    `role-definition-list/subscriptions/${subscriptionId}.json`,
  /** az role definition list --custom-role-only false --scope /providers/Microsoft.Management/managementGroups/NAME */
  roleDefinitionsAtManagementGroup: (name: string) => `role-definition-list/managementGroups/${name}.json`,
  /** az role assignment list --all --include-inherited --subscription ID */
  roleAssignmentsAtSubscription: (subscriptionId: string) =>
    `role-assignment-list/subscriptions/${subscriptionId}.json`,
  /** az role assignment list --scope /providers/Microsoft.Management/managementGroups/NAME --include-inherited */
  roleAssignmentsAtManagementGroup: (name: string) => `role-assignment-list/managementGroups/${name}.json`,
  /** az ad app federated-credential list --id APP_OBJECT_ID */
  federatedCredentials: (appObjectId: string) => `ad-app-federated-credential-list/${appObjectId}.json`,
  /** az ad app owner list --id APP_OBJECT_ID */
  appOwners: (appObjectId: string) => `ad-app-owner-list/${appObjectId}.json`,
  /**
   * az rest GET …/v1.0/servicePrincipals/{the resource API's SP}/appRoleAssignedTo?$top=999 (paged), for
   * Exchange Online and SharePoint Online (Microsoft Graph's is FILES.graphAppRoleAssignedTo)
   */
  appRoleAssignedTo: (resourceAppId: string) => `rest/app-role-assigned-to/${resourceAppId}.json`,
  /** az security pricing list --subscription ID */
  securityPricings: (subscriptionId: string) => `security-pricing-list/${subscriptionId}.json`,
  /** az security assessment list --subscription ID */
  securityAssessments: (subscriptionId: string) => `security-assessment-list/${subscriptionId}.json`,
  /** az security secure-scores list --subscription ID */
  securitySecureScores: (subscriptionId: string) => `security-secure-scores-list/${subscriptionId}.json`,
} as const;

/** The page files of a paged list: NAME.json, NAME.2.json, NAME.3.json… */
export function pageFile(file: string, page: number): string {
  return page <= 1 ? file : file.replace(/\.json$/, `.${page}.json`);
}
