import type { KeyCredential, ServicePrincipal } from "../../inventory/types.ts";

// The certificate pair Entra creates for SAML token signing (servicePrincipal:
// addTokenSigningCertificate, or the Single sign-on blade): a `Sign` key holding the private key
// and a `Verify` key holding the public key, both with the same customKeyIdentifier (the
// certificate's thumbprint), on a service principal set up for SAML single sign-on
// (preferredSingleSignOnMode `saml`). It signs the tokens Entra issues to the app; nobody signs in
// with it. https://learn.microsoft.com/en-us/graph/api/serviceprincipal-addtokensigningcertificate

const usage = (k: KeyCredential) => (k.usage ?? "").trim().toLowerCase();

/** keyIds of the service principal's key credentials that belong to a SAML token-signing pair. */
export function samlSigningKeyIds(sp: ServicePrincipal): Set<string> {
  if ((sp.preferredSingleSignOnMode ?? "").trim().toLowerCase() !== "saml") return new Set();
  const byIdentifier = new Map<string, KeyCredential[]>();
  for (const k of sp.keyCredentials) {
    const id = k.customKeyIdentifier?.trim();
    if (!id) continue;
    byIdentifier.set(id, [...(byIdentifier.get(id) ?? []), k]);
  }
  const out = new Set<string>();
  for (const keys of byIdentifier.values()) {
    if (keys.some((k) => usage(k) === "sign") && keys.some((k) => usage(k) === "verify"))
      for (const k of keys) out.add(k.keyId.toLowerCase());
  }
  return out;
}

/** The service principal's certificates that are not a SAML token-signing pair: credentials to sign in with. */
export function servicePrincipalCertificates(sp: ServicePrincipal): KeyCredential[] {
  const saml = samlSigningKeyIds(sp);
  return sp.keyCredentials.filter((k) => !saml.has(k.keyId.toLowerCase()));
}
