// The edges of the blast radius, as data: each one is a documented way for the holder of one
// thing to obtain another, with the Microsoft page that says so. docs/identities.md lists them.

/** How a holder reaches what it holds directly. */
export const HOLDS = {
  azureRole: {
    edge: "holds Azure role",
    source: "https://learn.microsoft.com/en-us/azure/role-based-access-control/overview",
  },
  entraRole: {
    edge: "holds Entra role",
    source: "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference",
  },
  appPermission: {
    edge: "holds application permission",
    source: "https://learn.microsoft.com/en-us/graph/permissions-reference",
  },
  delegatedPermission: {
    edge: "holds delegated permission consented for",
    source: "https://learn.microsoft.com/en-us/entra/identity-platform/permissions-consent-overview",
  },
  /** A credential of an app registration signs in as the app's service principal in this tenant. */
  signsInAs: {
    edge: "signs in as",
    source: "https://learn.microsoft.com/en-us/entra/identity-platform/app-objects-and-service-principals",
  },
} as const;

/** An owner of an app registration can add a secret or certificate to it, then sign in as the app. */
export const OWNS_APP = {
  edge: "owns the app registration, so can add a secret to",
  source: "https://learn.microsoft.com/en-us/graph/api/application-addpassword",
} as const;

/** Holding one of these lets the holder add a credential to any app registration of the tenant. */
export const TAKE_ANY_APP: readonly { kind: "appPermission" | "entraRole"; match: string; source: string }[] = [
  {
    kind: "appPermission",
    match: "Application.ReadWrite.All",
    source: "https://learn.microsoft.com/en-us/graph/api/application-addpassword",
  },
  // Application Administrator and Cloud Application Administrator manage every app's credentials.
  {
    kind: "entraRole",
    match: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    source:
      "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference#application-administrator",
  },
  {
    kind: "entraRole",
    match: "158c047a-c907-4556-b7ef-446551a6b5f7",
    source:
      "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference#cloud-application-administrator",
  },
];
export const TAKE_ANY_APP_EDGE = "can add a secret to any app registration, including";

/** Granting app roles to any service principal includes granting itself the Tier 0 ones. */
export const GRANT_ANY_APP_ROLE = {
  permission: "AppRoleAssignment.ReadWrite.All",
  edge: "can grant itself any application permission, including",
  to: "RoleManagement.ReadWrite.Directory on Microsoft Graph",
  reach: "every Entra directory role, Global Administrator included (Tier 0)",
  source: "https://learn.microsoft.com/en-us/graph/api/serviceprincipal-post-approleassignments",
} as const;

/** A role that writes role assignments unconditionally can assign itself Owner at its scope. */
export const GRANT_SELF_OWNER = {
  edge: "can assign itself Owner at",
  source:
    "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/privileged#user-access-administrator",
} as const;

/**
 * Roles that let their holder run code inside a workload run it with the workload's managed
 * identity. Matched on the action, so Contributor, Owner and custom roles count alike.
 */
export const RUN_CODE_AS: readonly { workloadType: string; action: string; source: string }[] = [
  {
    workloadType: "microsoft.compute/virtualmachines",
    action: "Microsoft.Compute/virtualMachines/runCommand/action",
    source: "https://learn.microsoft.com/en-us/azure/virtual-machines/windows/run-command",
  },
  {
    workloadType: "microsoft.automation/automationaccounts",
    action: "Microsoft.Automation/automationAccounts/runbooks/write",
    source: "https://learn.microsoft.com/en-us/azure/automation/automation-role-based-access-control",
  },
  {
    workloadType: "microsoft.web/sites",
    action: "Microsoft.Web/sites/write",
    source:
      "https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles/web-and-mobile#website-contributor",
  },
];
export const RUN_CODE_AS_EDGE = "can run code as the managed identity of";
