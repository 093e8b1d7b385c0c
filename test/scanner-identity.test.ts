// The scanner's own identity: the emulator issues Entra-shaped tokens carrying `oid` and `tid`, the
// scan reads them back without ever keeping the token, and its Reader role is not a finding.
import { describe, expect, it } from "vitest";
import { tokenIdentity } from "../src/collectors/token-identity.ts";
import { TokenStore } from "../src/emulator/tokens.ts";
import { parseInventory, serializeInventory } from "../src/inventory/load.ts";
import rule from "../src/rules/service-principal-broad-read/index.ts";
import { inventory, principal, ROLE, roleAssignment, roleDefinition, TENANT_ID } from "./support/inventory-builder.ts";
import { runRule } from "./support/rule-tester.ts";

const SCANNER = "5ca77e00-0000-4000-8000-0000000000aa";
const OTHER = "5ca77e00-0000-4000-8000-0000000000bb";

describe("emulator tokens", () => {
  it("carry oid and tid like Entra's access tokens, and still verify by lookup", () => {
    const store = new TokenStore({ tenantId: TENANT_ID, objectId: SCANNER });
    const issued = store.issue("https://management.azure.com/.default", Date.parse("2026-06-01T00:00:00Z"))!;
    expect(tokenIdentity(issued.access_token)).toEqual({ objectId: SCANNER, tenantId: TENANT_ID });
    const claims = JSON.parse(Buffer.from(issued.access_token.split(".")[1]!, "base64url").toString("utf8"));
    expect(claims).toMatchObject({
      aud: "https://management.azure.com",
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      oid: SCANNER,
      sub: SCANNER,
      tid: TENANT_ID,
      idtyp: "app",
      exp: Number(claims.iat) + 3600,
    });
    expect(store.verify(`Bearer ${issued.access_token}`, "arm", Date.parse("2026-06-01T00:10:00Z"))).toBe("ok");
    // Same claims, another signature: not a token the emulator issued.
    const [h, p] = issued.access_token.split(".");
    expect(store.verify(`Bearer ${h}.${p}.forged`, "arm", Date.parse("2026-06-01T00:10:00Z"))).toBe("invalid");
  });
});

describe("tokenIdentity", () => {
  const jwt = (payload: unknown) =>
    `${Buffer.from("{}").toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.sig`;
  it("reads oid (lowercased) and tid, and gives null for anything else without throwing", () => {
    expect(tokenIdentity(jwt({ oid: SCANNER.toUpperCase(), tid: TENANT_ID }))).toEqual({
      objectId: SCANNER,
      tenantId: TENANT_ID,
    });
    expect(tokenIdentity(jwt({ oid: SCANNER }))).toEqual({ objectId: SCANNER, tenantId: null });
    for (const bad of [
      "opaque-token",
      "a.b",
      "a.!!!.c",
      jwt("text"),
      jwt(null),
      jwt({ oid: 42 }),
      jwt({ oid: "not-a-guid" }),
      jwt({ tid: TENANT_ID }),
    ]) {
      expect(tokenIdentity(bad), bad).toBeNull();
    }
  });
});

describe("the scanner's own Reader role", () => {
  const reader = roleDefinition({
    name: ROLE.reader,
    roleName: "Reader",
    roleType: "BuiltInRole",
    permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
  });
  const root = `/providers/Microsoft.Management/managementGroups/${TENANT_ID}`;
  const inv = (scannerObjectId: string | null | undefined) => {
    const i = inventory({
      roleDefinitions: [reader],
      roleAssignments: [
        roleAssignment({ scope: root, roleDefinitionName: ROLE.reader, principalId: SCANNER }),
        roleAssignment({ scope: root, roleDefinitionName: ROLE.reader, principalId: OTHER }),
      ],
      principals: [
        principal({ id: SCANNER, displayName: "azaudit-scanner" }),
        principal({ id: OTHER, displayName: "inventory-tool" }),
      ],
    });
    if (scannerObjectId !== undefined) i.source.scannerObjectId = scannerObjectId;
    return i;
  };

  it("is not a finding; another service principal's is", () => {
    expect(runRule(rule, inv(SCANNER.toUpperCase())).findings.map((f) => f.evidence.principalName)).toEqual([
      "inventory-tool",
    ]);
  });

  it("is reported when the scanner is unknown (old snapshots, tokens without oid)", () => {
    expect(runRule(rule, inv(undefined)).findings).toHaveLength(2);
    expect(runRule(rule, inv(null)).findings).toHaveLength(2);
  });

  it("is recorded in the snapshot, and snapshots without it still load", () => {
    expect(parseInventory(serializeInventory(inv(SCANNER)), "new.json").source.scannerObjectId).toBe(SCANNER);
    const old = JSON.parse(serializeInventory(inv(undefined)));
    expect("scannerObjectId" in old.source).toBe(false);
    expect(parseInventory(JSON.stringify(old), "old.json").source.scannerObjectId).toBeUndefined();
  });
});
