// An app registration (application) as Graph lists it, in the order of Graph's example, plus the
// fixture-only `federatedIdentityCredentials` and `owners` the emulator serves at their own paths.
import type { GraphEntity, Json, JsonObject } from "../types.ts";

export interface ApplicationSpec {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  publisherDomain: string;
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs" | "AzureADandPersonalMicrosoftAccount";
  identifierUris?: string[];
  description?: string | null;
  notes?: string | null;
  keyCredentials?: JsonObject[];
  passwordCredentials?: JsonObject[];
  requiredResourceAccess?: Json[];
  /** redirect URIs per platform; a platform left out has none */
  redirectUris?: { publicClient?: string[]; spa?: string[]; web?: string[] };
  homePageUrl?: string | null;
  federatedIdentityCredentials?: JsonObject[];
  /** user object ids */
  owners?: string[];
}

export function applicationWire(a: ApplicationSpec): GraphEntity {
  return {
    id: a.id,
    deletedDateTime: null,
    appId: a.appId,
    applicationTemplateId: null,
    identifierUris: a.identifierUris ?? [],
    createdDateTime: a.createdDateTime,
    description: a.description ?? null,
    displayName: a.displayName,
    notes: a.notes ?? null,
    publisherDomain: a.publisherDomain,
    signInAudience: a.signInAudience,
    tags: [],
    publicClient: { redirectUris: a.redirectUris?.publicClient ?? [] },
    keyCredentials: a.keyCredentials ?? [],
    passwordCredentials: a.passwordCredentials ?? [],
    requiredResourceAccess: a.requiredResourceAccess ?? [],
    spa: { redirectUris: a.redirectUris?.spa ?? [] },
    web: {
      redirectUris: a.redirectUris?.web ?? [],
      homePageUrl: a.homePageUrl ?? null,
      logoutUrl: null,
      implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
    },
    federatedIdentityCredentials: a.federatedIdentityCredentials ?? [],
    owners: a.owners ?? [],
  };
}
