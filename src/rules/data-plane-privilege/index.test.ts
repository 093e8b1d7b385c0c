import { describe, expect, it } from "vitest";
import rule from "./index.ts";
import {
  inventory,
  principal,
  ROLE,
  roleAssignment,
  roleDefinition,
  SUB_ID,
} from "../../../test/support/inventory-builder.ts";
import { runRule } from "../../../test/support/rule-tester.ts";
import type { RoleAssignment } from "../../inventory/types.ts";

const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-data`;
const VAULT = `${RG}/providers/Microsoft.KeyVault/vaults/kv-app`;
const MG = "/providers/Microsoft.Management/managementGroups/platform";
const USER = "eeeeeeee-0000-4000-8000-000000000001";
const KV_ADMIN = "00482a5a-887f-4fb3-b363-3b7fe8e74483";
const KV_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
const CUSTOM_DATA_ALL = "eeeeeeee-0000-4000-8000-0000000000d1";
const CUSTOM_DATA_SOME = "eeeeeeee-0000-4000-8000-0000000000d2";
const perms = (dataActions: string[], notDataActions: string[] = []) => [
  { actions: [], notActions: [], dataActions, notDataActions },
];
const defs = [
  roleDefinition({
    name: KV_ADMIN,
    roleName: "Key Vault Administrator",
    roleType: "BuiltInRole",
    permissions: perms(["Microsoft.KeyVault/vaults/*"]),
  }),
  roleDefinition({
    name: KV_SECRETS_USER,
    roleName: "Key Vault Secrets User",
    roleType: "BuiltInRole",
    permissions: perms(["Microsoft.KeyVault/vaults/secrets/getSecret/action"]),
  }),
  roleDefinition({ name: CUSTOM_DATA_ALL, roleName: "Data Everything", permissions: perms(["*"]) }),
  roleDefinition({
    name: CUSTOM_DATA_SOME,
    roleName: "Data Everything But Keys",
    permissions: perms(["*"], ["Microsoft.KeyVault/vaults/keys/*"]),
  }),
  roleDefinition({
    name: ROLE.owner,
    roleName: "Owner",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }],
  }),
];
const who = principal({
  id: USER,
  type: "user",
  displayName: "Dana Data",
  userType: "Member",
  servicePrincipalType: null,
});
const assign = (scope: string, role: string) =>
  roleAssignment({ scope, roleDefinitionName: role, principalId: USER, principalType: "User" });
const inv = (assignments: RoleAssignment[]) =>
  inventory({ roleDefinitions: defs, roleAssignments: assignments, principals: [who] });

describe("data-plane-privilege", () => {
  describe("valid", () => {
    it("passes a data owner role on one vault, a narrow data role at the subscription, and Owner", () => {
      const { findings, run } = runRule(
        rule,
        inv([assign(VAULT, KV_ADMIN), assign(SUB, KV_SECRETS_USER), assign(SUB, ROLE.owner)]),
      );
      expect(findings).toEqual([]);
      expect(run.subjectsChecked).toBe(3);
    });

    it("passes a custom role whose data wildcard has exceptions, and allow-listed principals", () => {
      expect(runRule(rule, inv([assign(SUB, CUSTOM_DATA_SOME)])).findings).toEqual([]);
      expect(runRule(rule, inv([assign(SUB, KV_ADMIN)]), { allowPrincipalIds: [USER.toUpperCase()] }).findings).toEqual(
        [],
      );
    });

    it("passes resource groups when levels leaves them out", () => {
      expect(runRule(rule, inv([assign(RG, KV_ADMIN)]), { levels: ["subscription"] }).findings).toEqual([]);
    });
  });

  describe("invalid", () => {
    it("flags Key Vault Administrator at subscription scope at high, with the reason", () => {
      const { findings } = runRule(rule, inv([assign(SUB, KV_ADMIN)]));
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toContain(
        'User "Dana Data" holds the data-plane role Key Vault Administrator at subscription scope',
      );
      expect(findings[0]!.evidence).toMatchObject({ dataPlane: "builtinDataOwner", scopeLevel: "subscription" });
    });

    it('flags a custom role with dataActions ["*"] at a management group, and at medium on a resource group', () => {
      const { findings } = runRule(rule, inv([assign(MG, CUSTOM_DATA_ALL), assign(RG, CUSTOM_DATA_ALL)]));
      expect(findings.map((f) => [f.evidence.scopeLevel, f.severity, f.evidence.dataPlane])).toEqual([
        ["managementGroup", "high", "dataActionsWildcard"],
        ["resourceGroup", "medium", "dataActionsWildcard"],
      ]);
      expect(findings[0]!.evidence.dataActions).toEqual(["*"]);
    });
  });
});
