// The setup the credential last-use test files share: the demo tenant collected once per file
// through the emulator at the demo's pinned time, and the scan that judges it with every rule at
// its defaults. They are separate files because the SDK's token cache is per process: one emulator
// (and one answer of the credential activity report) per file.
import { beforeAll } from "vitest";
import { builtInDefaults } from "../../src/config/defaults.ts";
import { DEMO_NOW } from "../../src/demo/tenant.ts";
import type { EmulatorOptions, TenantFixture } from "../../src/emulator/types.ts";
import type { ScanResult } from "../../src/engine/result.ts";
import { scan } from "../../src/engine/scan.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import { RULES } from "../../src/rules/index.ts";
import { collectDemoInventory } from "./demo-inventory.ts";

const NOW = new Date(DEMO_NOW);

/** Collects the demo tenant (edited, served with `options`) before the file's tests; call the result in a test. */
export function demoInventoryBeforeAll(
  edit: (fixture: TenantFixture) => TenantFixture = (f) => f,
  options: EmulatorOptions = {},
): () => Inventory {
  let inventory: Inventory | undefined;
  beforeAll(async () => {
    inventory = await collectDemoInventory(NOW, edit, options);
  }, 120_000);
  return () => {
    if (!inventory) throw new Error("the demo inventory was not collected");
    return inventory;
  };
}

export function judge(inventory: Inventory): ScanResult {
  return scan({
    inventory,
    rules: RULES,
    settings: defaultSettings(RULES),
    config: builtInDefaults(),
    failOn: "none",
    baseline: null,
    startedAt: NOW,
    toolVersion: "0.0.0-test",
  });
}
