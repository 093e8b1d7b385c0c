import { describe, expect, it } from "vitest";
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
