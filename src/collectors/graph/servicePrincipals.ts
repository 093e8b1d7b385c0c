// Service principals (applications, managed identities, legacy): one paged list.
import type { Section, ServicePrincipal } from "../../inventory/types.ts";
import { bool, runSection, sortStrings, str, type CollectContext } from "../section.ts";
import { keyCredentials, passwordCredentials } from "./common.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const SELECT =
  "id,appId,displayName,servicePrincipalType,accountEnabled,appOwnerOrganizationId,passwordCredentials,keyCredentials,alternativeNames,preferredSingleSignOnMode";

export interface RawSp {
  id: string;
  appId?: string;
  displayName?: string;
  servicePrincipalType?: string | null;
  accountEnabled?: boolean | null;
  appOwnerOrganizationId?: string | null;
  passwordCredentials?: unknown;
  keyCredentials?: unknown;
  alternativeNames?: string[] | null;
  preferredSingleSignOnMode?: string | null;
}

/** A managed identity's alternativeNames hold the ARM id of its resource (or of the user-assigned identity). */
export function managedIdentityResourceId(sp: {
  servicePrincipalType?: string | null;
  alternativeNames?: string[] | null;
}): string | null {
  if ((sp.servicePrincipalType ?? "").toLowerCase() !== "managedidentity") return null;
  return (sp.alternativeNames ?? []).find((n) => n.toLowerCase().startsWith("/subscriptions/")) ?? null;
}

export function toServicePrincipal(sp: RawSp): ServicePrincipal {
  return {
    id: sp.id.toLowerCase(),
    appId: (sp.appId ?? "").toLowerCase(),
    displayName: sp.displayName ?? "",
    servicePrincipalType: str(sp.servicePrincipalType),
    accountEnabled: bool(sp.accountEnabled),
    appOwnerOrganizationId: str(sp.appOwnerOrganizationId)?.toLowerCase() ?? null,
    passwordCredentials: passwordCredentials(sp.passwordCredentials),
    keyCredentials: keyCredentials(sp.keyCredentials),
    alternativeNames: sortStrings(sp.alternativeNames ?? []),
    managedIdentityResourceId: managedIdentityResourceId(sp),
    preferredSingleSignOnMode: str(sp.preferredSingleSignOnMode),
  };
}

export async function collectServicePrincipals(ctx: CollectContext): Promise<Section<ServicePrincipal>> {
  return runSection<ServicePrincipal>(
    ctx,
    "servicePrincipals",
    "Application.Read.All",
    async () => {
      const items: ServicePrincipal[] = [];
      // The walk is one leaf task under the limiter: one request in flight, counted in the bound.
      await ctx.limit(async () => {
        for await (const page of ctx.clients.graphPages<RawSp>(`servicePrincipals?$select=${SELECT}&$top=999`)) {
          for (const sp of page) {
            items.push(toServicePrincipal(sp));
          }
        }
      });
      return { items };
    },
    SECTION_ORDER.servicePrincipals,
  );
}
