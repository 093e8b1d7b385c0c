// A small inventory on which each of the first rules fires and passes, for reporter and CLI tests.
import type { Inventory } from "../../src/inventory/types.ts";
import {
  app,
  inventory,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  secret,
  subscription,
  SUB_ID,
  workload,
} from "./inventory-builder.ts";

export function sampleInventory(): Inventory {
  const owner = roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  });
  const reader = roleDefinition({
    name: ROLE.reader,
    roleName: "Reader",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  });
  const botId = "99999999-0000-4000-8000-000000000001";
  return inventory({
    subscriptions: [subscription()],
    roleDefinitions: [owner, reader],
    roleAssignments: [
      roleAssignment({
        name: "a0000000-0000-4000-8000-000000000001",
        scope: `/subscriptions/${SUB_ID}`,
        roleDefinitionName: ROLE.owner,
        principalId: botId,
      }),
      roleAssignment({
        name: "a0000000-0000-4000-8000-000000000002",
        scope: "/",
        roleDefinitionName: ROLE.owner,
        principalId: "99999999-0000-4000-8000-000000000002",
        principalType: "User",
      }),
      roleAssignment({
        name: "a0000000-0000-4000-8000-000000000003",
        scope: `/subscriptions/${SUB_ID}`,
        roleDefinitionName: ROLE.reader,
        principalId: botId,
      }),
    ],
    principals: [principal({ id: botId, displayName: "deploy-bot <img src=x onerror=alert(1)> | =cmd" })],
    applications: [
      app({
        id: "b0000000-0000-4000-8000-000000000001",
        appId: "d0000000-0000-4000-8000-000000000001",
        owners: [],
        displayName: '=HYPERLINK("http://evil") payments\nsecond line',
        passwordCredentials: [
          secret({
            keyId: "c0000000-0000-4000-8000-000000000001",
            startDateTime: "2020-01-01T00:00:00Z",
            endDateTime: "2299-12-31T00:00:00Z",
          }),
        ],
      }),
      app({
        id: "b0000000-0000-4000-8000-000000000002",
        appId: "d0000000-0000-4000-8000-000000000002",
        owners: ["e0000000-0000-4000-8000-000000000001"],
        displayName: "clean-app",
        passwordCredentials: [secret({ keyId: "c0000000-0000-4000-8000-000000000002" })],
      }),
    ],
    workloads: [
      workload({ type: "Microsoft.Web/sites", name: "orders api", identity: null }),
      workload({
        type: "Microsoft.Web/sites",
        name: "billing",
        identity: {
          type: "SystemAssigned, UserAssigned",
          principalId: "p",
          tenantId: "t",
          userAssignedIdentities: { "/x": { principalId: "p", clientId: "c" } },
        },
      }),
    ],
  });
}
