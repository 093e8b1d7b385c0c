// Credential last use (no Entra ID P1/P2 licence): Graph's application credential activity report, collected through
// the real Graph client from the emulator. One emulator per file: the SDK's token cache is per process.
import { describe, expect, it } from "vitest";
import { demoInventoryBeforeAll, judge } from "./support/credential-sign-ins.ts";

const collected = demoInventoryBeforeAll((f) => ({ ...f, reports: { premiumLicence: false } }));

describe("credential last use", () => {
  it("without an Entra ID P1/P2 licence: a note naming Graph's answer, the rule skipped, the scan complete", () => {
    const noLicence = collected();
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
