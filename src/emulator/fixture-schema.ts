// JSON Schema for azaudit-tenant-fixture/v1. It checks what the emulator relies on (ids, links,
// dates it may be asked to judge) and leaves the rest of each wire object open, since fixtures
// carry the services' full shapes and those grow over time.

export const GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
export const DATE_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?(Z|[+-]\\d{2}:\\d{2})$";

/** human wording for patterns, used in FixtureError.expected */
export const PATTERN_NAMES: Record<string, string> = {
  [GUID_PATTERN]: "a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)",
  [DATE_TIME_PATTERN]: "an ISO 8601 date-time such as 2025-01-31T00:00:00Z",
  "^/providers/Microsoft\\.Management/managementGroups/[^/]+$":
    "a management group id /providers/Microsoft.Management/managementGroups/<name>",
  "^/subscriptions/[^/]+$": "a subscription id /subscriptions/<guid>",
  "^/subscriptions/": "an ARM resource id starting with /subscriptions/",
  "^/": "an ARM scope starting with /",
  "/roleDefinitions/[0-9a-fA-F-]{36}$": "a role definition id ending in /roleDefinitions/<guid>",
};

const guid = { type: "string", pattern: GUID_PATTERN } as const;
const dateTime = { type: "string", pattern: DATE_TIME_PATTERN } as const;
const nullableDateTime = { anyOf: [dateTime, { type: "null" }] } as const;
const str = { type: "string", minLength: 1 } as const;

const passwordCredential = {
  type: "object",
  required: ["keyId"],
  properties: {
    keyId: guid,
    startDateTime: nullableDateTime,
    endDateTime: nullableDateTime,
    displayName: { type: ["string", "null"] },
  },
} as const;

const keyCredential = {
  type: "object",
  required: ["keyId"],
  properties: {
    keyId: guid,
    startDateTime: nullableDateTime,
    endDateTime: nullableDateTime,
    type: { type: "string" },
    usage: { type: "string" },
  },
} as const;

const armObject = (idPattern: string, extraRequired: string[], properties: Record<string, unknown>) => ({
  type: "object",
  required: ["id", ...extraRequired],
  properties: { id: { type: "string", pattern: idPattern }, ...properties },
});

export const fixtureSchema = {
  $id: "https://azaudit.dev/schemas/tenant-fixture-v1.json",
  type: "object",
  required: [
    "format",
    "tenant",
    "managementGroups",
    "subscriptions",
    "roleDefinitions",
    "roleAssignments",
    "resources",
    "graph",
  ],
  properties: {
    format: { const: "azaudit-tenant-fixture/v1" },
    tenant: {
      type: "object",
      required: ["id", "displayName", "defaultDomain"],
      properties: { id: guid, displayName: { type: "string" }, defaultDomain: str },
    },
    scanner: { type: "object", required: ["objectId"], additionalProperties: false, properties: { objectId: guid } },
    managementGroups: {
      type: "array",
      items: armObject("^/providers/Microsoft\\.Management/managementGroups/[^/]+$", ["name", "type", "properties"], {
        name: str,
        type: { const: "Microsoft.Management/managementGroups" },
        properties: {
          type: "object",
          properties: {
            tenantId: guid,
            displayName: { type: "string" },
            details: {
              type: "object",
              properties: {
                parent: {
                  anyOf: [
                    { type: "null" },
                    {
                      type: "object",
                      required: ["id"],
                      properties: {
                        id: { type: "string", pattern: "^/providers/Microsoft\\.Management/managementGroups/[^/]+$" },
                        name: { type: "string" },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      }),
    },
    subscriptions: {
      type: "array",
      items: armObject("^/subscriptions/[^/]+$", ["subscriptionId", "displayName", "state", "managementGroup"], {
        subscriptionId: guid,
        displayName: { type: "string" },
        state: { enum: ["Enabled", "Warned", "PastDue", "Disabled", "Deleted"] },
        tenantId: guid,
        managementGroup: str,
        // fixture-only: resource provider namespaces not registered on the subscription
        unregisteredProviders: {
          type: "array",
          uniqueItems: true,
          items: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+$" },
        },
      }),
    },
    roleDefinitions: {
      type: "array",
      items: armObject("/roleDefinitions/[0-9a-fA-F-]{36}$", ["name", "type", "properties"], {
        name: guid,
        type: { const: "Microsoft.Authorization/roleDefinitions" },
        properties: {
          type: "object",
          required: ["roleName", "type", "assignableScopes", "permissions"],
          properties: {
            roleName: str,
            type: { enum: ["BuiltInRole", "CustomRole"] },
            assignableScopes: { type: "array", items: { type: "string", pattern: "^/" } },
            permissions: {
              type: "array",
              items: {
                type: "object",
                required: ["actions"],
                properties: {
                  actions: { type: "array", items: { type: "string" } },
                  notActions: { type: "array", items: { type: "string" } },
                  dataActions: { type: "array", items: { type: "string" } },
                  notDataActions: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
      }),
    },
    roleAssignments: {
      type: "array",
      items: armObject("^/", ["name", "type", "properties"], {
        name: guid,
        type: { const: "Microsoft.Authorization/roleAssignments" },
        properties: {
          type: "object",
          required: ["scope", "principalId", "roleDefinitionId"],
          properties: {
            scope: { type: "string", pattern: "^/" },
            principalId: guid,
            principalType: { enum: ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] },
            roleDefinitionId: { type: "string", pattern: "/roleDefinitions/[0-9a-fA-F-]{36}$" },
            createdOn: nullableDateTime,
            updatedOn: nullableDateTime,
          },
        },
      }),
    },
    // RoleEligibilityScheduleInstance (Microsoft.Authorization 2020-10-01)
    roleEligibilityScheduleInstances: {
      type: "array",
      items: armObject("/roleEligibilityScheduleInstances/[^/]+$", ["name", "type", "properties"], {
        name: str,
        type: { const: "Microsoft.Authorization/roleEligibilityScheduleInstances" },
        properties: {
          type: "object",
          required: ["scope", "principalId", "roleDefinitionId"],
          properties: {
            scope: { type: "string", pattern: "^/" },
            principalId: guid,
            principalType: { enum: ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] },
            roleDefinitionId: { type: "string", pattern: "/roleDefinitions/[0-9a-fA-F-]{36}$" },
            memberType: { enum: ["Direct", "Group", "Inherited"] },
            status: { type: "string" },
            condition: { type: ["string", "null"] },
            conditionVersion: { type: ["string", "null"] },
            startDateTime: nullableDateTime,
            endDateTime: nullableDateTime,
          },
        },
      }),
    },
    entraIdP2: { type: "boolean" },
    resources: {
      type: "array",
      items: armObject("^/subscriptions/", ["name", "type"], {
        name: str,
        type: str,
        location: { type: "string" },
        kind: { type: ["string", "null"] },
        tags: { type: ["object", "null"], additionalProperties: { type: "string" } },
        identity: {
          anyOf: [
            { type: "null" },
            {
              type: "object",
              required: ["type"],
              properties: {
                type: { type: "string" },
                principalId: guid,
                tenantId: guid,
                userAssignedIdentities: { type: "object" },
              },
            },
          ],
        },
      }),
    },
    defender: {
      type: "object",
      additionalProperties: {
        type: "object",
        properties: {
          pricings: {
            type: "array",
            items: {
              type: "object",
              required: ["id", "name", "properties"],
              properties: {
                properties: {
                  type: "object",
                  required: ["pricingTier"],
                  properties: { pricingTier: { enum: ["Free", "Standard"] } },
                },
              },
            },
          },
          assessments: { type: "array", items: { type: "object", required: ["id", "name", "properties"] } },
          secureScores: { type: "array", items: { type: "object", required: ["id", "name", "properties"] } },
        },
      },
    },
    reports: {
      type: "object",
      required: ["premiumLicence"],
      additionalProperties: false,
      properties: {
        premiumLicence: { type: "boolean" },
        appCredentialSignInActivities: {
          type: "array",
          items: { type: "object", required: ["id", "keyId"], properties: { id: str, keyId: guid } },
        },
      },
    },
    graph: {
      type: "object",
      required: [
        "applications",
        "servicePrincipals",
        "users",
        "groups",
        "oauth2PermissionGrants",
        "directoryRoleAssignments",
      ],
      properties: {
        applications: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "appId", "displayName"],
            properties: {
              id: guid,
              appId: guid,
              displayName: { type: ["string", "null"] },
              createdDateTime: nullableDateTime,
              passwordCredentials: { type: "array", items: passwordCredential },
              keyCredentials: { type: "array", items: keyCredential },
              federatedIdentityCredentials: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "name", "issuer", "subject", "audiences"],
                  properties: { id: guid, audiences: { type: "array", items: { type: "string" } } },
                },
              },
              owners: { type: "array", items: guid },
            },
          },
        },
        servicePrincipals: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "appId", "displayName"],
            properties: {
              id: guid,
              appId: guid,
              displayName: { type: ["string", "null"] },
              servicePrincipalType: { type: ["string", "null"] },
              accountEnabled: { type: ["boolean", "null"] },
              passwordCredentials: { type: "array", items: passwordCredential },
              keyCredentials: { type: "array", items: keyCredential },
              owners: { type: "array", items: guid },
              appRoles: {
                type: "array",
                items: { type: "object", required: ["id", "value"], properties: { id: guid } },
              },
              appRoleAssignments: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "appRoleId", "principalId", "resourceId"],
                  properties: {
                    appRoleId: guid,
                    principalId: guid,
                    resourceId: guid,
                    createdDateTime: nullableDateTime,
                  },
                },
              },
            },
          },
        },
        users: {
          type: "array",
          items: {
            type: "object",
            required: ["id"],
            properties: {
              id: guid,
              userType: { enum: ["Member", "Guest", null] },
              accountEnabled: { type: ["boolean", "null"] },
            },
          },
        },
        groups: {
          type: "array",
          items: {
            type: "object",
            required: ["id"],
            properties: {
              id: guid,
              members: { type: "array", items: guid },
              isAssignableToRole: { type: ["boolean", "null"] },
            },
          },
        },
        oauth2PermissionGrants: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "clientId", "consentType", "resourceId", "scope"],
            properties: {
              id: str,
              clientId: guid,
              consentType: { enum: ["AllPrincipals", "Principal"] },
              principalId: { anyOf: [guid, { type: "null" }] },
              resourceId: guid,
              scope: { type: "string" },
            },
          },
        },
        directoryRoleAssignments: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "principalId", "roleDefinitionId"],
            properties: { id: str, principalId: guid, roleDefinitionId: str, directoryScopeId: { type: "string" } },
          },
        },
        directoryRoleDefinitions: { type: "array", items: { type: "object", required: ["id", "displayName"] } },
        // unifiedRoleEligibilityScheduleInstance (Graph v1.0)
        directoryRoleEligibilityScheduleInstances: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "principalId", "roleDefinitionId", "directoryScopeId"],
            properties: {
              id: str,
              principalId: guid,
              roleDefinitionId: str,
              directoryScopeId: { type: "string" },
              memberType: { enum: ["Direct", "Group", "Inherited"] },
              startDateTime: nullableDateTime,
              endDateTime: nullableDateTime,
            },
          },
        },
      },
    },
  },
} as const;
