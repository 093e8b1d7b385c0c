// Credential last use (no Entra ID P1/P2 licence): Graph's application credential activity report, collected through
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

let noLicence: Inventory;

beforeAll(async () => {
  noLicence = await collectDemoInventory(NOW, (f) => ({ ...f, reports: { premiumLicence: false } }));
}, 120_000);

describe("credential last use", () => {
  it("without an Entra ID P1/P2 licence: a note naming Graph's answer, the rule skipped, the scan complete", () => {
    const s = noLicence.credentialSignIns;
    expect(s?.status).toBe("unavailable");
    if (s?.status !== "unavailable") return;
    expect(s.reason).toContain("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
    expect(s.reason).toContain("Entra ID P1 or P2 licence");
    expect(s.missingPermission).toBeUndefined();
    const r = judge(noLicence);
    expect(r.summary.complete).toBe(true);
    expect(r.summary.exitCode).toBe(0);
    const rule = r.rules.find((x) => x.id === "credential-unused")!;
    expect(rule.status).toBe("skipped");
    expect(rule.reason).toContain("credentialSignIns unavailable (optional)");
    expect(r.warnings.map((w) => w.code)).toContain("optional-section-unavailable");
    expect(r.findings.find((f) => f.ruleId === "privileged-identity-with-secret")?.evidence).not.toHaveProperty(
      "secretsLastUsed",
    );
    expect(r.identities.flatMap((i) => i.credentials).every((c) => !c.lastUseKnown && c.lastUsedOn === null)).toBe(
      true,
    );
  });
});
