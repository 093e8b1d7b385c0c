// Credential last use (AuditLog.Read.All not granted): Graph's application credential activity report, collected through
// the real Graph client from the emulator. One emulator per file: the SDK's token cache is per process.
import { describe, expect, it } from "vitest";
import { demoInventoryBeforeAll, judge } from "./support/credential-sign-ins.ts";

const collected = demoInventoryBeforeAll((f) => f, { denyScopes: ["/beta/reports"] });

describe("credential last use", () => {
  it("without AuditLog.Read.All: unavailable naming the permission, the scan still complete", () => {
    const denied = collected();
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
