// Credential last use (the report answers): Graph's application credential activity report, collected through
// the real Graph client from the emulator. One emulator per file: the SDK's token cache is per process.
import { describe, expect, it } from "vitest";
import { demoInventoryBeforeAll, judge } from "./support/credential-sign-ins.ts";

const collected = demoInventoryBeforeAll();

describe("credential last use", () => {
  it("with the report: last sign-ins collected, the unused-credential rule runs, identities show last use", () => {
    const present = collected();
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
    const present = collected();
    const { credentialSignIns: _dropped, ...older } = present;
    const r = judge(older);
    expect(r.summary.complete).toBe(true);
    expect(r.rules.find((x) => x.id === "credential-unused")?.reason).toBe(
      "credentialSignIns not collected (optional)",
    );
    expect(r.warnings.map((w) => w.code)).not.toContain("optional-section-unavailable");
  });
});
