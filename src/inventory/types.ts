// THE contract between collection and judgement. Collectors fill it, rules read it,
// snapshots persist it. Change it only with a schemaVersion bump and a loader migration.

export const INVENTORY_SCHEMA_VERSION = 1 as const;

/** A part of the tenant azaudit could not see inside a section that is otherwise collected. */
export interface CoverageGap {
  /** ARM scope or Graph collection that was denied or failed, e.g. `/subscriptions/<id>`. */
  scope: string;
  reason: string;
  /** The read permission that would have allowed it, when the failure says so. */
  missingPermission?: string;
}

/**
 * A scope azaudit read (or left out on purpose) whose data is complete but worth naming in the
 * coverage: a subscription managed from another tenant and excluded, a subscription where
 * Microsoft.Security is not registered. Unlike a gap it does not make the scan incomplete.
 */
export interface CoverageNote {
  scope: string;
  reason: string;
}

export interface SectionOk<T> {
  status: "ok";
  items: T[];
  /** Present when part of the section could not be read: the scan is then incomplete. */
  gaps?: CoverageGap[];
  /** Present when a scope was excluded or answered "not there" in a way that is itself data. */
  notes?: CoverageNote[];
}

export interface SectionUnavailable {
  status: "unavailable";
  reason: string;
  missingPermission?: string;
}

/** A 403 or a failed collector is unavailable, never an empty list. */
export type Section<T> = SectionOk<T> | SectionUnavailable;

export interface Tenant {
  id: string;
  displayName: string;
  defaultDomain: string | null;
}

export interface ManagementGroup {
  /** `/providers/Microsoft.Management/managementGroups/<name>` */
  id: string;
  name: string;
  displayName: string;
  /** Parent management group id, null for the tenant root group. */
  parentId: string | null;
}

export interface Subscription {
  /** `/subscriptions/<guid>` */
  id: string;
  subscriptionId: string;
  displayName: string;
  state: string;
  /** Management group id the subscription sits under, null when unknown. */
  managementGroupId: string | null;
  tags: Record<string, string>;
  /** The subscription's home tenant, when ARM says; another tenant's means Azure Lighthouse. */
  tenantId?: string | null;
}

export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinition {
  /** The ARM id as listed (scoped variants of one role share `name`). */
  id: string;
  /** The role definition GUID: the stable key rules match on. */
  name: string;
  roleName: string;
  /** "BuiltInRole" or "CustomRole" as ARM lists it; any other value is kept as given. */
  roleType: string;
  description: string | null;
  assignableScopes: string[];
  permissions: RolePermission[];
}

export type ScopeLevel = "root" | "managementGroup" | "subscription" | "resourceGroup" | "resource";

export interface RoleAssignment {
  id: string;
  name: string;
  scope: string;
  scopeLevel: ScopeLevel;
  /** Set for subscription, resource group and resource scopes. */
  subscriptionId: string | null;
  /** Full ARM id as returned by the API. */
  roleDefinitionId: string;
  /** Lowercased GUID at the end of roleDefinitionId. */
  roleDefinitionName: string;
  principalId: string;
  principalType: string;
  condition: string | null;
  /** The condition language version (`2.0`); absent in snapshots written before azaudit kept it. */
  conditionVersion?: string | null;
  createdOn: string | null;
}

/**
 * A PIM eligible Azure role assignment (an ARM roleEligibilityScheduleInstance): the principal may
 * activate the role, it does not hold it now.
 */
export interface RoleEligibility {
  id: string;
  scope: string;
  scopeLevel: ScopeLevel;
  subscriptionId: string | null;
  roleDefinitionId: string;
  /** Lowercased GUID at the end of roleDefinitionId. */
  roleDefinitionName: string;
  principalId: string;
  principalType: string;
  /** `Direct`, `Group` (through a group's eligibility) or `Inherited` (from a parent scope). */
  memberType: string | null;
  condition: string | null;
  conditionVersion: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

/** A PIM eligible Entra role assignment (roleManagement/directory/roleEligibilityScheduleInstances). */
export interface DirectoryRoleEligibility {
  id: string;
  principalId: string;
  /** Role template id (built-in roles) or custom role definition id. */
  roleDefinitionId: string;
  roleDisplayName: string | null;
  directoryScopeId: string;
  memberType: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

/** A direct member of a group, with the kind of object it is. */
export interface GroupMember {
  id: string;
  type: PrincipalType;
}

/**
 * A group that holds a role or permission, or sits inside one that does, with its direct members.
 * Transitive membership (with the path) is derived from these lists; cycles are possible.
 */
export interface Group {
  id: string;
  displayName: string | null;
  /** Role-assignable (only those can hold Entra roles); null when Graph did not say. */
  isAssignableToRole: boolean | null;
  /** Direct members; null when they could not be read (a gap names the group). */
  members: GroupMember[] | null;
}

export type PrincipalType = "user" | "group" | "servicePrincipal" | "unknown";

/** Every principal an assignment, a grant or an app registration's owner list names, resolved against the directory. */
export interface Principal {
  id: string;
  /** false when the directory no longer has the object (deleted) or never had it. */
  found: boolean;
  type: PrincipalType;
  displayName: string | null;
  /** Users only: `Member` or `Guest`. */
  userType: string | null;
  accountEnabled: boolean | null;
  /** Service principals only: Application, ManagedIdentity, Legacy, SocialIdp. */
  servicePrincipalType: string | null;
  userPrincipalName: string | null;
}

/**
 * A client secret's metadata. Graph's `hint` (the secret's first characters) is deliberately not
 * here: part of a live secret never enters the inventory, a report, a log or a snapshot.
 */
export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

export interface KeyCredential {
  keyId: string;
  displayName: string | null;
  type: string | null;
  usage: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  /**
   * Graph's customKeyIdentifier (base64; the certificate thumbprint for certificates Entra makes):
   * what ties a SAML signing certificate's Sign and Verify keys together. Absent in snapshots
   * written before azaudit collected it.
   */
  customKeyIdentifier?: string | null;
}

export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string | null;
  audiences: string[];
}

export interface Application {
  /** Object id. */
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string | null;
  signInAudience: string | null;
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  /** null when the sub-collection could not be read for this app. */
  federatedIdentityCredentials: FederatedIdentityCredential[] | null;
  /** Owner object ids; null when the sub-collection could not be read. */
  owners: string[] | null;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  servicePrincipalType: string | null;
  accountEnabled: boolean | null;
  appOwnerOrganizationId: string | null;
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  alternativeNames: string[];
  /** Managed identities: the ARM id of the resource (system-assigned) or identity resource (user-assigned). */
  managedIdentityResourceId: string | null;
  /**
   * `saml`, `password`, `oidc`, `notSupported` or null: the single sign-on mode an enterprise app is
   * set up for. Absent in snapshots written before azaudit collected it.
   */
  preferredSingleSignOnMode?: string | null;
}

/** An application permission (app role) granted to a service principal, resolved to its name. */
export interface AppPermissionGrant {
  id: string;
  /** The service principal holding the permission. */
  principalId: string;
  principalDisplayName: string | null;
  /** The resource service principal (e.g. Microsoft Graph's) object id. */
  resourceId: string;
  resourceAppId: string | null;
  resourceDisplayName: string | null;
  appRoleId: string;
  /** The permission value, e.g. `RoleManagement.ReadWrite.Directory`; null when unresolved. */
  permission: string | null;
  createdDateTime: string | null;
}

export interface DelegatedGrant {
  id: string;
  /** Client service principal object id. */
  clientId: string;
  /** "AllPrincipals" (admin consent for everyone) or "Principal" (one user); others kept as given. */
  consentType: string;
  principalId: string | null;
  resourceId: string;
  resourceAppId: string | null;
  scopes: string[];
}

export interface DirectoryRoleAssignment {
  id: string;
  principalId: string;
  /** Role template id (built-in roles) or custom role definition id. */
  roleDefinitionId: string;
  roleDisplayName: string | null;
  directoryScopeId: string;
}

export interface UserAssignedIdentityRef {
  principalId: string | null;
  clientId: string | null;
}

export interface ResourceIdentity {
  /** As ARM returns it: `SystemAssigned`, `UserAssigned`, `SystemAssigned, UserAssigned`, `None`… */
  type: string;
  principalId: string | null;
  tenantId: string | null;
  userAssignedIdentities: Record<string, UserAssignedIdentityRef>;
}

/** An ARM resource that runs code or holds an identity (workloads and user-assigned identities). */
export interface Workload {
  id: string;
  name: string;
  type: string;
  kind: string | null;
  location: string | null;
  subscriptionId: string;
  resourceGroup: string;
  tags: Record<string, string>;
  /** null when ARM returned no identity block at all. */
  identity: ResourceIdentity | null;
  /**
   * The `managedBy` of the workload's resource group: the AKS cluster, Databricks workspace or other
   * service that owns a managed resource group and everything in it. null for a customer's own
   * group; absent in snapshots written before azaudit collected it.
   */
  resourceGroupManagedBy?: string | null;
}

export interface DefenderPricing {
  name: string;
  pricingTier: string;
  subPlan: string | null;
}

export interface DefenderAssessment {
  id: string;
  /** The assessment key (GUID of the recommendation). */
  name: string;
  displayName: string;
  statusCode: string;
  statusCause: string | null;
  statusDescription: string | null;
  resourceId: string | null;
  severity: string | null;
}

export interface DefenderSecureScore {
  name: string;
  displayName: string | null;
  current: number | null;
  max: number | null;
  percentage: number | null;
}

export interface DefenderSubscription {
  subscriptionId: string;
  /** false when Microsoft.Security is not registered on the subscription: Defender is off there. */
  securityProviderRegistered?: boolean;
  pricings: DefenderPricing[];
  assessments: DefenderAssessment[];
  secureScores: DefenderSecureScore[];
}

/**
 * When a credential of an app registration or service principal last signed in, from Microsoft
 * Graph's application credential activity report (beta, Entra ID P1/P2, AuditLog.Read.All). A
 * credential the report does not list has no sign-in on record.
 */
export interface CredentialSignIn {
  keyId: string;
  appId: string | null;
  /** `application` or `servicePrincipal`: the object that holds the credential. */
  credentialOrigin: string | null;
  /** `secret` or `certificate`, as the report says. */
  keyType: string | null;
  lastSignInDateTime: string | null;
}

export type InventorySource = "live" | "snapshot" | "az-export" | "demo";

/** Who made an `az` export and when, so a report built from it can cite it. */
export interface ExportProvenance {
  /** ISO 8601: when the export was made. */
  madeAt: string;
  /** Where madeAt comes from: the stamp the export script writes, or the newest file's time. */
  madeAtFrom: "stamp" | "file times";
  /** The account that ran the commands (`az account show`'s user.name); null when unknown. */
  madeBy: string | null;
  /** `az version`'s azure-cli version, when the stamp records it. */
  azVersion: string | null;
}

export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  /** ISO 8601; rules judge time against this, never the wall clock. */
  collectedAt: string;
  source: {
    kind: InventorySource;
    cloud: string | null;
    tool: string;
    /** set only for kind "az-export" */
    export?: ExportProvenance;
    /**
     * The object id (`oid` claim of its ARM access token) of the identity that collected it, so
     * rules can tell the scanner's own Reader role from anyone else's. Absent in snapshots written
     * before azaudit recorded it; null when the token named none.
     */
    scannerObjectId?: string | null;
  };
  tenant: Section<Tenant>;
  managementGroups: Section<ManagementGroup>;
  subscriptions: Section<Subscription>;
  roleDefinitions: Section<RoleDefinition>;
  roleAssignments: Section<RoleAssignment>;
  principals: Section<Principal>;
  applications: Section<Application>;
  servicePrincipals: Section<ServicePrincipal>;
  appPermissionGrants: Section<AppPermissionGrant>;
  delegatedGrants: Section<DelegatedGrant>;
  directoryRoleAssignments: Section<DirectoryRoleAssignment>;
  workloads: Section<Workload>;
  defender: Section<DefenderSubscription>;
  /**
   * The groups that hold privilege, and their nested groups, with members. Absent from snapshots
   * and az exports made before azaudit collected them: privilege held through a group is then unseen.
   */
  groups?: Section<Group>;
  /** PIM eligible Azure role assignments; absent as `groups` is. */
  roleEligibilities?: Section<RoleEligibility>;
  /** PIM eligible Entra role assignments; absent as `groups` is. */
  directoryRoleEligibilities?: Section<DirectoryRoleEligibility>;
  /**
   * When each app credential last signed in. Supplementary: absent when not asked (snapshots and exports without it), unavailable when Graph
   * refused (no licence, no permission). Never makes the scan incomplete; the rules that need it
   * are skipped with its reason.
   */
  credentialSignIns?: Section<CredentialSignIn>;
}

export const SECTION_NAMES = [
  "tenant",
  "managementGroups",
  "subscriptions",
  "roleDefinitions",
  "roleAssignments",
  "principals",
  "applications",
  "servicePrincipals",
  "appPermissionGrants",
  "delegatedGrants",
  "directoryRoleAssignments",
  "workloads",
  "defender",
] as const;

export type SectionName = (typeof SECTION_NAMES)[number];

/** Sections an inventory may lack (older snapshots, az exports): absent is "not collected by this source". */
export const OPTIONAL_SECTION_NAMES = ["groups", "roleEligibilities", "directoryRoleEligibilities"] as const;

export type OptionalSectionName = (typeof OPTIONAL_SECTION_NAMES)[number];

/** The item type each optional section holds. */
export type OptionalSectionItem<N extends OptionalSectionName> =
  NonNullable<Inventory[N]> extends Section<infer T> ? T : never;

/**
 * Sections a scan may go without, not even as a gap: absent or unavailable is a note, and the
 * rules that need them (meta.requiresOptional) are skipped with the reason.
 */
export const SUPPLEMENTARY_SECTION_NAMES = ["credentialSignIns"] as const;
export type SupplementarySectionName = (typeof SUPPLEMENTARY_SECTION_NAMES)[number];

/** The item type each section holds, for generic code over sections. */
export type SectionItem<N extends SectionName> = Inventory[N] extends Section<infer T> ? T : never;
