import type { FederationCounts, FederationInfo } from "./federation.ts";
// Types for the tenant fixture (azaudit-tenant-fixture/v1) and the emulator's options.
// Fixture objects are kept as wire-shaped JSON: the emulator serves them as stored, so only
// the fields it must reason about (ids, scopes, parents) are typed; the rest stays open.

import type { CloudName } from "../collectors/clouds.ts";
import type { ArmReadBucket, ResourceGraphQuota } from "./arm-throttle.ts";
import type { GraphBudget } from "./graph-throttle.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ArmManagementGroup extends JsonObject {
  id: string;
  type: string;
  name: string;
  properties: JsonObject & {
    tenantId?: string;
    displayName?: string;
    details?: JsonObject & { parent?: (JsonObject & { id?: string; name?: string; displayName?: string }) | null };
  };
}

export interface ArmSubscription extends JsonObject {
  id: string;
  subscriptionId: string;
  displayName: string;
  state: string;
  /** fixture-only link to the management group name; stripped before serving */
  managementGroup: string;
  // also, open: `tenantId` (wire field, the home tenant; another tenant's for Azure Lighthouse)
  // and the fixture-only `unregisteredProviders` (namespaces not registered, stripped before serving)
}

export interface ArmRoleDefinition extends JsonObject {
  id: string;
  name: string;
  type: string;
  properties: JsonObject & {
    roleName: string;
    type: string;
    assignableScopes: string[];
  };
}

export interface ArmRoleAssignment extends JsonObject {
  id: string;
  name: string;
  type: string;
  properties: JsonObject & {
    scope: string;
    principalId: string;
    roleDefinitionId: string;
    principalType?: string;
  };
}

export interface ArmRoleEligibility extends JsonObject {
  id: string;
  name: string;
  type: string;
  properties: JsonObject & {
    scope: string;
    principalId: string;
    roleDefinitionId: string;
  };
}

export interface ArmResource extends JsonObject {
  id: string;
  name: string;
  type: string;
}

export interface DefenderData {
  pricings?: JsonObject[];
  assessments?: JsonObject[];
  secureScores?: JsonObject[];
}

export interface GraphEntity extends JsonObject {
  id: string;
}

export interface TenantFixture {
  format: "azaudit-tenant-fixture/v1";
  tenant: { id: string; displayName: string; defaultDomain: string };
  /** The identity the emulator's tokens are issued to (their `oid`): the scanner's service principal. */
  scanner?: { objectId: string };
  managementGroups: ArmManagementGroup[];
  subscriptions: ArmSubscription[];
  roleDefinitions: ArmRoleDefinition[];
  roleAssignments: ArmRoleAssignment[];
  resources: ArmResource[];
  defender?: Record<string, DefenderData>;
  /** ARM PIM eligible role assignments (roleEligibilityScheduleInstances), in the wire shape */
  roleEligibilityScheduleInstances?: ArmRoleEligibility[];
  /**
   * fixture-only: false for a tenant without Microsoft Entra ID P2, whose PIM lists answer
   * 400 AadPremiumLicenseRequired; absent or true, they answer from the fixture
   */
  entraIdP2?: boolean;
  /**
   * Entra usage reports (Graph beta `reports/…`). Absent, or `premiumLicence: false`: a tenant
   * without an Entra ID P1/P2 licence, which Graph answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant.
   */
  reports?: { premiumLicence: boolean; appCredentialSignInActivities?: JsonObject[] };
  graph: {
    applications: GraphEntity[];
    servicePrincipals: GraphEntity[];
    users: GraphEntity[];
    groups: GraphEntity[];
    oauth2PermissionGrants: GraphEntity[];
    directoryRoleAssignments: GraphEntity[];
    directoryRoleDefinitions?: GraphEntity[];
    /** Entra PIM eligible role assignments (unifiedRoleEligibilityScheduleInstance) */
    directoryRoleEligibilityScheduleInstances?: GraphEntity[];
  };
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** items per page for ARM and Graph lists; Graph `$top` below it still wins */
  pageSize?: number;
  /** delay added to every request */
  latencyMs?: number;
  /** max concurrent in-flight API requests; beyond that the emulator answers 429 */
  rateLimit?: number;
  /** value of Retry-After on 429 answers (default 1) */
  retryAfterSeconds?: number;
  /** probability 0..1 that an API request fails (500/503, reset, truncated body) */
  faultRate?: number;
  /**
   * Scopes answering 403 at and under them, by path prefix: ARM scopes (`/subscriptions/<id>`,
   * `/providers/Microsoft.Management/managementGroups/<name>`, `/`) answer ARM's
   * AuthorizationFailed; Graph paths (`/v1.0/applications`, `/v1.0/roleManagement/directory`)
   * answer Graph's Authorization_RequestDenied, inside `$batch` sub-requests too. A management
   * group entry does not cover its subscriptions' paths.
   */
  denyScopes?: string[];
  /**
   * ARM's documented read throttling: a token bucket per subscription and one for the tenant
   * (DOCUMENTED_ARM_READ_BUCKET: 250, refilled 25/s), with x-ms-ratelimit-remaining-* headers
   * and 429 + Retry-After when empty. Off when absent.
   */
  armReadBucket?: ArmReadBucket;
  /** Resource Graph's per-user query quota (DOCUMENTED_RESOURCE_GRAPH_QUOTA: 15 per 5 s), with its headers; off when absent */
  resourceGraphQuota?: ResourceGraphQuota;
  /**
   * Graph's identity and access throttling: resource units per application+tenant pair
   * (documentedGraphBudget: 3,500 / 5,000 / 8,000 per 10 s by tenant size), each request costed as
   * documented, `$batch` sub-requests one by one; 429 + Retry-After beyond. Off when absent.
   */
  graphBudget?: GraphBudget;
  /** probability 0..1 that a `$batch` sub-request answers 429 (with Retry-After) or 503 inside the batch */
  batchFaultRate?: number;
  /** which cloud's token audiences the emulator issues and accepts (default AzureCloud) */
  cloud?: CloudName;
  /** subscriptions Azure Resource Graph leaves out of its answers, without an error */
  resourceGraphOmits?: string[];
  /** seed for the fault sequence */
  seed?: number;
  /**
   * Lifetime of the access tokens and GitHub OIDC tokens the federation endpoints issue
   * (default 3600); short, a scan has to renew them to finish.
   */
  tokenLifetimeSeconds?: number;
  /** log requests (never tokens) to this sink */
  log?: (line: string) => void;
}

export interface EmulatorStats {
  total: number;
  throttled: number;
  faults: number;
  denied: number;
  unauthorized: number;
  byRoute: Record<string, number>;
  /** 429 answers by route; `$batch` sub-requests are keyed `<route> (in $batch)` */
  throttledByRoute: Record<string, number>;
}

export interface EmulatorEnv {
  AZAUDIT_ARM_ENDPOINT: string;
  AZAUDIT_GRAPH_ENDPOINT: string;
  NODE_EXTRA_CA_CERTS: string;
  IDENTITY_ENDPOINT: string;
  IDENTITY_HEADER: string;
  /** restricts DefaultAzureCredential to the managed identity source, so a developer's own
   *  AZURE_CLIENT_SECRET or az login is never tried against the emulator */
  AZURE_TOKEN_CREDENTIALS: string;
}

export interface RunningEmulator {
  port: number;
  /** https://127.0.0.1:PORT */
  url: string;
  env: EmulatorEnv;
  caPem: string;
  stats(): EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
  /**
   * GitHub OIDC and an Entra authority for workload identity federation: the variables a GitHub
   * job has (see federation.ts). Not in `env`, so the demo and tests sign in as a managed identity.
   */
  federation: FederationInfo;
  federationStats(): FederationCounts;
}
