// A passwordCredential on an application or service principal, as Graph lists it (never the secret).
import type { JsonObject } from "../types.ts";

export interface PasswordCredentialSpec {
  keyId: string;
  displayName: string | null;
  startDateTime: string;
  endDateTime: string | null;
  hint: string | null;
  /** set on the PFX password of a SAML signing certificate, which shares its thumbprint */
  customKeyIdentifier?: string | null;
}

export function passwordCredentialWire(c: PasswordCredentialSpec): JsonObject {
  return {
    customKeyIdentifier: c.customKeyIdentifier ?? null,
    displayName: c.displayName,
    endDateTime: c.endDateTime,
    hint: c.hint,
    keyId: c.keyId,
    secretText: null,
    startDateTime: c.startDateTime,
  };
}
