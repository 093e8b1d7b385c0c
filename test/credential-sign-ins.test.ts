// Credential last use (the report answers): Graph's application credential activity report, collected through
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

let present: Inventory;

beforeAll(async () => {
  present = await collectDemoInventory(NOW);
}, 120_000);

describe("credential last use", () => {
  it("with the report: last sign-ins collected, the unused-credential rule runs, identities show last use", () => {
    expect(present.credentialSignIns?.status).toBe("ok");
    const r = judge(present);
    expect(r.summary.complete).toBe(true);
    expect(r.rules.find((x) => x.id === "credential-unused")?.status).toBe("ran");
    const unused = r.findings.filter((f) => f.ruleId === "credential-unused");
    expect(unused.map((f) => [f.resource.displayName, f.messageId]).sort()).toEqual([
      ["legacy-erp-integration", "neverUsed"],
      ["sharepoint-sync-tool", "unused"],
    ]);
    expect(unused[0]?.fix?.commands[0]?.command).toMatch(
      /^az ad app credential delete --id [0-9a-f-]{36} --key-id [0-9a-f-]{36}$/,
    );
    const erp = r.identities.find((i) => i.displayName === "legacy-erp-integration")!;
    expect(erp.credentials.map((c) => [c.lastUseKnown, c.lastUsedOn])).toEqual([[true, null]]);
    // the privileged-identity rule shows when its secrets were last used
    const priv = r.findings.find((f) => f.ruleId === "privileged-identity-with-secret")!;
    expect(priv.evidence.secretsLastUsed).toEqual([expect.stringMatching(/^[0-9a-f-]{36}: 2026-10-31T00:00:00/)]);
  });
  it("is not asked of a snapshot saved without it: the rule says so, nothing else changes", () => {
    const { credentialSignIns: _dropped, ...older } = present;
    const r = judge(older);
    expect(r.summary.complete).toBe(true);
    expect(r.rules.find((x) => x.id === "credential-unused")?.reason).toBe(
      "credentialSignIns not collected (optional)",
    );
    expect(r.warnings.map((w) => w.code)).not.toContain("optional-section-unavailable");
  });
});
