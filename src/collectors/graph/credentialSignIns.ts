// When each app credential last signed in: Microsoft Graph's application credential activity
// report, `GET /beta/reports/appCredentialSignInActivities`. Beta only, global cloud only, and it
// needs an Entra ID P1/P2 licence (else 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant)
// and AuditLog.Read.All (else 403 Authorization_RequestDenied). Optional: whatever Graph answers,
// the scan is complete without it (see docs/fidelity.md).
import type { CredentialSignIn, Section } from "../../inventory/types.ts";
import { iso, runSection, str, type CollectContext } from "../section.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

export const SIGN_IN_ACTIVITY_PERMISSION = "AuditLog.Read.All";
const NO_LICENCE = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";
const REPORT = "reports/appCredentialSignInActivities";
/** The clouds Microsoft lists for these reports ("national cloud deployments": global only). */
const OFFERED_IN = new Set(["AzureCloud"]);

interface RawActivity {
  keyId?: unknown;
  appId?: unknown;
  credentialOrigin?: unknown;
  keyType?: unknown;
  signInActivity?: { lastSignInDateTime?: unknown } | null;
}

export function toCredentialSignIn(a: RawActivity): CredentialSignIn | undefined {
  const keyId = str(a.keyId);
  if (!keyId) return undefined;
  return {
    keyId: keyId.toLowerCase(),
    appId: str(a.appId)?.toLowerCase() ?? null,
    credentialOrigin: str(a.credentialOrigin),
    keyType: str(a.keyType),
    lastSignInDateTime: iso(a.signInActivity?.lastSignInDateTime),
  };
}

export async function collectCredentialSignIns(ctx: CollectContext, cloud: string): Promise<Section<CredentialSignIn>> {
  if (!OFFERED_IN.has(cloud))
    return { status: "unavailable", reason: `Graph's credential activity report is not offered in ${cloud}` };
  const section = await runSection<CredentialSignIn>(
    ctx,
    "credentialSignIns",
    SIGN_IN_ACTIVITY_PERMISSION,
    () =>
      ctx.limit(async () => {
        const items: CredentialSignIn[] = [];
        for await (const page of ctx.clients.graphPages<RawActivity>(ctx.clients.graphUrl("beta", REPORT)))
          for (const a of page) {
            const c = toCredentialSignIn(a);
            if (c) items.push(c);
          }
        return { items };
      }),
    SECTION_ORDER.credentialSignIns,
  );
  // a 403 for want of a licence is not a missing permission: granting AuditLog.Read.All would not help
  if (section.status === "unavailable" && section.reason.includes(NO_LICENCE))
    return { status: "unavailable", reason: `${section.reason} (the report needs an Entra ID P1 or P2 licence)` };
  return section;
}
