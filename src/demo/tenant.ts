// The embedded demo tenant of `azaudit demo`: "Contoso Logistics", a mid-size company tenant in
import { mgScope, resourceGroupScope, resourceId, subscriptionScope } from "../arm/resource-id.ts";
// the exact wire shape of each API (azaudit-tenant-fixture/v1, see src/emulator/README.md), served by the emulator
// and scanned through the real Azure SDKs.
//
// Deterministic: every id is derived from a stable label (sha256, never Math.random), and every
// date is `now` ± N days, with `now` injected. Rules judge credentials against the scan time
// (collectedAt = the wall clock of the live scan), so building the tenant with the scan's own
// `now` makes the demo show the same findings whenever it runs. DEMO_NOW is the default, for
// reproducible files and tests.
//
// Reference data: built-in role definitions come from ./builtin-roles.ts (copied from
// easimon/azure-builtin-roles, MIT), Graph app roles from ./graph-app-roles.ts (copied from
// merill/microsoft-info, MIT), directory role names and descriptions from Microsoft's docs
// (entra-directory-roles.json, CC-BY-4.0). Defender assessment keys are Microsoft's published
// recommendation keys (identity recommendations V2 and the owner-count ones).
//
// ─── Rule → objects (every rule fires at least once and has at least one clean subject) ───────
//
// | rule id                         | fires on                                                         | stays clean                                                   |
// |---------------------------------|------------------------------------------------------------------|---------------------------------------------------------------|
// | app-secret-lifetime             | ci-azure-devops-legacy (2-year secret), legacy-erp-integration   | payroll-connector (exactly 180 days), shipment-tracker-api    |
// |                                 | (ends 2299), sharepoint-sync-tool (no end date), Contoso         | (90 days), hr-directory-reader (120 days), data-platform-etl  |
// |                                 | Automation Runner / terraform-sandbox / Ops Break-Glass          | (150 days), apps with no secret (ci-github-deploy-corp …)     |
// |                                 | Automation (1-year), <img src=x onerror=alert(1)> (2-year)       |                                                               |
// | app-certificate-lifetime        | customs-gateway (3-year cert), "billing | export⏎nightly" (3y)   | shipment-tracker-api, identity-governance-sync,               |
// |                                 |                                                                  | tenant-app-admin-svc (1-year certs: 365 days)                 |
// | credential-expiring             | fleet-telemetry-ingest (secret, 10 days), =HYPERLINK("http://x") | every other live credential (≥ 40 days left)                  |
// |                                 | (secret, 5 days), partner-edi-bridge (certificate, 20 days)      |                                                               |
// | credential-expired              | warehouse-scanner-backend (secret expired 20 days ago),          | every other app / service principal                           |
// |                                 | qa-load-testing (secret and certificate expired)                 |                                                               |
// | credential-unused               | legacy-erp-integration (no sign-in on record), sharepoint-sync-  | every credential that signed in the day before the scan (the  |
// |                                 | tool (last sign-in 200 days ago): see ./sign-in-activity.ts      | demo tenant has Entra ID P1: the activity report answers)     |
// | service-principal-password      | SP "Azure Monitor Log Forwarder" (password on the SP object)     | every other service principal                                 |
// | service-principal-certificate   | SP "Mailbox Archiver" (certificate on the SP object; critical:   | "Contoso Expenses (SAML SSO)" (the SAML token-signing Sign/   |
// |                                 | it holds Exchange full_access_as_app)                            | Verify pair), every other service principal                   |
// | secret-where-federation-fits    | ci-azure-devops-legacy, data-platform-etl, terraform-sandbox,    | aks-gitops-flux (secret + federated credential),              |
// |                                 | Ops Break-Glass Automation, cost-management-export,              | ci-github-deploy-corp / terraform-platform (federation only), |
// |                                 | sentinel-soar-playbooks (secret, RBAC roles, no federation),     | payroll-connector, fleet-telemetry-ingest … (secret, no RBAC  |
// |                                 | Azure Monitor Log Forwarder (SP password + Reader @ RG)          | role)                                                         |
// | privileged-identity-with-secret | ci-azure-devops-legacy (Contributor @ corp-nonprod sub),         | terraform-platform (owner-equivalent, federation only),       |
// |                                 | terraform-sandbox (Owner @ sandbox sub), Contoso Automation      | identity-governance-sync (Tier-0 Graph, certificate only),    |
// |                                 | Runner (RoleManagement.ReadWrite.Directory), Ops Break-Glass     | tenant-app-admin-svc (Application Administrator, certificate),|
// |                                 | Automation (Global Administrator)                                | aks-gitops-flux (Contributor at a resource group only)        |
// | privileged-role-broad-scope     | UAA @ "/" (Emergency Access 01), custom `*` role @ mg-platform   | Reader @ "/" (sg-security-readers), Reader @ tenant root group|
// |                                 | (terraform-platform), Contributor @ mg-platform / mg-landing-    | (Carol), every resource-group and resource assignment, Reader |
// |                                 | zones / mg-sandbox (groups), RBAC Administrator @ mg-corp (Bob), | @ subscriptions, Security Reader @ platform-management        |
// |                                 | Owners/Contributors/UAA @ subscriptions                          |                                                               |
// | service-principal-broad-read    | data-platform-etl (Reader @ corp-prod subscription)              | cost-management-export (Reader @ rg-shipping-prod),           |
// |                                 |                                                                  | sentinel-soar-playbooks (Security Reader @ subscription),     |
// |                                 |                                                                  | la-alert-router MI (Monitoring Reader @ resource group),      |
// |                                 |                                                                  | security-scanner-readonly (Reader @ mg-landing-zones: it is   |
// |                                 |                                                                  | the scanner, the `oid` of the emulator's tokens)              |
// | custom-role-owner-equivalent    | "Contoso Platform Operator (legacy)" (`*`), "Contoso Access      | "Contoso VM Operator" (read/start/restart VMs)                |
// |                                 | Delegator" (Microsoft.Authorization/roleAssignments/write)       |                                                               |
// | subscription-owner-count        | Contoso Corp Non-Production (4 Owners), Contoso Sandbox (1)      | Platform Connectivity, Platform Management, Corp Production   |
// |                                 | (counting the Owner role, direct and inherited)                  | (2 Owners each; no Owner is assigned above subscriptions)     |
// | guest-privileged-role           | Mallory Chen (guest, Owner @ corp-nonprod)                       | Peggy Ross (guest, Reader @ rg-warehouse-prod), Victor Hale   |
// |                                 |                                                                  | (guest, Monitoring Reader @ platform-connectivity)            |
// | data-plane-privilege            | Ivan Petrov ("Contoso Data Steward", dataActions `*`, @ corp-    | Key Vault Secrets User on one vault (app-shipping-api-prod    |
// |                                 | prod subscription)                                               | MI), every control-plane role                                 |
// | guest-privileged-entra-role     | Victor Hale (guest, Privileged Role Administrator)               | Alice / Emergency Access 01 (members, Global Administrator),  |
// |                                 |                                                                  | Carol (Global Reader)                                         |
// | orphaned-role-assignment        | deleted user (Contributor @ corp-nonprod), deleted service       | every assignment to an existing, enabled principal            |
// |                                 | principal (Reader @ rg-shipping-dev), Trent Walker (disabled,    |                                                               |
// |                                 | Contributor @ rg-warehouse-prod)                                 |                                                               |
// | workload-managed-identity       | vm-hub-dns01 (no identity block), func-cost-reports (None),      | app-shipping-api-prod (+ slot), func-label-printer-prod       |
// |                                 | (not aks-system-…-vmss: its resource group is managed by AKS)    |                                                               |
// |                                 | vm-wms-db01 (None), app-warehouse-portal (None),                 | ("SystemAssigned, UserAssigned"), vmss-edi-workers            |
// |                                 | app-shipping-api-dev (missing), la-edi-test (missing),           | ("SystemAssigned,UserAssigned"), ca-tracking-prod             |
// |                                 | aa-nonprod-shutdown (None), vm-sandbox-jumpbox (missing),        | (UserAssigned), aks-*, adf-*, aa-platform-runbooks, …         |
// |                                 | vmss-loadgen (None)                                              |                                                               |
// | managed-identity-privileged     | aa-platform-runbooks MI (Contributor @ platform-management sub), | aks-corp-prod MI (Contributor @ resource group),              |
// |                                 | id-platform-deploy UAI (UAA @ platform-connectivity sub)         | app-shipping-api-prod MI (Key Vault Secrets User @ vault), …  |
// | graph-privileged-app-permission | Contoso Automation Runner (RoleManagement.ReadWrite.Directory),  | hr-directory-reader (User.Read.All), Fabrikam HR Cloud        |
// |                                 | identity-governance-sync (AppRoleAssignment.ReadWrite.All),      | (User.Read.All, Group.Read.All), Tailspin Backup (Mail.Read-  |
// |                                 | app-provisioning-bot (Application.ReadWrite.All)                 | Write, Sites.Read.All), mail-notifications-relay (Mail.Send)  |
// | graph-tenant-wide-consent       | Woodgrove Mail Insights (AllPrincipals Mail.ReadWrite),          | reporting-powerbi-export, Tailwind Helpdesk (AllPrincipals    |
// |                                 | Contoso Admin Portal (legacy) (AllPrincipals                     | openid profile User.Read [offline_access]), expense-mobile-app|
// |                                 | Directory.ReadWrite.All)                                         | (Principal consent, one user)                                 |
// | tenant-wide-data-app-permission | Mailbox Archiver (Exchange full_access_as_app), Tailspin Backup  | intranet-site-publisher (SharePoint Sites.Selected),          |
// |                                 | (Graph Mail.ReadWrite, Sites.Read.All), mail-notifications-relay | hr-directory-reader (User.Read.All), every other grant        |
// |                                 | (Graph Mail.Send)                                                |                                                               |
// | app-without-owner               | sharepoint-sync-tool (secret), app-provisioning-bot              | every other app with credentials (all have owners)            |
// |                                 | (Application.ReadWrite.All), qa-load-testing (expired creds)     |                                                               |
// | defender-plan-disabled          | Corp Non-Production, Sandbox and Platform Connectivity: plans on | Corp Production, Platform Management (every current plan      |
// |                                 | the Free tier                                                    | Standard)                                                     |
// | defender-unhealthy-assessment   | Corp Non-Production: owner MFA (Unhealthy). Its guest-owner and  | every Healthy / NotApplicable identity assessment (owner MFA  |
// |                                 | max-3-owner, Sandbox's more-than-one-owner and Corp Production's | in prod, management, connectivity …); endpoint protection on  |
// |                                 | blocked-account assessments are Unhealthy too, but left to the   | vmss-edi-workers is Unhealthy but not an identity assessment  |
// |                                 | rules that judge them (guest-privileged-role, owner count, …)    |                                                               |
// | required-tags (off by default)  | vm-hub-dns01, func-cost-reports, vm-wms-db01,                    | every other workload (service, owner, repository, environment,|
// |                                 | app-shipping-api-dev, la-edi-test, vm-sandbox-jumpbox,           | costCenter tags); subscriptions other than Sandbox            |
// |                                 | vmss-loadgen; subscription Contoso Sandbox (no tags); storage    |                                                               |
// |                                 | sthubflowlogs01 / stsandboxscratch01 if data stores are judged   |                                                               |
//
// Hostile strings, to prove every reporter escapes: the app registrations
// `<img src=x onerror=alert(1)>`, `=HYPERLINK("http://x")` and "billing | export⏎nightly", the
// group `sg-<b>legacy</b> & "ops"`, and a workload tag value `<script>alert('tag')</script>`.
import { IDENTITY_ASSESSMENTS } from "../classification/defender-assessments.ts";
import { MICROSOFT_SERVICES_TENANT_ID } from "../classification/microsoft-tenants.ts";
import { createHash } from "node:crypto";
import type {
  ArmManagementGroup,
  ArmResource,
  ArmRoleAssignment,
  ArmRoleDefinition,
  ArmSubscription,
  DefenderData,
  GraphEntity,
  Json,
  JsonObject,
  TenantFixture,
} from "../emulator/types.ts";
import { DEMO_BUILTIN_ROLE_DEFINITIONS } from "./builtin-roles.ts";
import { DEMO_GRAPH_APP_ROLES } from "./graph-app-roles.ts";
import { appRoleAssignmentWire } from "../emulator/wire/app-role-assignment.ts";
import { applicationWire } from "../emulator/wire/application.ts";
import { customRoleDefinitionWire } from "../emulator/wire/custom-role-definition.ts";
import { directoryRoleAssignmentWire } from "../emulator/wire/directory-role-assignment.ts";
import { directoryRoleDefinitionWire } from "../emulator/wire/directory-role-definition.ts";
import {
  federatedIdentityCredentialWire,
  GITHUB_ACTIONS_ISSUER,
} from "../emulator/wire/federated-identity-credential.ts";
import { securityGroupWire } from "../emulator/wire/group.ts";
import { keyCredentialWire } from "../emulator/wire/key-credential.ts";
import { managementGroupWire } from "../emulator/wire/management-group.ts";
import { oauth2PermissionGrantWire } from "../emulator/wire/oauth2-permission-grant.ts";
import { passwordCredentialWire } from "../emulator/wire/password-credential.ts";
import { pricingWire } from "../emulator/wire/pricing.ts";
import { resourceIdentityWire, userAssignedIdentityPropertiesWire } from "../emulator/wire/resource-identity.ts";
import { roleAssignmentWire } from "../emulator/wire/role-assignment.ts";
import { secureScoreWire } from "../emulator/wire/secure-score.ts";
import { userWire } from "../emulator/wire/user.ts";
import { securityAssessmentWire } from "../emulator/wire/security-assessment.ts";
import { servicePrincipalWire } from "../emulator/wire/service-principal.ts";
import { subscriptionWire } from "../emulator/wire/subscription.ts";
import { addPrivilegeShowcase } from "./privilege.ts";
import {
  EXCHANGE_APP_ROLES,
  EXCHANGE_ONLINE_APP_ID,
  SHAREPOINT_APP_ROLES,
  SHAREPOINT_ONLINE_APP_ID,
} from "./resource-api-app-roles.ts";
import { demoCredentialActivity } from "./sign-in-activity.ts";
import { BUILTIN_ROLE, RESOURCE_APP_ID } from "../refdata/well-known.ts";

/** The default `now`: files and tests built without a scan time use it. */
export const DEMO_NOW = "2026-11-01T00:00:00Z";

const MS_PER_DAY = 86_400_000;
const MICROSOFT_TENANT_ID = MICROSOFT_SERVICES_TENANT_ID; // owner of first-party apps
const GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;

/** A GUID derived from a label: same label, same GUID, on every machine. */
export function demoGuid(label: string): string {
  const h = createHash("sha256").update(`azaudit-demo:${label}`).digest("hex");
  // version-4 / RFC 4122 variant bits, so the ids look like the ones Azure hands out
  const v = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Graph's opaque ids (appRoleAssignments, oauth2PermissionGrants, unifiedRoleAssignments). */
function opaqueId(label: string): string {
  return createHash("sha256").update(`azaudit-demo-opaque:${label}`).digest("base64url").slice(0, 43);
}

function thumbprint(label: string): string {
  return createHash("sha1").update(`azaudit-demo-cert:${label}`).digest("hex").toUpperCase();
}

export const DEMO_TENANT_ID = demoGuid("tenant");
const DOMAIN = "contosologistics.onmicrosoft.com";

// ─── management groups and subscriptions ─────────────────────────────────────────────────────

const MG = {
  root: DEMO_TENANT_ID,
  platform: "mg-platform",
  landingZones: "mg-landing-zones",
  corp: "mg-corp",
  sandbox: "mg-sandbox",
} as const;

const mgId = (name: string) => mgScope(name);

const SUB = {
  connectivity: demoGuid("sub:platform-connectivity"),
  management: demoGuid("sub:platform-management"),
  prod: demoGuid("sub:corp-prod"),
  nonprod: demoGuid("sub:corp-nonprod"),
  sandbox: demoGuid("sub:sandbox"),
} as const;
type SubKey = keyof typeof SUB;

const subScope = (s: SubKey) => subscriptionScope(SUB[s]);
const rgScope = (s: SubKey, rg: string) => resourceGroupScope(SUB[s], rg);

// ─── built-in and custom roles ───────────────────────────────────────────────────────────────

const ROLE = {
  owner: BUILTIN_ROLE.owner,
  contributor: BUILTIN_ROLE.contributor,
  reader: BUILTIN_ROLE.reader,
  uaa: BUILTIN_ROLE.userAccessAdministrator,
  rbacAdmin: BUILTIN_ROLE.rbacAdministrator,
  kvSecretsUser: BUILTIN_ROLE.keyVaultSecretsUser,
  blobContributor: BUILTIN_ROLE.storageBlobDataContributor,
  websiteContributor: BUILTIN_ROLE.websiteContributor,
  vmContributor: BUILTIN_ROLE.virtualMachineContributor,
  securityReader: BUILTIN_ROLE.securityReader,
  acrPull: BUILTIN_ROLE.acrPull,
  monitoringReader: BUILTIN_ROLE.monitoringReader,
  // custom
  platformOperator: demoGuid("role:platform-operator"),
  accessDelegator: demoGuid("role:access-delegator"),
  vmOperator: demoGuid("role:vm-operator"),
  dataSteward: demoGuid("role:data-steward"),
} as const;
type RoleKey = keyof typeof ROLE;

// ─── directory roles ─────────────────────────────────────────────────────────────────────────

const DIRECTORY_ROLES = {
  globalAdministrator: {
    id: "62e90394-69f5-4237-9190-012177145e10",
    description:
      "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
  },
  applicationAdministrator: {
    id: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    description: "Can create and manage all aspects of app registrations and enterprise apps.",
  },
  privilegedRoleAdministrator: {
    id: "e8611ab8-c189-46e8-94e1-60213ab1f814",
    description:
      "Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.",
  },
  globalReader: {
    id: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    description: "Can read everything that a Global Administrator can, but not update anything.",
  },
  securityReader: {
    id: "5d6b6bb7-de71-4623-b4af-96380a352509",
    description: "Can read security information and reports in Microsoft Entra ID and Office 365.",
  },
} as const;

// ─── people and groups ───────────────────────────────────────────────────────────────────────

interface UserSpec {
  key: string;
  displayName: string;
  upnLocal: string;
  jobTitle: string | null;
  guestOf?: string; // home domain of a B2B guest
  disabled?: boolean;
  department?: string;
}

const USERS: UserSpec[] = [
  {
    key: "alice",
    displayName: "Alice Nguyen",
    upnLocal: "alice.nguyen",
    jobTitle: "Chief Technology Officer",
    department: "Technology",
  },
  {
    key: "bob",
    displayName: "Bob Okafor",
    upnLocal: "bob.okafor",
    jobTitle: "Platform Engineering Lead",
    department: "Platform",
  },
  {
    key: "carol",
    displayName: "Carol Jensen",
    upnLocal: "carol.jensen",
    jobTitle: "Security Analyst",
    department: "Security",
  },
  {
    key: "dan",
    displayName: "Dan Moreau",
    upnLocal: "dan.moreau",
    jobTitle: "Engineering Manager, Shipping",
    department: "Shipping",
  },
  {
    key: "erin",
    displayName: "Erin Walsh",
    upnLocal: "erin.walsh",
    jobTitle: "Software Engineer",
    department: "Shipping",
  },
  {
    key: "frank",
    displayName: "Frank Ito",
    upnLocal: "frank.ito",
    jobTitle: "Software Engineer",
    department: "Shipping",
  },
  {
    key: "grace",
    displayName: "Grace Lindqvist",
    upnLocal: "grace.lindqvist",
    jobTitle: "Platform Engineer",
    department: "Platform",
  },
  {
    key: "heidi",
    displayName: "Heidi Baptiste",
    upnLocal: "heidi.baptiste",
    jobTitle: "Finance Analyst",
    department: "Finance",
  },
  { key: "ivan", displayName: "Ivan Petrov", upnLocal: "ivan.petrov", jobTitle: "Data Engineer", department: "Data" },
  {
    key: "judy",
    displayName: "Judy Alvarez",
    upnLocal: "judy.alvarez",
    jobTitle: "Site Reliability Engineer",
    department: "Warehouse Systems",
  },
  { key: "breakglass", displayName: "Emergency Access 01", upnLocal: "ea01", jobTitle: null },
  {
    key: "trent",
    displayName: "Trent Walker",
    upnLocal: "trent.walker",
    jobTitle: "Contractor (left 2026)",
    disabled: true,
    department: "Warehouse Systems",
  },
  {
    key: "mallory",
    displayName: "Mallory Chen (Fabrikam)",
    upnLocal: "mallory.chen",
    jobTitle: null,
    guestOf: "fabrikam.com",
  },
  {
    key: "peggy",
    displayName: "Peggy Ross (Northwind)",
    upnLocal: "peggy.ross",
    jobTitle: null,
    guestOf: "northwindtraders.com",
  },
  {
    key: "victor",
    displayName: "Victor Hale (Adatum)",
    upnLocal: "victor.hale",
    jobTitle: null,
    guestOf: "adatum.com",
  },
];

const userId = (key: string) => demoGuid(`user:${key}`);

interface GroupSpec {
  key: string;
  displayName: string;
  description: string;
  members: string[]; // user keys
}

const GROUPS: GroupSpec[] = [
  {
    key: "platform-admins",
    displayName: "sg-platform-admins",
    description: "Platform engineering administrators",
    members: ["bob", "grace"],
  },
  {
    key: "landing-zone-ops",
    displayName: "sg-landing-zone-ops",
    description: "Landing zone operations (SRE on call)",
    members: ["grace", "judy"],
  },
  {
    key: "corp-developers",
    displayName: "sg-corp-developers",
    description: "Developers of the corp landing zone workloads",
    members: ["dan", "erin", "frank"],
  },
  {
    key: "security-readers",
    displayName: "sg-security-readers",
    description: "Security team: read-only across the estate",
    members: ["carol"],
  },
  {
    key: "sandbox-users",
    displayName: "sg-sandbox-users",
    description: "Everyone allowed to experiment in the sandbox",
    members: ["erin", "frank", "ivan", "mallory"],
  },
  {
    key: "legacy-ops",
    displayName: 'sg-<b>legacy</b> & "ops"',
    description: "Legacy operations group (to be retired)",
    members: ["judy"],
  },
];

const groupId = (key: string) => demoGuid(`group:${key}`);

// Principals that exist nowhere in the directory: deleted after their role assignments were made.
const DELETED_USER_ID = demoGuid("deleted:user:former-admin");
const DELETED_SP_ID = demoGuid("deleted:sp:retired-backup-tool");

// ─── app registrations ───────────────────────────────────────────────────────────────────────

/** A credential window: start and end in days from `now` (end null = never expires). */
interface Window {
  start: number;
  end: number | null | string; // a string is an absolute date (the year-2299 trick)
}

interface SecretSpec extends Window {
  name: string;
  hint: string;
}

interface CertSpec extends Window {
  name: string;
}

interface AppSpec {
  key: string;
  displayName: string;
  createdDaysAgo: number;
  audience?: "AzureADMyOrg" | "AzureADMultipleOrgs" | "AzureADandPersonalMicrosoftAccount";
  secrets?: SecretSpec[];
  certs?: CertSpec[];
  /** GitHub OIDC subjects (or full issuer|subject pairs) */
  federated?: { name: string; subject: string; issuer?: string; description?: string }[];
  owners?: string[]; // user keys
  /** Graph application permissions (values) granted to the app's service principal */
  graphAppRoles?: string[];
  /** a password credential on the service principal object itself */
  spSecrets?: SecretSpec[];
  /** a certificate added to the service principal object itself */
  spCerts?: CertSpec[];
  /** SAML single sign-on: the token-signing certificate Entra keeps on the service principal */
  samlSigning?: CertSpec;
  /** application permissions on Exchange Online or SharePoint Online (values) */
  resourceAppRoles?: { api: "exchange" | "sharepoint"; value: string }[];
  /** no service principal in this tenant (registered, never used) */
  noServicePrincipal?: boolean;
  kind?: "web" | "spa" | "publicClient" | "daemon";
  notes?: string;
}

const D = (n: number) => n; // readability: D(180) = 180 days

const APPS: AppSpec[] = [
  {
    key: "ci-github-deploy-corp",
    displayName: "ci-github-deploy-corp",
    createdDaysAgo: 410,
    owners: ["bob", "dan"],
    federated: [
      { name: "shipping-api-production", subject: "repo:contoso-logistics/shipping-api:environment:production" },
      { name: "shipping-api-main", subject: "repo:contoso-logistics/shipping-api:ref:refs/heads/main" },
    ],
    kind: "daemon",
  },
  {
    key: "ci-azure-devops-legacy",
    displayName: "ci-azure-devops-legacy",
    createdDaysAgo: 1200,
    owners: ["dan"],
    secrets: [{ name: "ado-service-connection", hint: "Q~7", start: -100, end: D(630) }],
    kind: "daemon",
  },
  {
    key: "payroll-connector",
    displayName: "payroll-connector",
    createdDaysAgo: 700,
    owners: ["heidi"],
    secrets: [{ name: "payroll-2026-h2", hint: "p8V", start: -30, end: D(150) }],
    kind: "daemon",
  },
  {
    key: "legacy-erp-integration",
    displayName: "legacy-erp-integration",
    createdDaysAgo: 2400,
    owners: ["ivan"],
    secrets: [{ name: "erp-forever", hint: "k2L", start: -2000, end: "2299-12-31T23:59:59Z" }],
    kind: "daemon",
  },
  {
    key: "sharepoint-sync-tool",
    displayName: "sharepoint-sync-tool",
    createdDaysAgo: 1600,
    secrets: [{ name: "sync-key", hint: "z0P", start: -1500, end: null }],
    kind: "daemon",
    notes: "Owner left the company in 2024.",
  },
  {
    key: "shipment-tracker-api",
    displayName: "shipment-tracker-api",
    createdDaysAgo: 520,
    owners: ["dan", "erin"],
    secrets: [{ name: "tracker-q4", hint: "T4x", start: -20, end: D(70) }],
    certs: [{ name: "CN=shipment-tracker-api.contosologistics.com", start: -100, end: D(265) }],
    kind: "web",
  },
  {
    key: "customs-gateway",
    displayName: "customs-gateway",
    createdDaysAgo: 900,
    owners: ["judy"],
    certs: [{ name: "CN=customs-gateway.contosologistics.com", start: -200, end: D(895) }],
    kind: "daemon",
  },
  {
    key: "warehouse-scanner-backend",
    displayName: "warehouse-scanner-backend",
    createdDaysAgo: 800,
    owners: ["judy"],
    secrets: [
      { name: "scanner-2026-h1", hint: "w1S", start: -200, end: D(-20) },
      { name: "scanner-2026-h2", hint: "w2S", start: -25, end: D(95) },
    ],
    kind: "daemon",
  },
  {
    key: "fleet-telemetry-ingest",
    displayName: "fleet-telemetry-ingest",
    createdDaysAgo: 365,
    owners: ["ivan"],
    secrets: [{ name: "telemetry-ingest", hint: "f9T", start: -80, end: D(10) }],
    kind: "daemon",
  },
  {
    key: "automation-runner",
    displayName: "Contoso Automation Runner",
    createdDaysAgo: 980,
    owners: ["alice"],
    secrets: [{ name: "runner-prod", hint: "R3u", start: -30, end: D(335) }],
    graphAppRoles: ["RoleManagement.ReadWrite.Directory", "Directory.Read.All"],
    kind: "daemon",
  },
  {
    key: "identity-governance-sync",
    displayName: "identity-governance-sync",
    createdDaysAgo: 640,
    owners: ["carol"],
    certs: [{ name: "CN=identity-governance-sync", start: -60, end: D(305) }],
    graphAppRoles: ["AppRoleAssignment.ReadWrite.All", "User.Read.All"],
    kind: "daemon",
  },
  {
    key: "app-provisioning-bot",
    displayName: "app-provisioning-bot",
    createdDaysAgo: 300,
    federated: [
      { name: "platform-automation", subject: "repo:contoso-logistics/platform-automation:environment:tenant" },
    ],
    graphAppRoles: ["Application.ReadWrite.All"],
    kind: "daemon",
  },
  {
    key: "hr-directory-reader",
    displayName: "hr-directory-reader",
    createdDaysAgo: 450,
    owners: ["heidi"],
    secrets: [{ name: "hr-sync", hint: "h7D", start: -40, end: D(80) }],
    graphAppRoles: ["User.Read.All"],
    kind: "daemon",
  },
  {
    key: "breakglass-automation",
    displayName: "Ops Break-Glass Automation",
    createdDaysAgo: 730,
    owners: ["alice"],
    secrets: [{ name: "breakglass-runbook", hint: "B6g", start: -60, end: D(305) }],
    kind: "daemon",
  },
  {
    key: "tenant-app-admin-svc",
    displayName: "tenant-app-admin-svc",
    createdDaysAgo: 500,
    owners: ["bob"],
    certs: [{ name: "CN=tenant-app-admin-svc", start: -120, end: D(245) }],
    kind: "daemon",
  },
  {
    key: "reporting-powerbi-export",
    displayName: "reporting-powerbi-export",
    createdDaysAgo: 610,
    owners: ["heidi"],
    secrets: [{ name: "powerbi-export", hint: "e5P", start: -10, end: D(80) }],
    kind: "web",
  },
  {
    key: "admin-portal-legacy",
    displayName: "Contoso Admin Portal (legacy)",
    createdDaysAgo: 2100,
    owners: ["bob"],
    kind: "web",
  },
  {
    key: "expense-mobile-app",
    displayName: "expense-mobile-app",
    createdDaysAgo: 400,
    owners: ["erin"],
    kind: "publicClient",
  },
  {
    key: "hostile-img",
    displayName: "<img src=x onerror=alert(1)>",
    createdDaysAgo: 200,
    owners: ["erin"],
    secrets: [{ name: "<script>alert('secret')</script>", hint: "<b>", start: -50, end: D(680) }],
    kind: "web",
  },
  {
    key: "hostile-formula",
    displayName: '=HYPERLINK("http://x")',
    createdDaysAgo: 250,
    owners: ["ivan"],
    secrets: [{ name: "+cmd|' /C calc'!A0", hint: "=1+", start: -85, end: D(5) }],
    kind: "daemon",
  },
  {
    key: "hostile-pipe",
    displayName: "billing | export\nnightly",
    createdDaysAgo: 330,
    owners: ["heidi"],
    certs: [{ name: "CN=billing-export | nightly", start: -30, end: D(1065) }],
    kind: "daemon",
  },
  {
    key: "log-forwarder",
    displayName: "Azure Monitor Log Forwarder",
    createdDaysAgo: 180,
    owners: ["grace"],
    spSecrets: [{ name: "", hint: "x0F", start: -14, end: D(351) }],
    kind: "daemon",
    notes: "App registration shows no credential; the password sits on the service principal.",
  },
  {
    key: "monitoring-dashboard",
    displayName: "monitoring-dashboard",
    createdDaysAgo: 90,
    kind: "spa",
    noServicePrincipal: true,
  },
  {
    key: "data-platform-etl",
    displayName: "data-platform-etl",
    createdDaysAgo: 560,
    owners: ["ivan"],
    secrets: [{ name: "etl-runner", hint: "d1E", start: -30, end: D(120) }],
    kind: "daemon",
  },
  {
    key: "security-scanner-readonly",
    displayName: "security-scanner-readonly",
    createdDaysAgo: 220,
    owners: ["carol"],
    federated: [{ name: "nightly-scan", subject: "repo:contoso-logistics/security-scans:ref:refs/heads/main" }],
    kind: "daemon",
  },
  {
    key: "cost-management-export",
    displayName: "cost-management-export",
    createdDaysAgo: 330,
    owners: ["heidi"],
    secrets: [{ name: "cost-export", hint: "c0M", start: -20, end: D(40) }],
    kind: "daemon",
  },
  {
    key: "aks-gitops-flux",
    displayName: "aks-gitops-flux",
    createdDaysAgo: 280,
    owners: ["judy"],
    secrets: [{ name: "flux-bootstrap", hint: "f1X", start: -15, end: D(75) }],
    federated: [
      {
        name: "aks-corp-dev-flux",
        issuer: "https://westeurope.oic.prod-aks.azure.com/TENANT/aks-corp-dev/",
        subject: "system:serviceaccount:flux-system:kustomize-controller",
        description: "Workload identity of the Flux kustomize controller",
      },
    ],
    kind: "daemon",
  },
  {
    key: "terraform-platform",
    displayName: "terraform-platform",
    createdDaysAgo: 600,
    owners: ["bob", "grace"],
    federated: [
      { name: "platform-apply", subject: "repo:contoso-logistics/platform-infra:environment:platform" },
      { name: "platform-plan", subject: "repo:contoso-logistics/platform-infra:pull_request" },
    ],
    kind: "daemon",
  },
  {
    key: "terraform-sandbox",
    displayName: "terraform-sandbox",
    createdDaysAgo: 150,
    owners: ["ivan"],
    secrets: [{ name: "tf-sandbox", hint: "s4N", start: -5, end: D(360) }],
    kind: "daemon",
  },
  {
    key: "customer-portal-frontend",
    displayName: "customer-portal-frontend",
    createdDaysAgo: 720,
    owners: ["dan", "erin"],
    kind: "spa",
  },
  {
    key: "partner-edi-bridge",
    displayName: "partner-edi-bridge",
    createdDaysAgo: 1100,
    owners: ["judy"],
    certs: [{ name: "CN=edi.contosologistics.com", start: -345, end: D(20) }],
    kind: "daemon",
  },
  {
    key: "sentinel-soar-playbooks",
    displayName: "sentinel-soar-playbooks",
    createdDaysAgo: 380,
    owners: ["carol"],
    secrets: [{ name: "soar", hint: "S0r", start: -30, end: D(90) }],
    kind: "daemon",
  },
  {
    key: "qa-load-testing",
    displayName: "qa-load-testing",
    createdDaysAgo: 900,
    secrets: [{ name: "loadtest-2025", hint: "q1A", start: -420, end: D(-240) }],
    certs: [{ name: "CN=qa-load-testing", start: -500, end: D(-135) }],
    kind: "daemon",
  },
  {
    key: "vendor-support-portal",
    displayName: "vendor-support-portal",
    createdDaysAgo: 480,
    audience: "AzureADMultipleOrgs",
    owners: ["dan"],
    secrets: [{ name: "vendor-portal", hint: "v3P", start: -60, end: D(120) }],
    kind: "web",
  },
  {
    key: "mail-notifications-relay",
    displayName: "mail-notifications-relay",
    createdDaysAgo: 340,
    owners: ["judy"],
    secrets: [{ name: "relay", hint: "m2R", start: -45, end: D(45) }],
    graphAppRoles: ["Mail.Send"],
    kind: "daemon",
  },
  {
    key: "mailbox-archiver",
    displayName: "Mailbox Archiver",
    createdDaysAgo: 260,
    owners: ["ivan"],
    certs: [{ name: "CN=mailbox-archiver", start: -200, end: D(165) }],
    spCerts: [{ name: "CN=archiver-maintenance", start: -30, end: D(700) }],
    resourceAppRoles: [{ api: "exchange", value: "full_access_as_app" }],
    kind: "daemon",
    notes: "Journals every mailbox over EWS. A second certificate was added on the service principal last month.",
  },
  {
    key: "expenses-saml",
    displayName: "Contoso Expenses (SAML SSO)",
    createdDaysAgo: 520,
    owners: ["heidi"],
    samlSigning: { name: "CN=Microsoft Azure Federated SSO Certificate", start: -120, end: D(975) },
    kind: "web",
  },
  {
    key: "intranet-site-publisher",
    displayName: "intranet-site-publisher",
    createdDaysAgo: 300,
    owners: ["judy"],
    certs: [{ name: "CN=intranet-site-publisher", start: -90, end: D(275) }],
    resourceAppRoles: [{ api: "sharepoint", value: "Sites.Selected" }],
    kind: "daemon",
  },
];

const appObjectId = (key: string) => demoGuid(`app:${key}`);
const appAppId = (key: string) => demoGuid(`appid:${key}`);
const appSpId = (key: string) => demoGuid(`sp:${key}`);

/** Multi-tenant apps of other companies, consented into this tenant (no app registration here). */
interface ThirdPartySpec {
  key: string;
  displayName: string;
  publisher: string;
  ownerTenant: string;
  graphAppRoles?: string[];
}

const THIRD_PARTY: ThirdPartySpec[] = [
  {
    key: "tailwind-helpdesk",
    displayName: "Tailwind Helpdesk",
    publisher: "Tailwind Traders",
    ownerTenant: demoGuid("tenant:tailwind"),
  },
  {
    key: "fabrikam-hr-cloud",
    displayName: "Fabrikam HR Cloud",
    publisher: "Fabrikam, Inc.",
    ownerTenant: demoGuid("tenant:fabrikam"),
    graphAppRoles: ["User.Read.All", "Group.Read.All"],
  },
  {
    key: "tailspin-backup",
    displayName: "Tailspin Backup for Microsoft 365",
    publisher: "Tailspin Toys",
    ownerTenant: demoGuid("tenant:tailspin"),
    graphAppRoles: ["Mail.ReadWrite", "Sites.Read.All"],
  },
  {
    key: "woodgrove-mail-insights",
    displayName: "Woodgrove Mail Insights",
    publisher: "Woodgrove Bank",
    ownerTenant: demoGuid("tenant:woodgrove"),
  },
];

const GRAPH_SP_ID = demoGuid("sp:microsoft-graph");

// ─── resources (workloads, identities, data stores) ──────────────────────────────────────────

type IdentitySpec =
  | { kind: "missing" }
  | { kind: "None" }
  | { kind: "SystemAssigned" }
  | { kind: "UserAssigned"; uais: string[] }
  /** `spelling` is the type string exactly as the provider returns it */
  | { kind: "Both"; spelling: "SystemAssigned, UserAssigned" | "SystemAssigned,UserAssigned"; uais: string[] };

interface ResourceSpec {
  sub: SubKey;
  rg: string;
  /** ARM type, e.g. Microsoft.Web/sites */
  type: string;
  name: string;
  kind?: string;
  location?: string;
  identity?: IdentitySpec;
  tags?: Record<string, string> | null;
  sku?: JsonObject;
  properties?: JsonObject;
}

const tags = (service: string, owner: string, repository: string, environment: string, costCenter: string) => ({
  service,
  owner,
  repository,
  environment,
  costCenter,
});

const RESOURCES: ResourceSpec[] = [
  // platform-connectivity
  {
    sub: "connectivity",
    rg: "rg-hub-network",
    type: "Microsoft.Compute/virtualMachines",
    name: "vm-hub-dns01",
    identity: { kind: "missing" },
    tags: { environment: "platform" },
    properties: { hardwareProfile: { vmSize: "Standard_B2s" }, storageProfile: { osDisk: { osType: "Linux" } } },
  },
  {
    sub: "connectivity",
    rg: "rg-hub-network",
    type: "Microsoft.KeyVault/vaults",
    name: "kv-hub-certs",
    tags: tags(
      "hub-network",
      "platform@contosologistics.com",
      "contoso-logistics/platform-infra",
      "platform",
      "CC-100",
    ),
    properties: { tenantId: DEMO_TENANT_ID, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
  },
  {
    sub: "connectivity",
    rg: "rg-hub-network",
    type: "Microsoft.Storage/storageAccounts",
    name: "sthubflowlogs01",
    kind: "StorageV2",
    sku: { name: "Standard_LRS", tier: "Standard" },
    tags: null,
  },
  {
    sub: "connectivity",
    rg: "rg-platform-identity",
    type: "Microsoft.ManagedIdentity/userAssignedIdentities",
    name: "id-platform-deploy",
    tags: tags(
      "platform-deploy",
      "platform@contosologistics.com",
      "contoso-logistics/platform-infra",
      "platform",
      "CC-100",
    ),
  },
  // platform-management
  {
    sub: "management",
    rg: "rg-mgmt-automation",
    type: "Microsoft.Automation/automationAccounts",
    name: "aa-platform-runbooks",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "runbooks",
      "platform@contosologistics.com",
      "contoso-logistics/platform-runbooks",
      "platform",
      "CC-100",
    ),
    properties: { sku: { name: "Basic" }, publicNetworkAccess: true },
  },
  {
    sub: "management",
    rg: "rg-mgmt-monitoring",
    type: "Microsoft.Logic/workflows",
    name: "la-alert-router",
    identity: { kind: "SystemAssigned" },
    tags: tags("alerting", "sre@contosologistics.com", "contoso-logistics/alert-routing", "platform", "CC-100"),
    properties: { state: "Enabled" },
  },
  {
    sub: "management",
    rg: "rg-mgmt-automation",
    type: "Microsoft.KeyVault/vaults",
    name: "kv-platform-mgmt",
    tags: tags("runbooks", "platform@contosologistics.com", "contoso-logistics/platform-infra", "platform", "CC-100"),
    properties: { tenantId: DEMO_TENANT_ID, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
  },
  {
    sub: "management",
    rg: "rg-mgmt-monitoring",
    type: "Microsoft.Storage/storageAccounts",
    name: "stplatformlogs01",
    kind: "StorageV2",
    sku: { name: "Standard_GRS", tier: "Standard" },
    tags: tags("logging", "platform@contosologistics.com", "contoso-logistics/platform-infra", "platform", "CC-100"),
  },
  {
    sub: "management",
    rg: "rg-mgmt-finops",
    type: "Microsoft.Web/sites",
    name: "func-cost-reports",
    kind: "functionapp,linux",
    identity: { kind: "None" },
    tags: { service: "finops" },
  },
  // corp-prod: shipping
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.Web/sites",
    name: "app-shipping-api-prod",
    kind: "app,linux",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "shipping-api",
      "shipping@contosologistics.com",
      "contoso-logistics/shipping-api",
      "production",
      "CC-210",
    ),
    properties: { state: "Running", httpsOnly: true },
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.Web/sites/slots",
    name: "app-shipping-api-prod/staging",
    kind: "app,linux",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "shipping-api",
      "shipping@contosologistics.com",
      "contoso-logistics/shipping-api",
      "production",
      "CC-210",
    ),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.Web/sites",
    name: "func-label-printer-prod",
    kind: "functionapp",
    identity: { kind: "Both", spelling: "SystemAssigned, UserAssigned", uais: ["id-shipping-prod"] },
    tags: tags(
      "label-printer",
      "shipping@contosologistics.com",
      "contoso-logistics/label-printer",
      "production",
      "CC-210",
    ),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.App/containerApps",
    name: "ca-tracking-prod",
    identity: { kind: "UserAssigned", uais: ["id-tracking-prod"] },
    tags: tags("tracking", "shipping@contosologistics.com", "contoso-logistics/tracking", "production", "CC-210"),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.ContainerService/managedClusters",
    name: "aks-corp-prod",
    identity: { kind: "SystemAssigned" },
    sku: { name: "Base", tier: "Standard" },
    tags: tags(
      "shipping-platform",
      "sre@contosologistics.com",
      "contoso-logistics/aks-platform",
      "production",
      "CC-210",
    ),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.Compute/virtualMachineScaleSets",
    name: "vmss-edi-workers",
    identity: { kind: "Both", spelling: "SystemAssigned,UserAssigned", uais: ["id-shipping-prod"] },
    sku: { name: "Standard_D2s_v5", tier: "Standard", capacity: 3 },
    tags: tags("edi", "shipping@contosologistics.com", "contoso-logistics/edi-workers", "production", "CC-210"),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.ManagedIdentity/userAssignedIdentities",
    name: "id-shipping-prod",
    tags: tags(
      "shipping-api",
      "shipping@contosologistics.com",
      "contoso-logistics/shipping-api",
      "production",
      "CC-210",
    ),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.ManagedIdentity/userAssignedIdentities",
    name: "id-tracking-prod",
    tags: tags("tracking", "shipping@contosologistics.com", "contoso-logistics/tracking", "production", "CC-210"),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.KeyVault/vaults",
    name: "kv-shipping-prod",
    tags: tags(
      "shipping-api",
      "shipping@contosologistics.com",
      "contoso-logistics/shipping-api",
      "production",
      "CC-210",
    ),
    properties: { tenantId: DEMO_TENANT_ID, sku: { family: "A", name: "premium" }, enableRbacAuthorization: true },
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.Storage/storageAccounts",
    name: "stshippinglabelsprod",
    kind: "StorageV2",
    sku: { name: "Standard_ZRS", tier: "Standard" },
    tags: tags(
      "label-printer",
      "shipping@contosologistics.com",
      "contoso-logistics/label-printer",
      "production",
      "CC-210",
    ),
  },
  {
    sub: "prod",
    rg: "rg-shipping-prod",
    type: "Microsoft.ContainerRegistry/registries",
    name: "crcontosoprod",
    sku: { name: "Premium", tier: "Premium" },
    tags: tags(
      "shipping-platform",
      "sre@contosologistics.com",
      "contoso-logistics/aks-platform",
      "production",
      "CC-210",
    ),
  },
  // corp-prod: the AKS node resource group, managed by aks-corp-prod (see AKS_NODE_RG): AKS creates,
  // tags and replaces these scale sets, so nothing here is the customer's to fix resource by resource.
  {
    sub: "prod",
    rg: "MC_rg-shipping-prod_aks-corp-prod_westeurope",
    type: "Microsoft.Compute/virtualMachineScaleSets",
    name: "aks-system-31415926-vmss",
    identity: { kind: "missing" },
    sku: { name: "Standard_D4s_v5", tier: "Standard", capacity: 3 },
    tags: { "aks-managed-poolName": "system", "aks-managed-orchestrator": "Kubernetes:1.30.5" },
  },
  // corp-prod: warehouse
  {
    sub: "prod",
    rg: "rg-warehouse-prod",
    type: "Microsoft.Compute/virtualMachines",
    name: "vm-wms-app01",
    identity: { kind: "SystemAssigned" },
    tags: tags("wms", "warehouse@contosologistics.com", "contoso-logistics/wms", "production", "CC-230"),
  },
  {
    sub: "prod",
    rg: "rg-warehouse-prod",
    type: "Microsoft.Compute/virtualMachines",
    name: "vm-wms-db01",
    identity: { kind: "None" },
    tags: { service: "wms", environment: "production" },
  },
  {
    sub: "prod",
    rg: "rg-warehouse-prod",
    type: "Microsoft.Web/sites",
    name: "app-warehouse-portal",
    kind: "app",
    identity: { kind: "None" },
    tags: tags(
      "warehouse-portal",
      "<script>alert('tag')</script>",
      "contoso-logistics/warehouse-portal",
      "production",
      "CC-230",
    ),
  },
  // corp-prod: data
  {
    sub: "prod",
    rg: "rg-data-prod",
    type: "Microsoft.DataFactory/factories",
    name: "adf-corp-etl",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "data-platform",
      "data@contosologistics.com",
      "contoso-logistics/data-pipelines",
      "production",
      "CC-250",
    ),
  },
  {
    sub: "prod",
    rg: "rg-data-prod",
    type: "Microsoft.Storage/storageAccounts",
    name: "stcorpdatalake",
    kind: "StorageV2",
    sku: { name: "Standard_GRS", tier: "Standard" },
    tags: tags(
      "data-platform",
      "data@contosologistics.com",
      "contoso-logistics/data-pipelines",
      "production",
      "CC-250",
    ),
    properties: { isHnsEnabled: true },
  },
  {
    sub: "prod",
    rg: "rg-data-prod",
    type: "Microsoft.Logic/workflows",
    name: "la-invoice-intake",
    identity: { kind: "SystemAssigned" },
    tags: tags("invoicing", "finance@contosologistics.com", "contoso-logistics/invoice-intake", "production", "CC-250"),
  },
  // corp-nonprod
  {
    sub: "nonprod",
    rg: "rg-shipping-dev",
    type: "Microsoft.Web/sites",
    name: "app-shipping-api-dev",
    kind: "app,linux",
    identity: { kind: "missing" },
    tags: { environment: "dev" },
  },
  {
    sub: "nonprod",
    rg: "rg-shipping-dev",
    type: "Microsoft.Web/sites",
    name: "func-label-printer-dev",
    kind: "functionapp",
    identity: { kind: "SystemAssigned" },
    tags: tags("label-printer", "shipping@contosologistics.com", "contoso-logistics/label-printer", "dev", "CC-210"),
  },
  {
    sub: "nonprod",
    rg: "rg-shipping-dev",
    type: "Microsoft.App/containerApps",
    name: "ca-tracking-dev",
    identity: { kind: "SystemAssigned" },
    tags: tags("tracking", "shipping@contosologistics.com", "contoso-logistics/tracking", "dev", "CC-210"),
  },
  {
    sub: "nonprod",
    rg: "rg-shipping-dev",
    type: "Microsoft.ContainerService/managedClusters",
    name: "aks-corp-dev",
    identity: { kind: "SystemAssigned" },
    sku: { name: "Base", tier: "Free" },
    tags: tags("shipping-platform", "sre@contosologistics.com", "contoso-logistics/aks-platform", "dev", "CC-210"),
  },
  {
    sub: "nonprod",
    rg: "rg-shipping-dev",
    type: "Microsoft.KeyVault/vaults",
    name: "kv-shipping-dev",
    tags: tags("shipping-api", "shipping@contosologistics.com", "contoso-logistics/shipping-api", "dev", "CC-210"),
    properties: { tenantId: DEMO_TENANT_ID, sku: { family: "A", name: "standard" }, enableRbacAuthorization: false },
  },
  {
    sub: "nonprod",
    rg: "rg-integration-test",
    type: "Microsoft.Logic/workflows",
    name: "la-edi-test",
    identity: { kind: "missing" },
    tags: null,
  },
  {
    sub: "nonprod",
    rg: "rg-integration-test",
    type: "Microsoft.Automation/automationAccounts",
    name: "aa-nonprod-shutdown",
    identity: { kind: "None" },
    tags: tags("cost-control", "sre@contosologistics.com", "contoso-logistics/platform-runbooks", "dev", "CC-100"),
  },
  {
    sub: "nonprod",
    rg: "rg-integration-test",
    type: "Microsoft.DataFactory/factories",
    name: "adf-nonprod-etl",
    identity: { kind: "SystemAssigned" },
    tags: tags("data-platform", "data@contosologistics.com", "contoso-logistics/data-pipelines", "dev", "CC-250"),
  },
  // sandbox
  {
    sub: "sandbox",
    rg: "rg-sandbox-ai",
    type: "Microsoft.Compute/virtualMachines",
    name: "vm-sandbox-jumpbox",
    identity: { kind: "missing" },
    tags: null,
  },
  {
    sub: "sandbox",
    rg: "rg-sandbox-ai",
    type: "Microsoft.App/containerApps",
    name: "ca-sandbox-hello",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "hello-world",
      "erin.walsh@contosologistics.com",
      "contoso-logistics/sandbox-experiments",
      "sandbox",
      "CC-900",
    ),
  },
  {
    sub: "sandbox",
    rg: "rg-sandbox-ai",
    type: "Microsoft.Storage/storageAccounts",
    name: "stsandboxscratch01",
    kind: "StorageV2",
    sku: { name: "Standard_LRS", tier: "Standard" },
    tags: { environment: "sandbox" },
  },
  {
    sub: "sandbox",
    rg: "rg-sandbox-loadtest",
    type: "Microsoft.Compute/virtualMachineScaleSets",
    name: "vmss-loadgen",
    identity: { kind: "None" },
    sku: { name: "Standard_F4s_v2", tier: "Standard", capacity: 0 },
    tags: { environment: "sandbox" },
  },
  {
    sub: "sandbox",
    rg: "rg-sandbox-loadtest",
    type: "Microsoft.Web/sites",
    name: "func-sandbox-webhook",
    kind: "functionapp,linux",
    identity: { kind: "SystemAssigned" },
    tags: tags(
      "webhook-test",
      "frank.ito@contosologistics.com",
      "contoso-logistics/sandbox-experiments",
      "sandbox",
      "CC-900",
    ),
  },
  {
    sub: "sandbox",
    rg: "rg-sandbox-loadtest",
    type: "Microsoft.KeyVault/vaults",
    name: "kv-sandbox-tests",
    tags: tags("load-testing", "ivan.petrov@contosologistics.com", "contoso-logistics/load-tests", "sandbox", "CC-900"),
    properties: { tenantId: DEMO_TENANT_ID, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true },
  },
];

function resourceIdOf(r: Pick<ResourceSpec, "sub" | "rg" | "type" | "name">): string {
  return resourceId(SUB[r.sub], r.rg, r.type, r.name);
}

const resourceByName = (name: string): ResourceSpec => {
  const r = RESOURCES.find((x) => x.name === name);
  if (!r) throw new Error(`demo tenant: no resource ${name}`);
  return r;
};
const resourceScope = (name: string) => resourceIdOf(resourceByName(name));

/** Object id of a system-assigned identity's service principal. */
const miPrincipalId = (name: string) => demoGuid(`mi:${name}`);
const miAppId = (name: string) => demoGuid(`mi-app:${name}`);
/** Object and client ids of a user-assigned identity. */
const uaiPrincipalId = (name: string) => demoGuid(`uai:${name}`);
const uaiClientId = (name: string) => demoGuid(`uai-client:${name}`);

// ─── role assignments ────────────────────────────────────────────────────────────────────────

type PrincipalRef =
  | { user: string }
  | { group: string }
  | { app: string } // the service principal of an app registration
  | { mi: string } // system-assigned identity of a resource
  | { uai: string }
  | { deletedUser: true }
  | { deletedSp: true };

interface AssignmentSpec {
  scope: string;
  role: RoleKey;
  who: PrincipalRef;
  daysAgo: number;
  description?: string;
}

function principalOf(who: PrincipalRef): { id: string; type: "User" | "Group" | "ServicePrincipal" } {
  if ("user" in who) return { id: userId(who.user), type: "User" };
  if ("group" in who) return { id: groupId(who.group), type: "Group" };
  if ("app" in who) return { id: appSpId(who.app), type: "ServicePrincipal" };
  if ("mi" in who) return { id: miPrincipalId(who.mi), type: "ServicePrincipal" };
  if ("uai" in who) return { id: uaiPrincipalId(who.uai), type: "ServicePrincipal" };
  if ("deletedUser" in who) return { id: DELETED_USER_ID, type: "User" };
  return { id: DELETED_SP_ID, type: "ServicePrincipal" };
}

const ASSIGNMENTS: AssignmentSpec[] = [
  // tenant root "/" and the tenant root group
  {
    scope: "/",
    role: "uaa",
    who: { user: "breakglass" },
    daysAgo: 900,
    description: "Left behind by 'Elevate access' during an incident",
  },
  { scope: "/", role: "reader", who: { group: "security-readers" }, daysAgo: 800 },
  { scope: mgId(MG.root), role: "reader", who: { user: "carol" }, daysAgo: 700 },
  { scope: mgId(MG.root), role: "securityReader", who: { group: "security-readers" }, daysAgo: 700 },
  // management groups
  { scope: mgId(MG.platform), role: "platformOperator", who: { app: "terraform-platform" }, daysAgo: 600 },
  { scope: mgId(MG.platform), role: "contributor", who: { group: "platform-admins" }, daysAgo: 650 },
  { scope: mgId(MG.platform), role: "monitoringReader", who: { group: "landing-zone-ops" }, daysAgo: 640 },
  { scope: mgId(MG.landingZones), role: "contributor", who: { group: "landing-zone-ops" }, daysAgo: 620 },
  { scope: mgId(MG.landingZones), role: "reader", who: { app: "security-scanner-readonly" }, daysAgo: 220 },
  { scope: mgId(MG.corp), role: "rbacAdmin", who: { user: "bob" }, daysAgo: 400 },
  { scope: mgId(MG.corp), role: "reader", who: { group: "corp-developers" }, daysAgo: 500 },
  { scope: mgId(MG.sandbox), role: "contributor", who: { group: "sandbox-users" }, daysAgo: 300 },
  { scope: mgId(MG.sandbox), role: "reader", who: { user: "heidi" }, daysAgo: 280 },
  // platform-connectivity
  { scope: subScope("connectivity"), role: "owner", who: { user: "bob" }, daysAgo: 1000 },
  { scope: subScope("connectivity"), role: "owner", who: { user: "alice" }, daysAgo: 1000 },
  { scope: subScope("connectivity"), role: "uaa", who: { uai: "id-platform-deploy" }, daysAgo: 500 },
  { scope: subScope("connectivity"), role: "monitoringReader", who: { user: "victor" }, daysAgo: 120 },
  { scope: rgScope("connectivity", "rg-hub-network"), role: "contributor", who: { user: "grace" }, daysAgo: 450 },
  { scope: rgScope("connectivity", "rg-hub-network"), role: "reader", who: { group: "legacy-ops" }, daysAgo: 1500 },
  { scope: resourceScope("vm-hub-dns01"), role: "vmContributor", who: { user: "judy" }, daysAgo: 300 },
  // platform-management
  { scope: subScope("management"), role: "owner", who: { user: "bob" }, daysAgo: 1000 },
  { scope: subScope("management"), role: "owner", who: { user: "grace" }, daysAgo: 900 },
  { scope: subScope("management"), role: "contributor", who: { mi: "aa-platform-runbooks" }, daysAgo: 700 },
  { scope: subScope("management"), role: "securityReader", who: { app: "sentinel-soar-playbooks" }, daysAgo: 380 },
  {
    scope: rgScope("management", "rg-mgmt-monitoring"),
    role: "monitoringReader",
    who: { mi: "la-alert-router" },
    daysAgo: 350,
  },
  {
    scope: rgScope("management", "rg-mgmt-automation"),
    role: "contributor",
    who: { app: "breakglass-automation" },
    daysAgo: 720,
  },
  {
    scope: resourceScope("kv-platform-mgmt"),
    role: "kvSecretsUser",
    who: { mi: "aa-platform-runbooks" },
    daysAgo: 690,
  },
  {
    scope: rgScope("management", "rg-mgmt-finops"),
    role: "reader",
    who: { app: "cost-management-export" },
    daysAgo: 320,
  },
  // corp-prod
  { scope: subScope("prod"), role: "owner", who: { user: "alice" }, daysAgo: 1100 },
  { scope: subScope("prod"), role: "owner", who: { group: "platform-admins" }, daysAgo: 1000 },
  { scope: subScope("prod"), role: "reader", who: { app: "data-platform-etl" }, daysAgo: 560 },
  { scope: subScope("prod"), role: "reader", who: { user: "heidi" }, daysAgo: 600 },
  { scope: subScope("prod"), role: "dataSteward", who: { user: "ivan" }, daysAgo: 150 },
  {
    scope: rgScope("prod", "rg-shipping-prod"),
    role: "contributor",
    who: { app: "ci-github-deploy-corp" },
    daysAgo: 410,
  },
  {
    scope: rgScope("prod", "rg-shipping-prod"),
    role: "websiteContributor",
    who: { group: "corp-developers" },
    daysAgo: 500,
  },
  { scope: rgScope("prod", "rg-shipping-prod"), role: "reader", who: { app: "cost-management-export" }, daysAgo: 330 },
  { scope: rgScope("prod", "rg-shipping-prod"), role: "contributor", who: { mi: "aks-corp-prod" }, daysAgo: 400 },
  { scope: rgScope("prod", "rg-shipping-prod"), role: "accessDelegator", who: { user: "dan" }, daysAgo: 200 },
  { scope: rgScope("prod", "rg-shipping-prod"), role: "reader", who: { app: "log-forwarder" }, daysAgo: 170 },
  { scope: resourceScope("crcontosoprod"), role: "acrPull", who: { uai: "id-tracking-prod" }, daysAgo: 380 },
  {
    scope: resourceScope("kv-shipping-prod"),
    role: "kvSecretsUser",
    who: { mi: "app-shipping-api-prod" },
    daysAgo: 400,
  },
  { scope: resourceScope("kv-shipping-prod"), role: "kvSecretsUser", who: { uai: "id-shipping-prod" }, daysAgo: 390 },
  {
    scope: resourceScope("stshippinglabelsprod"),
    role: "blobContributor",
    who: { mi: "func-label-printer-prod" },
    daysAgo: 380,
  },
  { scope: rgScope("prod", "rg-warehouse-prod"), role: "vmContributor", who: { user: "judy" }, daysAgo: 600 },
  { scope: rgScope("prod", "rg-warehouse-prod"), role: "vmOperator", who: { group: "landing-zone-ops" }, daysAgo: 250 },
  { scope: rgScope("prod", "rg-warehouse-prod"), role: "reader", who: { user: "peggy" }, daysAgo: 150 },
  { scope: rgScope("prod", "rg-warehouse-prod"), role: "contributor", who: { user: "trent" }, daysAgo: 640 },
  { scope: rgScope("prod", "rg-data-prod"), role: "contributor", who: { user: "ivan" }, daysAgo: 550 },
  { scope: resourceScope("stcorpdatalake"), role: "blobContributor", who: { mi: "adf-corp-etl" }, daysAgo: 540 },
  { scope: resourceScope("stcorpdatalake"), role: "blobContributor", who: { mi: "la-invoice-intake" }, daysAgo: 300 },
  // corp-nonprod
  {
    scope: subScope("nonprod"),
    role: "owner",
    who: { user: "mallory" },
    daysAgo: 260,
    description: "Fabrikam consultant, migration project 2025",
  },
  { scope: subScope("nonprod"), role: "owner", who: { user: "dan" }, daysAgo: 900 },
  { scope: subScope("nonprod"), role: "owner", who: { user: "erin" }, daysAgo: 700 },
  { scope: subScope("nonprod"), role: "owner", who: { user: "frank" }, daysAgo: 690 },
  { scope: subScope("nonprod"), role: "contributor", who: { app: "ci-azure-devops-legacy" }, daysAgo: 1200 },
  { scope: subScope("nonprod"), role: "contributor", who: { deletedUser: true }, daysAgo: 1300 },
  { scope: subScope("nonprod"), role: "reader", who: { user: "ivan" }, daysAgo: 500 },
  {
    scope: rgScope("nonprod", "rg-shipping-dev"),
    role: "contributor",
    who: { group: "corp-developers" },
    daysAgo: 700,
  },
  { scope: rgScope("nonprod", "rg-shipping-dev"), role: "contributor", who: { app: "aks-gitops-flux" }, daysAgo: 280 },
  { scope: rgScope("nonprod", "rg-shipping-dev"), role: "reader", who: { deletedSp: true }, daysAgo: 1000 },
  { scope: resourceScope("app-shipping-api-dev"), role: "websiteContributor", who: { user: "frank" }, daysAgo: 200 },
  {
    scope: rgScope("nonprod", "rg-integration-test"),
    role: "contributor",
    who: { mi: "adf-nonprod-etl" },
    daysAgo: 190,
  },
  // sandbox
  { scope: subScope("sandbox"), role: "owner", who: { app: "terraform-sandbox" }, daysAgo: 150 },
  { scope: subScope("sandbox"), role: "contributor", who: { user: "ivan" }, daysAgo: 140 },
  { scope: rgScope("sandbox", "rg-sandbox-ai"), role: "contributor", who: { mi: "ca-sandbox-hello" }, daysAgo: 100 },
  { scope: rgScope("sandbox", "rg-sandbox-loadtest"), role: "reader", who: { app: "qa-load-testing" }, daysAgo: 880 },
  { scope: resourceScope("kv-sandbox-tests"), role: "kvSecretsUser", who: { mi: "func-sandbox-webhook" }, daysAgo: 90 },
];

// ─── Graph grants ────────────────────────────────────────────────────────────────────────────

interface DelegatedSpec {
  client: { app: string } | { thirdParty: string };
  consentType: "AllPrincipals" | "Principal";
  principal?: string; // user key for Principal consent
  scope: string;
}

const DELEGATED: DelegatedSpec[] = [
  {
    client: { thirdParty: "woodgrove-mail-insights" },
    consentType: "AllPrincipals",
    scope: "openid profile offline_access User.Read Mail.ReadWrite",
  },
  { client: { app: "admin-portal-legacy" }, consentType: "AllPrincipals", scope: "User.Read Directory.ReadWrite.All" },
  { client: { app: "reporting-powerbi-export" }, consentType: "AllPrincipals", scope: "openid profile User.Read" },
  {
    client: { thirdParty: "tailwind-helpdesk" },
    consentType: "AllPrincipals",
    scope: "openid profile offline_access User.Read",
  },
  {
    client: { app: "expense-mobile-app" },
    consentType: "Principal",
    principal: "erin",
    scope: "openid profile User.Read Mail.Read",
  },
  {
    client: { app: "customer-portal-frontend" },
    consentType: "Principal",
    principal: "dan",
    scope: "openid profile User.Read",
  },
];

/** Delegated permission scopes of Microsoft Graph used above (public, stable ids). */
const GRAPH_DELEGATED_SCOPES: JsonObject[] = [
  {
    id: "37f7f235-527c-4136-accd-4a02d197296e",
    value: "openid",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "Sign users in",
  },
  {
    id: "14dad69e-099b-42c9-810b-d002981feec1",
    value: "profile",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "View users' basic profile",
  },
  {
    id: "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
    value: "offline_access",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "Maintain access to data you have given it access to",
  },
  {
    id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
    value: "User.Read",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "Sign in and read user profile",
  },
  {
    id: "570282fd-fa5c-430d-a7fd-fc8dc98a9dca",
    value: "Mail.Read",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "Read user mail",
  },
  {
    id: "024d486e-b451-40bb-833d-3e66d98c5c73",
    value: "Mail.ReadWrite",
    type: "User",
    isEnabled: true,
    adminConsentDisplayName: "Read and write access to user mail",
  },
  {
    id: "c5366453-9fb0-48a5-a156-24f0c49a4b84",
    value: "Directory.ReadWrite.All",
    type: "Admin",
    isEnabled: true,
    adminConsentDisplayName: "Read and write directory data",
  },
];

interface DirectoryRoleAssignmentSpec {
  role: keyof typeof DIRECTORY_ROLES;
  who: { user: string } | { app: string };
}

const DIRECTORY_ROLE_ASSIGNMENTS: DirectoryRoleAssignmentSpec[] = [
  { role: "globalAdministrator", who: { user: "alice" } },
  { role: "globalAdministrator", who: { user: "breakglass" } },
  { role: "globalAdministrator", who: { app: "breakglass-automation" } },
  { role: "privilegedRoleAdministrator", who: { user: "bob" } },
  { role: "applicationAdministrator", who: { app: "tenant-app-admin-svc" } },
  { role: "globalReader", who: { user: "carol" } },
  { role: "securityReader", who: { app: "security-scanner-readonly" } },
  { role: "privilegedRoleAdministrator", who: { user: "victor" } },
];

// ─── Defender for Cloud ──────────────────────────────────────────────────────────────────────

/** Plan names as in the 2022-03-01 pricings example, plus CloudPosture (Defender CSPM, listed by later api-versions). */
const CURRENT_PLANS = [
  "VirtualMachines",
  "SqlServers",
  "AppServices",
  "StorageAccounts",
  "SqlServerVirtualMachines",
  "KeyVaults",
  "Arm",
  "OpenSourceRelationalDatabases",
  "Containers",
  "CloudPosture",
] as const;

const FREE_PLANS: Record<SubKey, readonly string[]> = {
  connectivity: [
    "SqlServers",
    "AppServices",
    "SqlServerVirtualMachines",
    "OpenSourceRelationalDatabases",
    "CloudPosture",
  ],
  management: [],
  prod: [],
  nonprod: [
    "VirtualMachines",
    "SqlServerVirtualMachines",
    "OpenSourceRelationalDatabases",
    "Containers",
    "CloudPosture",
  ],
  sandbox: [...CURRENT_PLANS],
};

/**
 * Microsoft's published assessment keys (identity recommendations V2, owner count, endpoint protection);
 * the identity ones are named in IDENTITY_ASSESSMENTS.
 */
const ASSESSMENT = {
  ownerMfa: {
    key: "6240402e-f77c-46fa-9060-a7ce53997754",
    severity: "High",
  },
  writeMfa: {
    key: "c0cb17b2-0607-48a7-b0e0-903ed22de39b",
    severity: "High",
  },
  guestOwners: {
    key: "20606e75-05c4-48c0-9d97-add6daa2109a",
    severity: "High",
  },
  blockedOwners: {
    key: "050ac097-3dda-4d24-ab6d-82568e7a50cf",
    severity: "High",
  },
  blockedReadWrite: {
    key: "1ff0b4c9-ed56-4de6-be9c-d7ab39645926",
    severity: "Medium",
  },
  maxThreeOwners: {
    key: "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e",
    severity: "High",
  },
  moreThanOneOwner: {
    key: "2c79b4af-f830-b61e-92b9-63dfa30f16e4",
    severity: "High",
  },
  endpointProtection: {
    key: "21300918-b2e3-0346-785f-c77ff57d243b",
    displayName: "Install endpoint protection solution on virtual machine scale sets",
    severity: "High",
  },
} as const;
type AssessmentKey = keyof typeof ASSESSMENT;

interface AssessmentSpec {
  sub: SubKey;
  which: AssessmentKey;
  status: "Healthy" | "Unhealthy" | "NotApplicable";
  /** resource name; subscription-level when absent */
  resource?: string;
  description?: string;
}

const ASSESSMENTS: AssessmentSpec[] = [
  {
    sub: "nonprod",
    which: "guestOwners",
    status: "Unhealthy",
    description: "1 guest account has owner permissions on this subscription.",
  },
  {
    sub: "nonprod",
    which: "ownerMfa",
    status: "Unhealthy",
    description: "1 of 4 accounts with owner permissions has no MFA registered.",
  },
  {
    sub: "nonprod",
    which: "maxThreeOwners",
    status: "Unhealthy",
    description: "4 owners are designated for this subscription.",
  },
  { sub: "nonprod", which: "moreThanOneOwner", status: "Healthy" },
  {
    sub: "sandbox",
    which: "moreThanOneOwner",
    status: "Unhealthy",
    description: "This subscription has a single owner.",
  },
  { sub: "sandbox", which: "maxThreeOwners", status: "Healthy" },
  { sub: "prod", which: "ownerMfa", status: "Healthy" },
  { sub: "prod", which: "writeMfa", status: "Healthy" },
  { sub: "prod", which: "guestOwners", status: "Healthy" },
  { sub: "prod", which: "maxThreeOwners", status: "Healthy" },
  {
    sub: "prod",
    which: "blockedReadWrite",
    status: "Unhealthy",
    description: "A blocked account holds write permissions in this subscription.",
  },
  { sub: "prod", which: "endpointProtection", status: "Unhealthy", resource: "vmss-edi-workers" },
  { sub: "management", which: "ownerMfa", status: "Healthy" },
  { sub: "management", which: "blockedOwners", status: "Healthy" },
  { sub: "connectivity", which: "ownerMfa", status: "Healthy" },
  {
    sub: "connectivity",
    which: "guestOwners",
    status: "NotApplicable",
    description: "No guest account holds permissions on this subscription.",
  },
];

const SECURE_SCORES: Record<SubKey, { current: number; max: number }> = {
  connectivity: { current: 41.2, max: 58 },
  management: { current: 49.6, max: 58 },
  prod: { current: 44.1, max: 58 },
  nonprod: { current: 23.5, max: 58 },
  sandbox: { current: 12.8, max: 58 },
};

function identityAssessmentName(key: string): string {
  const name = IDENTITY_ASSESSMENTS[key];
  if (name === undefined) throw new Error(`demo tenant: assessment ${key} is not in IDENTITY_ASSESSMENTS`);
  return name;
}

// ─── the builder ─────────────────────────────────────────────────────────────────────────────

/**
 * The demo tenant as of `now`: credential windows, creation dates and assignment dates are all
 * `now` ± N days, so a scan judged at `now` always sees the same findings.
 */
export function buildDemoTenant(now: Date = new Date(DEMO_NOW)): TenantFixture {
  const t0 = now.getTime();
  if (Number.isNaN(t0)) throw new Error("buildDemoTenant: now is not a valid date");
  const at = (days: number) => new Date(t0 + days * MS_PER_DAY).toISOString();
  const windowEnd = (w: Window): string | null =>
    w.end === null ? null : typeof w.end === "string" ? w.end : at(w.end);

  const appSpec = (key: string): AppSpec => {
    const a = APPS.find((x) => x.key === key);
    if (!a) throw new Error(`demo tenant: no app ${key}`);
    return a;
  };

  // management groups
  const mg = (
    name: string,
    displayName: string,
    parent: { name: string; displayName: string } | null,
  ): ArmManagementGroup =>
    managementGroupWire(name, DEMO_TENANT_ID, displayName, parent, {
      version: 3,
      updatedTime: at(-400),
      updatedBy: userId("bob"),
    });
  const rootRef = { name: MG.root, displayName: "Tenant Root Group" };
  const lzRef = { name: MG.landingZones, displayName: "Landing Zones" };
  const managementGroups: ArmManagementGroup[] = [
    mg(MG.root, "Tenant Root Group", null),
    mg(MG.platform, "Platform", rootRef),
    mg(MG.landingZones, "Landing Zones", rootRef),
    mg(MG.corp, "Corp", lzRef),
    mg(MG.sandbox, "Sandbox", rootRef),
  ];

  // subscriptions
  const sub = (
    key: SubKey,
    displayName: string,
    managementGroup: string,
    subTags: Record<string, string> | null,
    quota = "EnterpriseAgreement_2014-09-01",
  ): ArmSubscription =>
    subscriptionWire({
      subscriptionId: SUB[key],
      tenantId: DEMO_TENANT_ID,
      displayName,
      quotaId: quota,
      tags: subTags,
      managementGroup,
    });
  const subscriptions: ArmSubscription[] = [
    sub("connectivity", "Contoso Platform Connectivity", MG.platform, {
      owner: "platform@contosologistics.com",
      costCenter: "CC-100",
      environment: "platform",
      service: "hub-network",
      repository: "contoso-logistics/platform-infra",
    }),
    sub("management", "Contoso Platform Management", MG.platform, {
      owner: "platform@contosologistics.com",
      costCenter: "CC-100",
      environment: "platform",
      service: "management",
      repository: "contoso-logistics/platform-infra",
    }),
    sub("prod", "Contoso Corp Production", MG.corp, {
      owner: "shipping@contosologistics.com",
      costCenter: "CC-210",
      environment: "production",
      service: "corp-workloads",
      repository: "contoso-logistics/landing-zones",
    }),
    sub("nonprod", "Contoso Corp Non-Production", MG.corp, {
      owner: "shipping@contosologistics.com",
      costCenter: "CC-210",
      environment: "dev",
      service: "corp-workloads",
      repository: "contoso-logistics/landing-zones",
    }),
    sub("sandbox", "Contoso Sandbox", MG.sandbox, null, "MSDN_2014-09-01"),
  ];

  // role definitions: built-ins as copied, plus three custom roles
  const custom = (
    key: RoleKey,
    roleName: string,
    description: string,
    assignableScopes: string[],
    actions: string[],
    notActions: string[] = [],
    createdDaysAgo = 500,
    dataActions: string[] = [],
  ): ArmRoleDefinition =>
    customRoleDefinitionWire({
      guid: ROLE[key],
      definedAt: "/",
      roleName,
      description,
      assignableScopes,
      actions,
      notActions,
      dataActions,
      createdOn: at(-createdDaysAgo),
      updatedOn: at(-createdDaysAgo + 30),
      author: userId("bob"),
    });
  const roleDefinitions: ArmRoleDefinition[] = [
    ...DEMO_BUILTIN_ROLE_DEFINITIONS.map((d) => structuredClone<ArmRoleDefinition>(d)),
    custom(
      "platformOperator",
      "Contoso Platform Operator (legacy)",
      "Created in 2022 to unblock the platform pipeline. Everything, everywhere.",
      [mgId(MG.platform)],
      ["*"],
      [],
      1300,
    ),
    custom(
      "accessDelegator",
      "Contoso Access Delegator",
      "Lets team leads grant access to their own resource groups.",
      [subScope("prod"), subScope("nonprod")],
      [
        "Microsoft.Authorization/roleAssignments/read",
        "Microsoft.Authorization/roleAssignments/write",
        "Microsoft.Authorization/roleAssignments/delete",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
      ],
      [],
      400,
    ),
    custom(
      "vmOperator",
      "Contoso VM Operator",
      "Start, restart and read virtual machines; nothing else.",
      [subScope("prod"), subScope("nonprod"), subScope("sandbox")],
      [
        "Microsoft.Compute/virtualMachines/read",
        "Microsoft.Compute/virtualMachines/start/action",
        "Microsoft.Compute/virtualMachines/restart/action",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
      ],
      [],
      350,
    ),
    custom(
      "dataSteward",
      "Contoso Data Steward",
      "Lets the data team fix any data-plane issue without waiting for a role request.",
      [subScope("prod")],
      ["Microsoft.Resources/subscriptions/resourceGroups/read"],
      [],
      200,
      ["*"],
    ),
  ];

  // role assignments
  const roleAssignments: ArmRoleAssignment[] = ASSIGNMENTS.map((a, i) => {
    const p = principalOf(a.who);
    return roleAssignmentWire({
      name: demoGuid(`ra:${i}:${a.scope}:${a.role}:${p.id}`),
      scope: a.scope,
      roleGuid: ROLE[a.role],
      principalId: p.id,
      principalType: p.type,
      createdOn: at(-a.daysAgo),
      createdBy: userId("bob"),
      description: a.description ?? null,
    });
  });

  // resources
  const identityBlock = (r: ResourceSpec): Json | undefined => {
    const id = r.identity;
    if (!id || id.kind === "missing") return undefined;
    if (id.kind === "None") return resourceIdentityWire("None", null, null);
    const uais = (names: string[]) =>
      names.map((n) => ({ id: resourceScope(n), principalId: uaiPrincipalId(n), clientId: uaiClientId(n) }));
    const system = { principalId: miPrincipalId(r.name), tenantId: DEMO_TENANT_ID };
    if (id.kind === "SystemAssigned") return resourceIdentityWire("SystemAssigned", system, null);
    if (id.kind === "UserAssigned") return resourceIdentityWire("UserAssigned", null, uais(id.uais));
    return resourceIdentityWire(id.spelling, system, uais(id.uais));
  };
  // The node resource group AKS created for aks-corp-prod: its managedBy names the cluster.
  const aksNodeGroup: ArmResource = {
    id: rgScope("prod", "MC_rg-shipping-prod_aks-corp-prod_westeurope"),
    name: "MC_rg-shipping-prod_aks-corp-prod_westeurope",
    type: "Microsoft.Resources/resourceGroups",
    location: "westeurope",
    managedBy: resourceIdOf({
      sub: "prod",
      rg: "rg-shipping-prod",
      type: "Microsoft.ContainerService/managedClusters",
      name: "aks-corp-prod",
    }),
    tags: { "aks-managed-cluster-name": "aks-corp-prod", "aks-managed-cluster-rg": "rg-shipping-prod" },
    properties: { provisioningState: "Succeeded" },
  };
  const resources: ArmResource[] = [
    aksNodeGroup,
    ...RESOURCES.map((r) => {
      const id = resourceIdOf(r);
      const out: ArmResource = { id, name: r.name, type: r.type };
      if (r.kind !== undefined) out.kind = r.kind;
      out.location = r.location ?? (r.sub === "sandbox" ? "swedencentral" : "westeurope");
      if (r.tags) out.tags = { ...r.tags };
      if (r.sku) out.sku = structuredClone(r.sku);
      const identity = identityBlock(r);
      if (identity !== undefined) out.identity = identity;
      if (r.type === "Microsoft.ManagedIdentity/userAssignedIdentities") {
        out.properties = userAssignedIdentityPropertiesWire(
          DEMO_TENANT_ID,
          uaiPrincipalId(r.name),
          uaiClientId(r.name),
        );
      } else if (r.properties) {
        out.properties = structuredClone(r.properties);
      }
      return out;
    }),
  ];

  // Defender
  const defender: Record<string, DefenderData> = {};
  for (const key of Object.keys(SUB) as SubKey[]) {
    const s = SUB[key];
    const pricings: JsonObject[] = CURRENT_PLANS.map((plan) => {
      const free = FREE_PLANS[key].includes(plan);
      const properties: JsonObject = { pricingTier: free ? "Free" : "Standard", freeTrialRemainingTime: "PT0S" };
      if (!free && plan === "VirtualMachines") properties.subPlan = "P2";
      return pricingWire(s, plan, properties);
    });
    // the retired plans still listed, as in the API example
    for (const plan of ["KubernetesService", "ContainerRegistry"]) {
      pricings.push(
        pricingWire(s, plan, {
          pricingTier: "Free",
          freeTrialRemainingTime: "PT0S",
          deprecated: true,
          replacedBy: ["Containers"],
        }),
      );
    }
    const assessments: JsonObject[] = ASSESSMENTS.filter((a) => a.sub === key).map((a) => {
      const def = ASSESSMENT[a.which];
      return securityAssessmentWire({
        key: def.key,
        resourceId: a.resource ? resourceScope(a.resource) : subscriptionScope(s),
        displayName: "displayName" in def ? def.displayName : identityAssessmentName(def.key),
        status: {
          code: a.status,
          ...(a.status === "NotApplicable" ? { cause: "NoResourcesFound" } : {}),
          ...(a.description ? { description: a.description } : {}),
          ...(a.status !== "NotApplicable" ? { firstEvaluationDate: at(-200) } : {}),
        },
        severity: def.severity,
      });
    });
    const score = SECURE_SCORES[key];
    const secureScores: JsonObject[] = [secureScoreWire(s, score.current, score.max, 67)];
    defender[s] = { pricings, assessments, secureScores };
  }

  // ── Graph ──
  const users: GraphEntity[] = USERS.map((u) => {
    const upn = u.guestOf
      ? `${u.upnLocal}_${u.guestOf}#EXT#@${DOMAIN}`
      : u.key === "breakglass"
        ? `${u.upnLocal}@${DOMAIN}`
        : `${u.upnLocal}@contosologistics.com`;
    const mail = u.guestOf ? `${u.upnLocal}@${u.guestOf}` : `${u.upnLocal}@contosologistics.com`;
    const [givenName, ...rest] = u.displayName.replace(/ \(.*\)$/, "").split(" ");
    return userWire({
      id: userId(u.key),
      displayName: u.displayName,
      givenName: u.key === "breakglass" ? null : (givenName ?? ""),
      jobTitle: u.jobTitle,
      mail: u.key === "breakglass" ? null : mail,
      officeLocation: u.guestOf ? null : "Rotterdam",
      preferredLanguage: u.guestOf ? null : "en-US",
      surname: u.key === "breakglass" ? null : rest.join(" ") || null,
      userPrincipalName: upn,
      userType: u.guestOf ? "Guest" : "Member",
      accountEnabled: !u.disabled,
      department: u.department ?? null,
      createdDateTime: at(-(u.guestOf ? 300 : 1500)),
    });
  });

  const groups: GraphEntity[] = GROUPS.map((g) =>
    securityGroupWire({
      id: groupId(g.key),
      displayName: g.displayName,
      description: g.description,
      mailNickname: g.displayName.replace(/[^A-Za-z0-9-]/g, ""),
      createdDateTime: at(-1000),
      members: g.members.map(userId),
    }),
  );

  const passwordCredential = (appKey: string, s: SecretSpec): JsonObject =>
    passwordCredentialWire({
      displayName: s.name === "" ? null : s.name,
      endDateTime: windowEnd(s),
      hint: s.hint,
      keyId: demoGuid(`secret:${appKey}:${s.name}:${s.start}`),
      startDateTime: at(s.start),
    });
  const keyCredential = (appKey: string, c: CertSpec): JsonObject =>
    keyCredentialWire({
      thumbprint: thumbprint(`${appKey}:${c.name}`),
      displayName: c.name,
      endDateTime: windowEnd(c),
      keyId: demoGuid(`cert:${appKey}:${c.name}:${c.start}`),
      startDateTime: at(c.start),
    });

  const graphRole = (value: string) => {
    const r = DEMO_GRAPH_APP_ROLES.find((x) => x.value === value);
    if (!r) throw new Error(`demo tenant: Graph app role ${value} is not in graph-app-roles.ts`);
    return r;
  };

  const applications: GraphEntity[] = APPS.map((a) => {
    const web = a.kind === "web";
    const fics = (a.federated ?? []).map((f) =>
      federatedIdentityCredentialWire({
        id: demoGuid(`fic:${a.key}:${f.name}`),
        name: f.name,
        issuer: (f.issuer ?? GITHUB_ACTIONS_ISSUER).replace("TENANT", DEMO_TENANT_ID),
        subject: f.subject,
        description: f.description ?? `GitHub Actions OIDC: ${f.subject}`,
      }),
    );
    const resourceAccess = (a.graphAppRoles ?? []).map((v) => ({ id: graphRole(v).id, type: "Role" }));
    return applicationWire({
      id: appObjectId(a.key),
      appId: appAppId(a.key),
      displayName: a.displayName,
      createdDateTime: at(-a.createdDaysAgo),
      publisherDomain: "contosologistics.com",
      signInAudience: a.audience ?? "AzureADMyOrg",
      identifierUris: web ? [`api://${appAppId(a.key)}`] : [],
      notes: a.notes ?? null,
      keyCredentials: (a.certs ?? []).map((c) => keyCredential(a.key, c)),
      passwordCredentials: (a.secrets ?? []).map((s) => passwordCredential(a.key, s)),
      requiredResourceAccess: resourceAccess.length ? [{ resourceAppId: GRAPH_APP_ID, resourceAccess }] : [],
      redirectUris: {
        publicClient: a.kind === "publicClient" ? ["msauth.com.contosologistics.expenses://auth"] : [],
        spa: a.kind === "spa" ? [`https://${a.key}.contosologistics.com/`] : [],
        web: web ? [`https://${a.key}.contosologistics.com/signin-oidc`] : [],
      },
      homePageUrl: web ? `https://${a.key}.contosologistics.com` : null,
      federatedIdentityCredentials: fics,
      owners: (a.owners ?? []).map(userId),
    });
  });

  const appRoleAssignment = (holderId: string, holderName: string, value: string, createdDaysAgo: number): JsonObject =>
    appRoleAssignmentWire({
      id: opaqueId(`ara:${holderId}:${value}`),
      appRoleId: graphRole(value).id,
      createdDateTime: at(-createdDaysAgo),
      principalDisplayName: holderName,
      principalId: holderId,
      resourceDisplayName: "Microsoft Graph",
      resourceId: GRAPH_SP_ID,
    });

  const RESOURCE_APIS = {
    exchange: {
      id: demoGuid("sp:exchange-online"),
      appId: EXCHANGE_ONLINE_APP_ID,
      displayName: "Office 365 Exchange Online",
      roles: EXCHANGE_APP_ROLES,
    },
    sharepoint: {
      id: demoGuid("sp:sharepoint-online"),
      appId: SHAREPOINT_ONLINE_APP_ID,
      displayName: "Office 365 SharePoint Online",
      roles: SHAREPOINT_APP_ROLES,
    },
  } as const;
  const resourceAppRoleAssignment = (
    holderId: string,
    holderName: string,
    r: { api: keyof typeof RESOURCE_APIS; value: string },
    createdDaysAgo: number,
  ): JsonObject => {
    const api = RESOURCE_APIS[r.api];
    const appRole = api.roles.find((x) => x.value === r.value);
    if (!appRole)
      throw new Error(`demo tenant: ${api.displayName} app role ${r.value} is not in resource-api-app-roles.ts`);
    return appRoleAssignmentWire({
      id: opaqueId(`ara:${holderId}:${r.api}:${r.value}`),
      appRoleId: appRole.id,
      createdDateTime: at(-createdDaysAgo),
      principalDisplayName: holderName,
      principalId: holderId,
      resourceDisplayName: api.displayName,
      resourceId: api.id,
    });
  };

  const servicePrincipals: GraphEntity[] = [];
  // Microsoft Graph
  servicePrincipals.push(
    servicePrincipalWire({
      id: GRAPH_SP_ID,
      appId: GRAPH_APP_ID,
      displayName: "Microsoft Graph",
      appDisplayName: "Microsoft Graph",
      appOwnerOrganizationId: MICROSOFT_TENANT_ID,
      servicePrincipalType: "Application",
      signInAudience: "AzureADMultipleOrgs",
      createdDateTime: at(-2500),
      servicePrincipalNames: [
        GRAPH_APP_ID,
        "https://graph.microsoft.com",
        "https://graph.microsoft.com/",
        "https://canary.graph.microsoft.com",
        "https://ags.windows.net",
        "https://dod-graph.microsoft.us",
        "https://graph.microsoft.us",
      ],
      appRoles: DEMO_GRAPH_APP_ROLES.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
      oauth2PermissionScopes: GRAPH_DELEGATED_SCOPES.map((s) => ({ ...s })),
    }),
  );
  // Exchange Online and SharePoint Online: each defines its own app roles on its service principal
  for (const api of Object.values(RESOURCE_APIS)) {
    servicePrincipals.push(
      servicePrincipalWire({
        id: api.id,
        appId: api.appId,
        displayName: api.displayName,
        appDisplayName: api.displayName,
        appOwnerOrganizationId: MICROSOFT_TENANT_ID,
        servicePrincipalType: "Application",
        signInAudience: "AzureADMultipleOrgs",
        createdDateTime: at(-2500),
        servicePrincipalNames: [api.appId],
        appRoles: api.roles.map((r) => ({ ...r })),
      }),
    );
  }
  // first-party app registrations
  for (const a of APPS) {
    if (a.noServicePrincipal) continue;
    const spId = appSpId(a.key);
    // SAML single sign-on (addTokenSigningCertificate): a Sign key, a Verify key and the PFX
    // password, one customKeyIdentifier; the password shares the Sign key's keyId
    const saml = a.samlSigning;
    const verify = saml ? keyCredential(`saml:${a.key}`, saml) : null;
    const signKeyId = saml ? demoGuid(`saml-sign:${a.key}:${saml.name}`) : null;
    servicePrincipals.push(
      servicePrincipalWire({
        id: spId,
        appId: appAppId(a.key),
        displayName: a.displayName,
        appDisplayName: a.displayName,
        appOwnerOrganizationId: DEMO_TENANT_ID,
        servicePrincipalType: "Application",
        signInAudience: a.audience ?? "AzureADMyOrg",
        createdDateTime: at(-(a.createdDaysAgo - 1)),
        servicePrincipalNames: [appAppId(a.key)],
        tags: ["WindowsAzureActiveDirectoryIntegratedApp"],
        preferredSingleSignOnMode: saml ? "saml" : null,
        keyCredentials:
          saml && verify && signKeyId
            ? [{ ...verify, keyId: signKeyId, usage: "Sign" }, verify]
            : (a.spCerts ?? []).map((c) => keyCredential(`sp:${a.key}`, c)),
        passwordCredentials:
          saml && signKeyId
            ? [
                passwordCredentialWire({
                  customKeyIdentifier: thumbprint(`saml:${a.key}:${saml.name}`),
                  displayName: saml.name,
                  endDateTime: windowEnd(saml),
                  hint: null,
                  keyId: signKeyId,
                  startDateTime: at(saml.start),
                }),
              ]
            : (a.spSecrets ?? []).map((c) => passwordCredential(`sp:${a.key}`, c)),
        owners: (a.owners ?? []).map(userId),
        appRoleAssignments: [
          ...(a.graphAppRoles ?? []).map((v) => appRoleAssignment(spId, a.displayName, v, a.createdDaysAgo - 2)),
          ...(a.resourceAppRoles ?? []).map((r) =>
            resourceAppRoleAssignment(spId, a.displayName, r, a.createdDaysAgo - 2),
          ),
        ],
      }),
    );
  }
  // third-party multi-tenant apps
  for (const t of THIRD_PARTY) {
    const spId = demoGuid(`sp:3p:${t.key}`);
    servicePrincipals.push(
      servicePrincipalWire({
        id: spId,
        appId: demoGuid(`appid:3p:${t.key}`),
        displayName: t.displayName,
        appDisplayName: t.displayName,
        appOwnerOrganizationId: t.ownerTenant,
        servicePrincipalType: "Application",
        signInAudience: "AzureADMultipleOrgs",
        createdDateTime: at(-400),
        servicePrincipalNames: [demoGuid(`appid:3p:${t.key}`)],
        tags: ["WindowsAzureActiveDirectoryIntegratedApp"],
        homepage: `https://www.${t.key}.example`,
        publisherName: t.publisher,
        verifiedPublisher: {
          displayName: t.publisher,
          verifiedPublisherId: String(4_000_000 + (parseInt(spId.slice(0, 5), 16) % 1_000_000)),
          addedDateTime: at(-900),
        },
        appRoleAssignments: (t.graphAppRoles ?? []).map((v) => appRoleAssignment(spId, t.displayName, v, 390)),
      }),
    );
  }
  // managed identities: system-assigned per workload, and user-assigned identity resources
  const managedIdentitySp = (
    principalId: string,
    clientId: string,
    displayName: string,
    explicit: boolean,
    spn: string,
    r: ResourceSpec,
    createdDaysAgo: number,
  ) =>
    servicePrincipalWire({
      id: principalId,
      appId: clientId,
      displayName,
      appDisplayName: displayName,
      appOwnerOrganizationId: null,
      servicePrincipalType: "ManagedIdentity",
      signInAudience: "AzureADMyOrg",
      createdDateTime: at(-createdDaysAgo),
      alternativeNames: [`isExplicit=${explicit ? "True" : "False"}`, resourceIdOf(r)],
      servicePrincipalNames: [clientId, `https://identity.azure.net/${opaqueId(spn)}=`],
    });
  for (const r of RESOURCES) {
    const id = r.identity;
    if (id && (id.kind === "SystemAssigned" || id.kind === "Both")) {
      servicePrincipals.push(
        managedIdentitySp(
          miPrincipalId(r.name),
          miAppId(r.name),
          r.name.replace("/", "/slots/"),
          false,
          `mi-spn:${r.name}`,
          r,
          400,
        ),
      );
    }
    if (r.type === "Microsoft.ManagedIdentity/userAssignedIdentities") {
      servicePrincipals.push(
        managedIdentitySp(uaiPrincipalId(r.name), uaiClientId(r.name), r.name, true, `uai-spn:${r.name}`, r, 500),
      );
    }
  }

  const clientSpId = (c: DelegatedSpec["client"]) => ("app" in c ? appSpId(c.app) : demoGuid(`sp:3p:${c.thirdParty}`));
  const oauth2PermissionGrants: GraphEntity[] = DELEGATED.map((g) =>
    oauth2PermissionGrantWire({
      id: opaqueId(`grant:${clientSpId(g.client)}:${g.consentType}:${g.principal ?? ""}`),
      clientId: clientSpId(g.client),
      principalId: g.principal ? userId(g.principal) : null,
      resourceId: GRAPH_SP_ID,
      scope: g.scope,
    }),
  );

  const directoryRoleAssignments: GraphEntity[] = DIRECTORY_ROLE_ASSIGNMENTS.map((d) => {
    const principalId = "user" in d.who ? userId(d.who.user) : appSpId(d.who.app);
    return directoryRoleAssignmentWire(
      opaqueId(`dra:${d.role}:${principalId}`),
      principalId,
      DIRECTORY_ROLES[d.role].id,
    );
  });
  const directoryRoleDefinitions: GraphEntity[] = Object.values(DIRECTORY_ROLES).map((r) =>
    directoryRoleDefinitionWire(r.id, r.description),
  );

  // sanity: every app referenced by name exists (a typo would silently drop a finding)
  for (const a of ASSIGNMENTS) if ("app" in a.who) appSpec(a.who.app);
  for (const g of DELEGATED) if ("app" in g.client) appSpec(g.client.app);
  for (const d of DIRECTORY_ROLE_ASSIGNMENTS) if ("app" in d.who) appSpec(d.who.app);

  const fixture: TenantFixture = {
    format: "azaudit-tenant-fixture/v1",
    tenant: { id: DEMO_TENANT_ID, displayName: "Contoso Logistics", defaultDomain: DOMAIN },
    // The demo scan signs in as the security team's scanner: its Reader role is what the README asks for.
    scanner: { objectId: appSpId("security-scanner-readonly") },
    managementGroups,
    subscriptions,
    roleDefinitions,
    roleAssignments,
    resources,
    defender,
    graph: {
      applications,
      servicePrincipals,
      users,
      groups,
      oauth2PermissionGrants,
      directoryRoleAssignments,
      directoryRoleDefinitions,
    },
  };
  // privilege through nested groups, PIM eligibility and constrained delegation (src/demo/privilege.ts)
  addPrivilegeShowcase(fixture, {
    userId,
    groupId,
    appSpId,
    demoGuid,
    subScope,
    at,
    ownerRoleId: ROLE.owner,
    userAccessAdministratorRoleId: ROLE.uaa,
    rbacAdministratorRoleId: ROLE.rbacAdmin,
    globalAdministratorRoleId: DIRECTORY_ROLES.globalAdministrator.id,
  });
  // Contoso has Entra ID P1: the credential activity report answers.
  return {
    ...fixture,
    reports: { premiumLicence: true, appCredentialSignInActivities: demoCredentialActivity(fixture, now) },
  };
}
