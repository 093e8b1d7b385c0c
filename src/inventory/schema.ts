import {
  INVENTORY_SCHEMA_VERSION,
  OPTIONAL_SECTION_NAMES,
  SECTION_NAMES,
  type OptionalSectionName,
  type SectionName,
} from "./types.ts";

// JSON Schema (draft 2020-12 subset that ajv's default build understands) of types.ts.
// It is what makes a snapshot a contract: the loader rejects anything it does not describe.

type Schema = Record<string, unknown>;

const str: Schema = { type: "string" };
const nstr: Schema = { type: ["string", "null"] };
const nbool: Schema = { type: ["boolean", "null"] };
const nnum: Schema = { type: ["number", "null"] };
const strArr: Schema = { type: "array", items: str };
const strMap: Schema = { type: "object", additionalProperties: str };
const isoDate: Schema = { type: "string", format: "date-time" };
const nIsoDate: Schema = { anyOf: [isoDate, { type: "null" }] };

function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

// `hint` is accepted only so that snapshots written before it was dropped still load; the loader removes it.
const passwordCredential = obj(
  { keyId: str, displayName: nstr, hint: nstr, startDateTime: nIsoDate, endDateTime: nIsoDate },
  ["hint"],
);
const keyCredential = obj(
  {
    keyId: str,
    displayName: nstr,
    type: nstr,
    usage: nstr,
    startDateTime: nIsoDate,
    endDateTime: nIsoDate,
    customKeyIdentifier: nstr,
  },
  ["customKeyIdentifier"],
);
const federatedCredential = obj({ id: str, name: str, issuer: str, subject: nstr, audiences: strArr });

const items: Record<SectionName, Schema> = {
  tenant: obj({ id: str, displayName: str, defaultDomain: nstr }),
  managementGroups: obj({ id: str, name: str, displayName: str, parentId: nstr }),
  subscriptions: obj(
    {
      id: str,
      subscriptionId: str,
      displayName: str,
      state: str,
      managementGroupId: nstr,
      tags: strMap,
      tenantId: nstr,
    },
    ["tenantId"],
  ),
  roleDefinitions: obj({
    id: str,
    name: str,
    roleName: str,
    roleType: str,
    description: nstr,
    assignableScopes: strArr,
    permissions: {
      type: "array",
      items: obj({ actions: strArr, notActions: strArr, dataActions: strArr, notDataActions: strArr }),
    },
  }),
  roleAssignments: obj(
    {
      id: str,
      name: str,
      scope: str,
      scopeLevel: { enum: ["root", "managementGroup", "subscription", "resourceGroup", "resource"] },
      subscriptionId: nstr,
      roleDefinitionId: str,
      roleDefinitionName: str,
      principalId: str,
      principalType: str,
      condition: nstr,
      conditionVersion: nstr,
      createdOn: nIsoDate,
    },
    ["conditionVersion"],
  ),
  principals: obj({
    id: str,
    found: { type: "boolean" },
    type: { enum: ["user", "group", "servicePrincipal", "unknown"] },
    displayName: nstr,
    userType: nstr,
    accountEnabled: nbool,
    servicePrincipalType: nstr,
    userPrincipalName: nstr,
  }),
  applications: obj({
    id: str,
    appId: str,
    displayName: str,
    createdDateTime: nIsoDate,
    signInAudience: nstr,
    passwordCredentials: { type: "array", items: passwordCredential },
    keyCredentials: { type: "array", items: keyCredential },
    federatedIdentityCredentials: { anyOf: [{ type: "array", items: federatedCredential }, { type: "null" }] },
    owners: { anyOf: [strArr, { type: "null" }] },
  }),
  servicePrincipals: obj(
    {
      id: str,
      appId: str,
      displayName: str,
      servicePrincipalType: nstr,
      accountEnabled: nbool,
      appOwnerOrganizationId: nstr,
      passwordCredentials: { type: "array", items: passwordCredential },
      keyCredentials: { type: "array", items: keyCredential },
      alternativeNames: strArr,
      managedIdentityResourceId: nstr,
      preferredSingleSignOnMode: nstr,
    },
    ["preferredSingleSignOnMode"],
  ),
  appPermissionGrants: obj({
    id: str,
    principalId: str,
    principalDisplayName: nstr,
    resourceId: str,
    resourceAppId: nstr,
    resourceDisplayName: nstr,
    appRoleId: str,
    permission: nstr,
    createdDateTime: nIsoDate,
  }),
  delegatedGrants: obj({
    id: str,
    clientId: str,
    consentType: str,
    principalId: nstr,
    resourceId: str,
    resourceAppId: nstr,
    scopes: strArr,
  }),
  directoryRoleAssignments: obj({
    id: str,
    principalId: str,
    roleDefinitionId: str,
    roleDisplayName: nstr,
    directoryScopeId: str,
  }),
  workloads: obj(
    {
      id: str,
      name: str,
      type: str,
      kind: nstr,
      location: nstr,
      subscriptionId: str,
      resourceGroup: str,
      tags: strMap,
      identity: {
        anyOf: [
          { type: "null" },
          obj({
            type: str,
            principalId: nstr,
            tenantId: nstr,
            userAssignedIdentities: {
              type: "object",
              additionalProperties: obj({ principalId: nstr, clientId: nstr }),
            },
          }),
        ],
      },
      resourceGroupManagedBy: nstr,
    },
    ["resourceGroupManagedBy"],
  ),
  defender: obj(
    {
      subscriptionId: str,
      securityProviderRegistered: { type: "boolean" },
      pricings: { type: "array", items: obj({ name: str, pricingTier: str, subPlan: nstr }) },
      assessments: {
        type: "array",
        items: obj({
          id: str,
          name: str,
          displayName: str,
          statusCode: str,
          statusCause: nstr,
          statusDescription: nstr,
          resourceId: nstr,
          severity: nstr,
        }),
      },
      secureScores: {
        type: "array",
        items: obj({ name: str, displayName: nstr, current: nnum, max: nnum, percentage: nnum }),
      },
    },
    ["securityProviderRegistered"],
  ),
};

const optionalItems: Record<OptionalSectionName, Schema> = {
  groups: obj({
    id: str,
    displayName: nstr,
    isAssignableToRole: nbool,
    members: {
      anyOf: [
        { type: "array", items: obj({ id: str, type: { enum: ["user", "group", "servicePrincipal", "unknown"] } }) },
        { type: "null" },
      ],
    },
  }),
  roleEligibilities: obj({
    id: str,
    scope: str,
    scopeLevel: { enum: ["root", "managementGroup", "subscription", "resourceGroup", "resource"] },
    subscriptionId: nstr,
    roleDefinitionId: str,
    roleDefinitionName: str,
    principalId: str,
    principalType: str,
    memberType: nstr,
    condition: nstr,
    conditionVersion: nstr,
    startDateTime: nIsoDate,
    endDateTime: nIsoDate,
  }),
  directoryRoleEligibilities: obj({
    id: str,
    principalId: str,
    roleDefinitionId: str,
    roleDisplayName: nstr,
    directoryScopeId: str,
    memberType: nstr,
    startDateTime: nIsoDate,
    endDateTime: nIsoDate,
  }),
};

const gap = obj({ scope: str, reason: str, missingPermission: str }, ["missingPermission"]);
const note = obj({ scope: str, reason: str });

function section(item: Schema): Schema {
  // if/then/else rather than oneOf: a broken "ok" section then reports only the "ok" branch's
  // errors, with their exact paths, instead of both branches' complaints.
  return {
    type: "object",
    required: ["status"],
    properties: { status: { enum: ["ok", "unavailable"] } },
    if: { properties: { status: { const: "ok" } } },
    then: obj(
      {
        status: { const: "ok" },
        items: { type: "array", items: item },
        gaps: { type: "array", items: gap },
        notes: { type: "array", items: note },
      },
      ["gaps", "notes"],
    ),
    else: obj({ status: { const: "unavailable" }, reason: { type: "string", minLength: 1 }, missingPermission: str }, [
      "missingPermission",
    ]),
  };
}

export const inventorySchema: Schema = {
  $id: "https://azaudit.dev/schemas/inventory-v1.json",
  title: "azaudit inventory (snapshot)",
  type: "object",
  properties: {
    schemaVersion: { const: INVENTORY_SCHEMA_VERSION },
    collectedAt: isoDate,
    // export is set only for az exports; scannerObjectId is optional so snapshots saved before it
    // was recorded stay loadable
    source: obj(
      {
        kind: { enum: ["live", "snapshot", "az-export", "demo"] },
        cloud: nstr,
        tool: str,
        export: obj({ madeAt: isoDate, madeAtFrom: { enum: ["stamp", "file times"] }, madeBy: nstr, azVersion: nstr }),
        scannerObjectId: nstr,
      },
      ["export", "scannerObjectId"],
    ),
    ...Object.fromEntries(SECTION_NAMES.map((name) => [name, section(items[name])])),
    // optional: snapshots and az exports made before azaudit collected them do not have them
    ...Object.fromEntries(OPTIONAL_SECTION_NAMES.map((name) => [name, section(optionalItems[name])])),
    credentialSignIns: section(
      obj({ keyId: str, appId: nstr, credentialOrigin: nstr, keyType: nstr, lastSignInDateTime: nstr }),
    ),
  },
  required: ["schemaVersion", "collectedAt", "source", ...SECTION_NAMES],
  additionalProperties: false,
};
