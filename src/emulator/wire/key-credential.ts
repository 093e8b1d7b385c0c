// A certificate keyCredential on an application or service principal, as Graph lists it (no key).
import type { JsonObject } from "../types.ts";

export interface KeyCredentialSpec {
  keyId: string;
  /** the certificate's thumbprint, upper-case hex */
  thumbprint: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string | null;
  usage?: "Verify" | "Sign";
}

export function keyCredentialWire(c: KeyCredentialSpec): JsonObject {
  return {
    customKeyIdentifier: c.thumbprint,
    displayName: c.displayName,
    endDateTime: c.endDateTime,
    key: null,
    keyId: c.keyId,
    startDateTime: c.startDateTime,
    type: "AsymmetricX509Cert",
    usage: c.usage ?? "Verify",
  };
}
