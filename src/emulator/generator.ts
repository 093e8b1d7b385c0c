// Synthetic tenants of any size from a seed (`--generate SPEC`). Everything random comes from one
// seeded PRNG and every date from the spec's `now`, so a spec always yields byte-identical JSON.
import { mulberry32 } from "./knobs.ts";
import { BUILTIN_ROLE_DEFINITIONS, GRAPH_APP_ID, GRAPH_APP_ROLE, GRAPH_APP_ROLES, ROLE } from "./refdata.ts";
import type {
  ArmManagementGroup,
  ArmResource,
  ArmRoleAssignment,
  ArmRoleDefinition,
  ArmSubscription,
  GraphEntity,
  JsonObject,
  TenantFixture,
} from "./types.ts";
import { resourceGroupScope, resourceId, subscriptionScope } from "../arm/resource-id.ts";
import { appRoleAssignmentWire } from "./wire/app-role-assignment.ts";
import { applicationWire } from "./wire/application.ts";
import { customRoleDefinitionWire } from "./wire/custom-role-definition.ts";
import { directoryRoleAssignmentWire } from "./wire/directory-role-assignment.ts";
import { directoryRoleDefinitionWire } from "./wire/directory-role-definition.ts";
import { federatedIdentityCredentialWire, GITHUB_ACTIONS_ISSUER } from "./wire/federated-identity-credential.ts";
import { securityGroupWire } from "./wire/group.ts";
import { keyCredentialWire } from "./wire/key-credential.ts";
import { managementGroupWire } from "./wire/management-group.ts";
import { oauth2PermissionGrantWire } from "./wire/oauth2-permission-grant.ts";
import { passwordCredentialWire } from "./wire/password-credential.ts";
import { pricingWire } from "./wire/pricing.ts";
import {
  resourceIdentityWire,
  type UserAssignedIdentityRef,
  userAssignedIdentityPropertiesWire,
} from "./wire/resource-identity.ts";
import { roleAssignmentWire } from "./wire/role-assignment.ts";
import { secureScoreWire } from "./wire/secure-score.ts";
import { userWire } from "./wire/user.ts";
import { securityAssessmentWire } from "./wire/security-assessment.ts";
import { servicePrincipalWire } from "./wire/service-principal.ts";
import { subscriptionWire } from "./wire/subscription.ts";
import { IDENTITY_ASSESSMENTS } from "../classification/defender-assessments.ts";
import { MICROSOFT_SERVICES_TENANT_ID } from "../classification/microsoft-tenants.ts";

export interface GenerateSpec {
  seed: number;
  apps: number;
  subscriptions: number;
  managementGroups: number;
  users: number;
  groups: number;
  assignmentsPerSubscription: number;
  workloadsPerSubscription: number;
  resourceGroupsPerSubscription: number;
  /** reference date for credential lifetimes (ISO); fixed so output does not drift with the clock */
  now: string;
}

/** documented in `azaudit emulator --help` */
export const GENERATE_SPEC_KEYS: Record<keyof GenerateSpec, string> = {
  seed: "PRNG seed (default 1)",
  apps: "app registrations, each with a service principal (default 50)",
  subscriptions: "subscriptions (default 3)",
  managementGroups: "management groups below the tenant root group (default max(2, subscriptions/5))",
  users: "users, ~5% guests and ~5% disabled (default 20)",
  groups: "security groups (default 5)",
  assignmentsPerSubscription:
    "role assignments per subscription, spread over the subscription, its resource groups and resources (default 20)",
  workloadsPerSubscription: "workload resources per subscription, ~65% with a managed identity (default 10)",
  resourceGroupsPerSubscription: "resource groups per subscription (default 3)",
  now: "reference date for credential lifetimes, ISO 8601 (default 2026-09-01T00:00:00Z)",
};

const DEFAULTS: Omit<GenerateSpec, "managementGroups"> = {
  seed: 1,
  apps: 50,
  subscriptions: 3,
  users: 20,
  groups: 5,
  assignmentsPerSubscription: 20,
  workloadsPerSubscription: 10,
  resourceGroupsPerSubscription: 3,
  now: "2026-09-01T00:00:00Z",
};

const MAX: Partial<Record<keyof GenerateSpec, number>> = {
  apps: 500_000,
  subscriptions: 5_000,
  users: 500_000,
  groups: 100_000,
  assignmentsPerSubscription: 100_000,
  workloadsPerSubscription: 100_000,
};

export class GenerateSpecError extends Error {}

export function parseGenerateSpec(text: string): GenerateSpec {
  const raw: Record<string, string> = {};
  for (const part of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf("=");
    if (eq < 0) throw new GenerateSpecError(`"${part}" is not key=value; e.g. apps=2000,subscriptions=20,seed=7`);
    const key = part.slice(0, eq).trim();
    if (!(key in GENERATE_SPEC_KEYS))
      throw new GenerateSpecError(`unknown key "${key}"; known keys: ${Object.keys(GENERATE_SPEC_KEYS).join(", ")}`);
    raw[key] = part.slice(eq + 1).trim();
  }
  const out: Record<string, number | string> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(raw)) {
    if (k === "now") {
      if (Number.isNaN(Date.parse(v)) || !/^\d{4}-\d{2}-\d{2}/.test(v))
        throw new GenerateSpecError(`now must be an ISO date such as 2026-09-01T00:00:00Z, got "${v}"`);
      out.now = new Date(v).toISOString();
      continue;
    }
    const n = Number(v);
    const min = k === "subscriptions" || k === "seed" ? (k === "seed" ? 0 : 1) : 0;
    if (!Number.isInteger(n) || n < min) throw new GenerateSpecError(`${k} must be an integer ≥ ${min}, got "${v}"`);
    const max = MAX[k as keyof GenerateSpec];
    if (max !== undefined && n > max) throw new GenerateSpecError(`${k} must be at most ${max}, got ${n}`);
    out[k] = n;
  }
  if (out.managementGroups === undefined) out.managementGroups = Math.max(2, Math.ceil(Number(out.subscriptions) / 5));
  return out as unknown as GenerateSpec;
}

/** An element the generator's own arithmetic guarantees; a miss is a bug in this file. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`generator: no ${what}`);
  return value;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(arr: readonly T[]): T {
    return present(arr[Math.floor(this.next() * arr.length)], "element to pick from an empty list");
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return present(items[items.length - 1], "weighted item in an empty list")[0];
  }
  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
  guid(): string {
    const variant = "89ab".charAt(Math.floor(this.next() * 4));
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const WORDS = [
  "billing",
  "orders",
  "payments",
  "search",
  "identity",
  "catalog",
  "reporting",
  "sync",
  "backup",
  "gateway",
  "ledger",
  "inventory",
  "shipping",
  "portal",
  "metrics",
  "audit",
  "notify",
  "crm",
  "hr",
  "etl",
];
const ENVS = ["prod", "dev", "test", "stage"];
const LOCATIONS = ["westeurope", "northeurope", "eastus", "eastus2", "uksouth", "swedencentral"];
const FIRST = [
  "Alex",
  "Sam",
  "Robin",
  "Kim",
  "Jordan",
  "Taylor",
  "Morgan",
  "Casey",
  "Jamie",
  "Riley",
  "Avery",
  "Quinn",
];
const LAST = [
  "Smith",
  "Jensen",
  "Garcia",
  "Nguyen",
  "Müller",
  "Rossi",
  "Kowalski",
  "Okafor",
  "Tanaka",
  "Silva",
  "Dubois",
  "Novak",
];
const DEFENDER_PLANS = [
  "VirtualMachines",
  "SqlServers",
  "AppServices",
  "StorageAccounts",
  "SqlServerVirtualMachines",
  "KeyVaults",
  "Arm",
  "OpenSourceRelationalDatabases",
  "CosmosDbs",
  "Containers",
  "CloudPosture",
  "Api",
];
/** Defender's published keys of the subscription identity recommendations each subscription gets */
const GENERATED_ASSESSMENTS = [
  "6240402e-f77c-46fa-9060-a7ce53997754", // owner accounts without MFA
  "20606e75-05c4-48c0-9d97-add6daa2109a", // guest owners
  "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e", // more than 3 owners
  "050ac097-3dda-4d24-ab6d-82568e7a50cf", // blocked owners
];
/** built-in directory roles by template id, with how many holders each gets */
const DIRECTORY_ROLES: ReadonlyArray<readonly [string, number]> = [
  ["62e90394-69f5-4237-9190-012177145e10", 2], // Global Administrator
  ["e8611ab8-c189-46e8-94e1-60213ab1f814", 1], // Privileged Role Administrator
  ["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", 3], // Application Administrator
  ["158c047a-c907-4556-b7ef-446551a6b5f7", 2], // Cloud Application Administrator
  ["fe930be7-5e62-47db-91af-98c3a49a38b1", 3], // User Administrator
  ["f2ef992c-3afb-46b9-b7cf-a126ee74c451", 3], // Global Reader
  ["5d6b6bb7-de71-4623-b4af-96380a352509", 3], // Security Reader
];

interface Principal {
  id: string;
  type: "User" | "Group" | "ServicePrincipal";
}

export function generateFixture(specOrText: GenerateSpec | string): TenantFixture {
  const spec = typeof specOrText === "string" ? parseGenerateSpec(specOrText) : specOrText;
  const rng = new Rng(spec.seed);
  const now = Date.parse(spec.now);
  const tenantId = rng.guid();
  const domain = `contoso${spec.seed}.onmicrosoft.com`;

  // management groups: the tenant root group, then a shallow tree under it
  const rootGroup = managementGroupWire(tenantId, tenantId, "Tenant Root Group", null);
  const managementGroups: ArmManagementGroup[] = [rootGroup];
  for (let i = 0; i < spec.managementGroups; i++) {
    const parent =
      i < 2 || rng.chance(0.5)
        ? rootGroup
        : present(managementGroups[rng.int(1, managementGroups.length - 1)], "management group");
    const name = `mg-${WORDS[i % WORDS.length]}-${i}`;
    managementGroups.push(
      managementGroupWire(name, tenantId, `MG ${WORDS[i % WORDS.length]} ${i}`, {
        name: parent.name,
        displayName: parent.properties.displayName ?? parent.name,
      }),
    );
  }
  const leafMgs = managementGroups.length > 1 ? managementGroups.slice(1) : managementGroups;
  const firstLeafMg = present(leafMgs[0], "management group");

  const subscriptions: ArmSubscription[] = [];
  for (let i = 0; i < spec.subscriptions; i++) {
    const id = rng.guid();
    const env = present(ENVS[i % ENVS.length], "environment");
    const managementGroup = rng.pick(leafMgs).name;
    const tags = rng.chance(0.6)
      ? { owner: `team-${rng.pick(WORDS)}`, ...(rng.chance(0.5) ? { service: rng.pick(WORDS) } : {}) }
      : null;
    const sub = subscriptionWire({
      subscriptionId: id,
      tenantId,
      displayName: `${WORDS[i % WORDS.length]}-${env}-${i}`,
      quotaId: "EnterpriseAgreement_2014-09-01",
      tags,
      managementGroup,
    });
    subscriptions.push(sub);
  }

  // role definitions: the built-ins plus one owner-equivalent and one narrow custom role
  const roleDefinitions: ArmRoleDefinition[] = [...BUILTIN_ROLE_DEFINITIONS];
  const customOwner = rng.guid();
  roleDefinitions.push(
    customRoleDefinitionWire({
      guid: customOwner,
      definedAt: "/",
      roleName: "Landing Zone Owner",
      description: "Everything in the landing zone, access management included.",
      assignableScopes: [firstLeafMg.id],
      actions: ["*"],
      createdOn: iso(now - 700 * DAY),
      updatedOn: iso(now - 200 * DAY),
      author: null,
    }),
  );
  const customNarrow = rng.guid();
  const firstSubscriptionId = present(subscriptions[0], "subscription").subscriptionId;
  roleDefinitions.push(
    customRoleDefinitionWire({
      guid: customNarrow,
      definedAt: subscriptionScope(firstSubscriptionId),
      roleName: "VM Operator",
      description: "Start, stop and read virtual machines.",
      assignableScopes: [subscriptionScope(firstSubscriptionId)],
      actions: [
        "Microsoft.Compute/virtualMachines/start/action",
        "Microsoft.Compute/virtualMachines/deallocate/action",
        "Microsoft.Compute/*/read",
      ],
      createdOn: iso(now - 400 * DAY),
      updatedOn: iso(now - 400 * DAY),
      author: null,
    }),
  );

  // users and groups
  const users: GraphEntity[] = [];
  for (let i = 0; i < spec.users; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const guest = rng.chance(0.05);
    const upnLocal = `${first}.${last}${i}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
    users.push(
      userWire({
        id: rng.guid(),
        displayName: `${first} ${last}`,
        givenName: first,
        surname: last,
        jobTitle: null,
        mail: guest ? `${upnLocal}@fabrikam.com` : `${upnLocal}@${domain}`,
        userPrincipalName: guest ? `${upnLocal}_fabrikam.com#EXT#@${domain}` : `${upnLocal}@${domain}`,
        userType: guest ? "Guest" : "Member",
        // drawn after the id
        accountEnabled: !rng.chance(0.05),
      }),
    );
  }
  const groups: GraphEntity[] = [];
  for (let i = 0; i < spec.groups; i++) {
    const members: string[] = [];
    for (let k = rng.int(0, Math.min(8, users.length)); k > 0; k--) {
      const u = rng.pick(users).id;
      if (!members.includes(u)) members.push(u);
    }
    // argument order is draw order: id, then the name's word, then the creation date
    groups.push(
      securityGroupWire({
        id: rng.guid(),
        displayName: `sg-${rng.pick(WORDS)}-${i}`,
        description: null,
        mailNickname: `sg-${i}`,
        createdDateTime: iso(now - rng.int(30, 2000) * DAY),
        members,
      }),
    );
  }

  // Microsoft Graph's own service principal carries the app roles grants point at
  const graphSpId = rng.guid();
  const servicePrincipals: GraphEntity[] = [
    servicePrincipalWire({
      id: graphSpId,
      appId: GRAPH_APP_ID,
      displayName: "Microsoft Graph",
      appDisplayName: "Microsoft Graph",
      appOwnerOrganizationId: MICROSOFT_SERVICES_TENANT_ID,
      servicePrincipalType: "Application",
      signInAudience: "AzureADMultipleOrgs",
      servicePrincipalNames: [GRAPH_APP_ID, "https://graph.microsoft.com"],
      appRoles: GRAPH_APP_ROLES,
      appRoleAssignments: [],
    }),
  ];

  const secret = (label: string): JsonObject => {
    // lifetimes like real tenants: mostly 6–24 months, some "never" (2299), some long expired
    const kind = rng.weighted([
      ["normal", 60],
      ["short", 12],
      ["never", 10],
      ["expired", 18],
    ] as const);
    let start: number;
    let end: number;
    if (kind === "never") {
      start = now - rng.int(100, 2500) * DAY;
      end = Date.parse("2299-12-31T00:00:00Z");
    } else if (kind === "expired") {
      end = now - rng.int(1, 900) * DAY;
      start = end - rng.int(90, 730) * DAY;
    } else {
      const life = kind === "short" ? rng.int(30, 180) : rng.int(180, 730);
      start = now - rng.int(0, life - 1) * DAY;
      end = start + life * DAY;
    }
    // argument order is draw order: hint, then keyId
    return passwordCredentialWire({
      displayName: label,
      endDateTime: iso(end),
      hint: rng.hex(3),
      keyId: rng.guid(),
      startDateTime: iso(start),
    });
  };
  const certificate = (label: string): JsonObject => {
    const life = rng.pick([365, 365, 730, 1095, 1825]);
    const start = now - rng.int(0, life + 200) * DAY;
    return keyCredentialWire({
      thumbprint: rng.hex(40).toUpperCase(),
      displayName: `CN=${label}`,
      endDateTime: iso(start + life * DAY),
      keyId: rng.guid(),
      startDateTime: iso(start),
    });
  };

  const applications: GraphEntity[] = [];
  const appSps: GraphEntity[] = [];
  const oauth2PermissionGrants: GraphEntity[] = [];
  const grantRoles: ReadonlyArray<readonly [string, number]> = [
    [GRAPH_APP_ROLE.userReadAll, 40],
    [GRAPH_APP_ROLE.directoryReadAll, 30],
    [GRAPH_APP_ROLE.applicationReadWriteAll, 8],
    [GRAPH_APP_ROLE.appRoleAssignmentReadWriteAll, 4],
    [GRAPH_APP_ROLE.roleManagementReadWriteDirectory, 3],
  ];
  for (let i = 0; i < spec.apps; i++) {
    const name = `${rng.pick(WORDS)}-${rng.pick(ENVS)}-${i}`;
    const appId = rng.guid();
    const passwordCredentials: JsonObject[] = [];
    for (
      let k = rng.weighted([
        [0, 25],
        [1, 55],
        [2, 20],
      ] as const);
      k > 0;
      k--
    )
      passwordCredentials.push(secret(`${name}-secret-${k}`));
    const keyCredentials: JsonObject[] = rng.chance(0.3) ? [certificate(name)] : [];
    const federatedIdentityCredentials: JsonObject[] = [];
    if (rng.chance(0.25)) {
      federatedIdentityCredentials.push(
        federatedIdentityCredentialWire({
          id: rng.guid(),
          name: `github-${rng.pick(ENVS)}`,
          issuer: GITHUB_ACTIONS_ISSUER,
          subject: `repo:contoso/${name}:environment:${rng.pick(ENVS)}`,
          description: null,
        }),
      );
    }
    const owners: string[] = [];
    if (users.length && !rng.chance(0.2)) for (let k = rng.int(1, 2); k > 0; k--) owners.push(rng.pick(users).id);
    const created = iso(now - rng.int(10, 2500) * DAY);
    applications.push(
      applicationWire({
        id: rng.guid(),
        appId,
        displayName: name,
        createdDateTime: created,
        publisherDomain: domain,
        signInAudience: "AzureADMyOrg",
        keyCredentials,
        passwordCredentials,
        federatedIdentityCredentials,
        owners: [...new Set(owners)],
      }),
    );
    const spId = rng.guid();
    const appRoleAssignments: JsonObject[] = [];
    if (rng.chance(0.15)) {
      const roles = new Set<string>();
      for (let k = rng.int(1, 2); k > 0; k--) roles.add(rng.weighted(grantRoles));
      for (const appRoleId of roles) {
        appRoleAssignments.push(
          appRoleAssignmentWire({
            id: rng.hex(43),
            appRoleId,
            createdDateTime: iso(now - rng.int(1, 900) * DAY),
            principalDisplayName: name,
            principalId: spId,
            resourceDisplayName: "Microsoft Graph",
            resourceId: graphSpId,
          }),
        );
      }
    }
    const sp = servicePrincipalWire({
      id: spId,
      appId,
      displayName: name,
      appDisplayName: name,
      appOwnerOrganizationId: tenantId,
      servicePrincipalType: "Application",
      signInAudience: "AzureADMyOrg",
      createdDateTime: created,
      servicePrincipalNames: [appId],
      tags: ["WindowsAzureActiveDirectoryIntegratedApp"],
      // a password on the SP object itself is rare and suspicious: make it rare
      passwordCredentials: rng.chance(0.02) ? [secret(`${name}-sp-secret`)] : [],
      appRoleAssignments,
    });
    appSps.push(sp);
    if (rng.chance(0.1)) {
      const all = rng.chance(0.4);
      const id = rng.hex(43);
      // Principal consent needs a user: with none, the grant is tenant-wide
      const principalId = all || !users.length ? null : rng.pick(users).id;
      const scope = rng.pick([
        "User.Read",
        "User.Read openid profile",
        "User.Read Mail.Read",
        "Directory.ReadWrite.All User.Read",
        "Files.ReadWrite.All Sites.Read.All",
      ]);
      oauth2PermissionGrants.push(
        oauth2PermissionGrantWire({ id, clientId: spId, principalId, resourceId: graphSpId, scope }),
      );
    }
  }
  servicePrincipals.push(...appSps);

  // workloads, with system- and user-assigned identities and the MI service principals behind them
  const resources: ArmResource[] = [];
  const miSps: GraphEntity[] = [];
  const miCert = (): JsonObject =>
    keyCredentialWire({
      thumbprint: rng.hex(40).toUpperCase(),
      displayName: "CN=managed identity",
      endDateTime: iso(now + 80 * DAY),
      keyId: rng.guid(),
      startDateTime: iso(now - 10 * DAY),
    });
  /** the identity's service principal, recorded in miSps; returns its object and client ids */
  const newMi = (name: string, resourceId: string, explicit: boolean): { principalId: string; clientId: string } => {
    const principalId = rng.guid();
    const clientId = rng.guid();
    const keyCredentials = [miCert()];
    miSps.push(
      servicePrincipalWire({
        id: principalId,
        appId: clientId,
        displayName: name,
        appDisplayName: null,
        appOwnerOrganizationId: null,
        servicePrincipalType: "ManagedIdentity",
        signInAudience: "AzureADMyOrg",
        alternativeNames: [`isExplicit=${explicit ? "True" : "False"}`, resourceId],
        servicePrincipalNames: [clientId, `https://identity.azure.net/${rng.hex(20)}`],
        keyCredentials,
      }),
    );
    return { principalId, clientId };
  };
  const WORKLOADS: ReadonlyArray<readonly [string, string | null, number]> = [
    ["Microsoft.Web/sites", "app,linux", 25],
    ["Microsoft.Web/sites", "functionapp,linux", 15],
    ["Microsoft.App/containerApps", null, 10],
    ["Microsoft.Compute/virtualMachines", null, 15],
    ["Microsoft.Compute/virtualMachineScaleSets", null, 5],
    ["Microsoft.ContainerService/managedClusters", null, 5],
    ["Microsoft.Logic/workflows", null, 8],
    ["Microsoft.Automation/automationAccounts", null, 5],
    ["Microsoft.DataFactory/factories", null, 4],
    ["Microsoft.Storage/storageAccounts", "StorageV2", 8],
  ];
  const rgsBySub = new Map<string, string[]>();
  const resourcesBySub = new Map<string, ArmResource[]>();
  for (const sub of subscriptions) {
    const rgs = Array.from(
      { length: Math.max(1, spec.resourceGroupsPerSubscription) },
      (_, k) => `rg-${rng.pick(WORDS)}-${k}`,
    );
    rgsBySub.set(sub.subscriptionId, rgs);
    const subRes: ArmResource[] = [];
    const uamis: UserAssignedIdentityRef[] = [];
    for (let w = 0; w < spec.workloadsPerSubscription; w++) {
      const [type, kind] = rng.weighted(WORKLOADS.map(([t, k, wt]) => [[t, k] as const, wt] as const));
      const rg = rng.pick(rgs);
      const name = `${(type.split("/")[1] ?? type).slice(0, 4).toLowerCase()}-${rng.pick(WORDS)}-${w}`;
      const id = resourceId(sub.subscriptionId, rg, type, name);
      const location = rng.pick(LOCATIONS);
      const r: ArmResource = {
        id,
        name,
        type,
        location,
        tags: rng.chance(0.5) ? { service: rng.pick(WORDS), owner: `team-${rng.pick(WORDS)}` } : {},
      };
      if (kind) r.kind = kind;
      const identityKind =
        type === "Microsoft.Storage/storageAccounts"
          ? "none"
          : rng.weighted([
              ["none", 35],
              ["system", 40],
              ["user", 15],
              ["both", 10],
            ] as const);
      if (identityKind !== "none") {
        const system = identityKind === "user" ? null : { principalId: newMi(name, id, false).principalId, tenantId };
        let userAssigned: UserAssignedIdentityRef[] | null = null;
        if (identityKind !== "system") {
          if (uamis.length === 0 || rng.chance(0.3)) {
            const uName = `id-${rng.pick(WORDS)}-${uamis.length}`;
            const uId = resourceId(sub.subscriptionId, rg, "Microsoft.ManagedIdentity/userAssignedIdentities", uName);
            const mi = newMi(uName, uId, true);
            uamis.push({ id: uId, ...mi });
            subRes.push({
              id: uId,
              name: uName,
              type: "Microsoft.ManagedIdentity/userAssignedIdentities",
              location: location,
              tags: {},
              properties: userAssignedIdentityPropertiesWire(tenantId, mi.principalId, mi.clientId),
            });
          }
          userAssigned = [rng.pick(uamis)];
        }
        const type =
          identityKind === "system"
            ? "SystemAssigned"
            : identityKind === "user"
              ? "UserAssigned"
              : "SystemAssigned, UserAssigned";
        r.identity = resourceIdentityWire(type, system, userAssigned);
      }
      subRes.push(r);
    }
    resourcesBySub.set(sub.subscriptionId, subRes);
    resources.push(...subRes);
  }
  servicePrincipals.push(...miSps);

  // role assignments at every level
  const spPrincipals: Principal[] = [...appSps, ...miSps].map((s) => ({ id: s.id, type: "ServicePrincipal" }));
  const userPrincipals: Principal[] = users.map((u) => ({ id: u.id, type: "User" }));
  const groupPrincipals: Principal[] = groups.map((g) => ({ id: g.id, type: "Group" }));
  const pickPrincipal = (): Principal => {
    if (rng.chance(0.02)) return { id: rng.guid(), type: "User" }; // deleted since: orphaned
    const pool = rng.weighted([
      [userPrincipals, 40],
      [groupPrincipals, 20],
      [spPrincipals, 40],
    ] as const);
    return pool.length
      ? rng.pick(pool)
      : rng.pick(
          userPrincipals.length
            ? userPrincipals
            : spPrincipals.length
              ? spPrincipals
              : [{ id: rng.guid(), type: "User" as const }],
        );
  };
  const roleWeights: ReadonlyArray<readonly [string, number]> = [
    [ROLE.reader, 35],
    [ROLE.contributor, 25],
    [ROLE.owner, 10],
    [ROLE.userAccessAdministrator, 4],
    [ROLE.rbacAdministrator, 3],
    ...BUILTIN_ROLE_DEFINITIONS.filter((d) => !Object.values(ROLE).includes(d.name as never)).map(
      (d) => [d.name, 4] as const,
    ),
  ];
  const roleAssignments: ArmRoleAssignment[] = [];
  const seen = new Set<string>();
  const assign = (scope: string, role: string, p: Principal = pickPrincipal()) => {
    const key = `${scope}|${role}|${p.id}`.toLowerCase();
    if (seen.has(key)) return; // ARM refuses duplicate (scope, role, principal) assignments
    seen.add(key);
    const name = rng.guid();
    const createdOn = iso(now - rng.int(1, 1500) * DAY);
    roleAssignments.push(
      roleAssignmentWire({
        name,
        scope,
        roleGuid: role,
        principalId: p.id,
        principalType: p.type,
        createdOn,
        createdBy: null,
      }),
    );
  };
  if (userPrincipals.length) assign("/", ROLE.owner, rng.pick(userPrincipals));
  assign("/", ROLE.reader);
  for (const mg of managementGroups) {
    for (let k = rng.int(1, 3); k > 0; k--) assign(mg.id, rng.weighted(roleWeights));
  }
  assign(firstLeafMg.id, customOwner);
  for (const sub of subscriptions) {
    const subScope = subscriptionScope(sub.subscriptionId);
    const rgs = present(rgsBySub.get(sub.subscriptionId), "resource groups");
    const subRes = present(resourcesBySub.get(sub.subscriptionId), "resources");
    for (let k = 0; k < spec.assignmentsPerSubscription; k++) {
      const level = rng.weighted([
        ["sub", 30],
        ["rg", 40],
        ["resource", subRes.length ? 30 : 0],
      ] as const);
      const scope =
        level === "sub"
          ? subScope
          : level === "rg"
            ? resourceGroupScope(sub.subscriptionId, rng.pick(rgs))
            : rng.pick(subRes).id;
      const role = sub === subscriptions[0] && rng.chance(0.05) ? customNarrow : rng.weighted(roleWeights);
      assign(scope, role);
    }
  }

  const directoryRoleAssignments: GraphEntity[] = [];
  const directoryPrincipals = [...userPrincipals, ...spPrincipals.slice(0, appSps.length)];
  for (const [roleId, count] of DIRECTORY_ROLES) {
    for (let k = 0; k < count && directoryPrincipals.length; k++) {
      directoryRoleAssignments.push(directoryRoleAssignmentWire(rng.hex(43), rng.pick(directoryPrincipals).id, roleId));
    }
  }
  const directoryRoleDefinitions: GraphEntity[] = DIRECTORY_ROLES.map(([id]) => directoryRoleDefinitionWire(id));

  const defender: TenantFixture["defender"] = {};
  for (const sub of subscriptions) {
    const s = sub.subscriptionId;
    const pricings = DEFENDER_PLANS.map((plan) => {
      const standard = rng.chance(0.55);
      const properties: JsonObject = { pricingTier: standard ? "Standard" : "Free", freeTrialRemainingTime: "PT0S" };
      if (standard) properties.enablementTime = iso(now - rng.int(10, 900) * DAY);
      return pricingWire(s, plan, properties);
    });
    const assessments = GENERATED_ASSESSMENTS.map((key) => {
      // drawn for the key these assessments once had at random: the rest of a seed's tenant stays as it was
      rng.guid();
      const code = rng.weighted([
        ["Healthy", 60],
        ["Unhealthy", 35],
        ["NotApplicable", 5],
      ] as const);
      return securityAssessmentWire({
        key,
        resourceId: subscriptionScope(s),
        displayName: present(IDENTITY_ASSESSMENTS[key], "identity assessment"),
        status: { code },
        severity: "High",
      });
    });
    const max = 58;
    const current = Math.round(rng.float() * max * 100) / 100;
    defender[s] = {
      pricings,
      assessments,
      secureScores: [secureScoreWire(s, current, max, max)],
    };
  }

  return {
    format: "azaudit-tenant-fixture/v1",
    tenant: { id: tenantId, displayName: `Contoso ${spec.seed}`, defaultDomain: domain },
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
}
