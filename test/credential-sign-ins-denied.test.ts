// Credential last use (AuditLog.Read.All not granted): Graph's application credential activity report, collected through
// the real Graph client from the emulator. One emulator per file: the SDK's token cache is per process.
import { beforeAll, describe, expect, it } from "vitest";
import { builtInDefaults } from "../src/config/defaults.ts";
import { DEMO_NOW } from "../src/demo/tenant.ts";
import type { ScanResult } from "../src/engine/result.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { RULES } from "../src/rules/index.ts";
import { collectDemoInventory } from "./support/demo-inventory.ts";

const NOW = new Date(DEMO_NOW);
const judge = (inventory: Inventory): ScanResult =>
  scan({
    inventory,
    rules: RULES,
    settings: defaultSettings(RULES),
    config: builtInDefaults(),
    failOn: "none",
    baseline: null,
    startedAt: NOW,
    toolVersion: "0.0.0-test",
  });

let denied: Inventory;

beforeAll(async () => {
  denied = await collectDemoInventory(NOW, (f) => f, { denyScopes: ["/beta/reports"] });
}, 120_000);

describe("credential last use", () => {
  it("without AuditLog.Read.All: unavailable naming the permission, the scan still complete", () => {
    const s = denied.credentialSignIns;
    expect(s?.status).toBe("unavailable");
    if (s?.status !== "unavailable") return;
    expect(s.reason).toContain("403");
    expect(s.missingPermission).toBe("AuditLog.Read.All");
    const r = judge(denied);
    expect(r.summary.complete).toBe(true);
    expect(r.warnings.find((w) => w.code === "optional-section-unavailable")?.message).toContain(
      "needs AuditLog.Read.All",
    );
  });
});
