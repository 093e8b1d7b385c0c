import { describe, expect, it } from "vitest";
import { inventory, servicePrincipal } from "../../test/support/inventory-builder.ts";
import { sampleInventory } from "../../test/support/sample.ts";
import { parseInventory, serializeInventory, serializeInventoryChunks } from "./load.ts";

describe("parseInventory", () => {
  it("drops the secret hint a snapshot written by an older azaudit still carries", () => {
    const old = JSON.parse(serializeInventory(sampleInventory())) as {
      applications: { items: Array<{ passwordCredentials: Array<Record<string, unknown>> }> };
    };
    const withSecret = old.applications.items.find((a) => a.passwordCredentials.length > 0)!;
    withSecret.passwordCredentials[0]!.hint = "Xy7";
    const loaded = parseInventory(JSON.stringify(old), "old.json");
    const text = serializeInventory(loaded);
    expect(text).not.toMatch(/"hint"/);
    expect(text).not.toContain("Xy7");
  });

  it("loads service principals with and without the SAML markers (optional: older snapshots lack them)", () => {
    const doc = JSON.parse(serializeInventory(inventory({ servicePrincipals: [servicePrincipal()] }))) as {
      servicePrincipals: { items: Array<Record<string, unknown> & { keyCredentials: Array<Record<string, unknown>> }> };
    };
    const sp = doc.servicePrincipals.items[0]!;
    sp.preferredSingleSignOnMode = "saml";
    sp.keyCredentials = [
      {
        keyId: "5a5a5a5a-0000-4000-8000-000000000001",
        displayName: "CN=Azure Federated SSO Certificate",
        type: "AsymmetricX509Cert",
        usage: "Sign",
        startDateTime: "2025-01-01T00:00:00Z",
        endDateTime: "2028-01-01T00:00:00Z",
        customKeyIdentifier: "8C1F0A3B",
      },
    ];
    const loaded = parseInventory(JSON.stringify(doc), "new.json");
    const got = loaded.servicePrincipals.status === "ok" ? loaded.servicePrincipals.items : [];
    const again = got.find((x) => x.id === sp.id)!;
    expect(again.preferredSingleSignOnMode).toBe("saml");
    expect(again.keyCredentials[0]!.customKeyIdentifier).toBe("8C1F0A3B");
    delete sp.preferredSingleSignOnMode;
    delete sp.keyCredentials[0]!.customKeyIdentifier;
    expect(() => parseInventory(JSON.stringify(doc), "old.json")).not.toThrow();
  });
});

describe("serializeInventory", () => {
  it("writes the data JSON.stringify would, sections indented, one line per item, no invisible character", () => {
    const inv = sampleInventory();
    // edge cases JSON.stringify treats specially: empty containers, undefined members, hostile strings
    const odd = {
      ...inv,
      extra: { empty: [], none: {}, gone: undefined, list: [1, undefined, "a\u202eb\u2028"], deep: { a: [{ b: [] }] } },
    } as unknown as typeof inv;
    for (const value of [inv, odd]) {
      const pieces = [...serializeInventoryChunks(value)];
      const text = pieces.join("");
      expect(pieces.length).toBeGreaterThan(10);
      expect(text).toBe(serializeInventory(value));
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      expect(text).not.toMatch(/[\u202e\u2028]/);
      expect(text.endsWith("}\n")).toBe(true);
    }
    const lines = serializeInventory(inv).split("\n");
    const apps = inv.applications.status === "ok" ? inv.applications.items : [];
    expect(apps.length).toBeGreaterThan(1);
    // each application is one line, indented below its section's items
    for (const app of apps) expect(lines).toContain(`      ${JSON.stringify(app)}${app === apps.at(-1) ? "" : ","}`);
    expect(lines).toContain('  "applications": {');
  });
});
