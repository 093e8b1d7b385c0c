// A delegated permission grant (oauth2PermissionGrant) as Graph lists it: the scopes a client may
// use on behalf of every user (AllPrincipals, admin consent) or of one user (Principal).
import type { GraphEntity } from "../types.ts";

export interface OAuth2PermissionGrantSpec {
  id: string;
  /** the client's service principal */
  clientId: string;
  /** the user who consented, for Principal consent; null means AllPrincipals */
  principalId: string | null;
  /** the service principal of the API, e.g. Microsoft Graph's */
  resourceId: string;
  /** space-separated delegated permission values */
  scope: string;
}

export function oauth2PermissionGrantWire(g: OAuth2PermissionGrantSpec): GraphEntity {
  return {
    clientId: g.clientId,
    consentType: g.principalId === null ? "AllPrincipals" : "Principal",
    id: g.id,
    principalId: g.principalId,
    resourceId: g.resourceId,
    scope: g.scope,
  };
}
