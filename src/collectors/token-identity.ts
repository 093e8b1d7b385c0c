// Who the scan runs as: the `oid` (object id of the signed-in identity) and `tid` claims of the ARM
// access token, as Entra issues them ("Access token claims reference",
// https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
// The payload is decoded without verifying the signature: the token came from the token endpoint
// over TLS and is only read to know who we are, never trusted for access. The token itself is
// never logged or stored; only the object id goes into the inventory.
import { isGuid } from "../inventory/guid.ts";

export interface TokenIdentity {
  objectId: string;
  tenantId: string | null;
}

/** The identity an access token was issued to, or null when it is not a JWT carrying an `oid`. */
export function tokenIdentity(accessToken: string): TokenIdentity | null {
  const parts = accessToken.split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== "object") return null;
  const { oid, tid } = claims as { oid?: unknown; tid?: unknown };
  if (!isGuid(oid)) return null;
  return { objectId: oid.toLowerCase(), tenantId: isGuid(tid) ? tid.toLowerCase() : null };
}
