// The demo tenant's application credential activity report (Graph beta
// reports/appCredentialSignInActivities, in the documented shape): most live credentials signed
// in yesterday; a few tell a story for credential-unused.
import type { JsonObject, TenantFixture } from "../emulator/types.ts";

const MS_PER_DAY = 86_400_000;

/** Apps whose credentials signed in long ago (days before now), or never (null: not in the report). */
const STALE: Record<string, number | null> = {
  "legacy-erp-integration": null, // a secret from 2021 nobody has used: delete it
  "sharepoint-sync-tool": 200, // its owner left; the sync stopped
};

interface RawCredential {
  keyId?: unknown;
  endDateTime?: unknown;
}

export function demoCredentialActivity(fixture: TenantFixture, now: Date): JsonObject[] {
  const at = (days: number) => new Date(now.getTime() - days * MS_PER_DAY).toISOString();
  const out: JsonObject[] = [];
  const add = (
    origin: "application" | "servicePrincipal",
    appId: string,
    keyType: "secret" | "certificate",
    c: RawCredential,
    days: number | null,
  ) => {
    if (typeof c.keyId !== "string" || days === null) return;
    const end = typeof c.endDateTime === "string" ? c.endDateTime : null;
    if (end !== null && Date.parse(end) <= now.getTime()) return; // an expired credential signs in no more
    out.push({
      id: Buffer.from(`${c.keyId}|${origin}`).toString("base64"),
      keyId: c.keyId,
      keyType,
      keyUsage: "verify",
      appId,
      credentialOrigin: origin,
      expirationDate: end,
      signInActivity: { lastSignInDateTime: at(days) },
    });
  };
  for (const app of fixture.graph.applications) {
    const name = typeof app.displayName === "string" ? app.displayName : "";
    const days = name in STALE ? (STALE[name] ?? null) : 1;
    const appId = typeof app.appId === "string" ? app.appId : "";
    for (const c of (app.passwordCredentials ?? []) as RawCredential[]) add("application", appId, "secret", c, days);
    for (const c of (app.keyCredentials ?? []) as RawCredential[]) add("application", appId, "certificate", c, days);
  }
  for (const sp of fixture.graph.servicePrincipals) {
    const appId = typeof sp.appId === "string" ? sp.appId : "";
    for (const c of (sp.passwordCredentials ?? []) as RawCredential[]) add("servicePrincipal", appId, "secret", c, 1);
  }
  return out;
}
