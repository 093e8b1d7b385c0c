import { describe, expect, it } from "vitest";
import { sampleInventory } from "../../test/support/sample.ts";
import { inertJson } from "../text/inert.ts";
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
  it("writes in pieces exactly the text of inertJson with two-space indentation", () => {
    const inv = sampleInventory();
    // edge cases JSON.stringify treats specially: empty containers, undefined members, hostile strings
    const odd = {
      ...inv,
      extra: { empty: [], none: {}, gone: undefined, list: [1, undefined, "a\u202eb\u2028"], deep: { a: [{ b: [] }] } },
    } as unknown as typeof inv;
    for (const value of [inv, odd]) {
      const pieces = [...serializeInventoryChunks(value)];
      expect(pieces.length).toBeGreaterThan(10);
      expect(pieces.join("")).toBe(`${inertJson(value, 2)}\n`);
      expect(serializeInventory(value)).toBe(`${inertJson(value, 2)}\n`);
    }
  });
});
