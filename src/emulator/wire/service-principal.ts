// A service principal as Graph lists it (`GET /servicePrincipals`), plus the fixture-only `owners`
// and `appRoleAssignments` the emulator serves at their own paths. Fields are in the order Graph
// v1.0 returns them: `id` first, then the rest, the collections last.
import type { GraphEntity, Json, JsonObject } from "../types.ts";

export type VerifiedPublisher = {
  displayName: string | null;
  verifiedPublisherId: string | null;
  addedDateTime: string | null;
};

export interface ServicePrincipalSpec {
  id: string;
  appId: string;
  displayName: string;
  /** the application's name; null on a managed identity, which has no application object */
  appDisplayName: string | null;
  /** the tenant that registered the app: Microsoft's for first-party apps, null for managed identities */
  appOwnerOrganizationId: string | null;
  servicePrincipalType: "Application" | "ManagedIdentity" | "Legacy" | "SocialIdp";
  signInAudience: string;
  createdDateTime?: string | null;
  /** on a managed identity: `isExplicit=True|False` and the resource id it belongs to */
  alternativeNames?: string[];
  servicePrincipalNames: string[];
  tags?: string[];
  homepage?: string | null;
  /** `saml` on an enterprise app set up for SAML single sign-on */
  preferredSingleSignOnMode?: string | null;
  publisherName?: string | null;
  verifiedPublisher?: VerifiedPublisher;
  appRoles?: Json[];
  oauth2PermissionScopes?: Json[];
  keyCredentials?: JsonObject[];
  passwordCredentials?: JsonObject[];
  /** fixture-only: user object ids served at `/servicePrincipals/{id}/owners` */
  owners?: string[];
  /** fixture-only: served at `/servicePrincipals/{id}/appRoleAssignments` */
  appRoleAssignments?: JsonObject[];
}

const NO_VERIFIED_PUBLISHER: VerifiedPublisher = { displayName: null, verifiedPublisherId: null, addedDateTime: null };

export function servicePrincipalWire(s: ServicePrincipalSpec): GraphEntity {
  const sp: GraphEntity = {
    id: s.id,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: s.alternativeNames ?? [],
    appDisplayName: s.appDisplayName,
    appId: s.appId,
    appOwnerOrganizationId: s.appOwnerOrganizationId,
    appRoleAssignmentRequired: false,
    createdDateTime: s.createdDateTime ?? null,
    description: null,
    displayName: s.displayName,
    homepage: s.homepage ?? null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    preferredSingleSignOnMode: s.preferredSingleSignOnMode ?? null,
    publisherName: s.publisherName ?? null,
    replyUrls: [],
    servicePrincipalNames: s.servicePrincipalNames,
    servicePrincipalType: s.servicePrincipalType,
    signInAudience: s.signInAudience,
    tags: s.tags ?? [],
    verifiedPublisher: { ...(s.verifiedPublisher ?? NO_VERIFIED_PUBLISHER) },
    appRoles: s.appRoles ?? [],
    oauth2PermissionScopes: s.oauth2PermissionScopes ?? [],
    keyCredentials: s.keyCredentials ?? [],
    passwordCredentials: s.passwordCredentials ?? [],
  };
  if (s.owners) sp.owners = s.owners;
  if (s.appRoleAssignments) sp.appRoleAssignments = s.appRoleAssignments;
  return sp;
}
