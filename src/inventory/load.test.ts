import { describe, expect, it } from "vitest";
import { sampleInventory } from "../../test/support/sample.ts";
import { parseInventory, serializeInventory } from "./load.ts";

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
