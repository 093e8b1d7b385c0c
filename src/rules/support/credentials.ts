import { isMicrosoftTenant } from "../../classification/microsoft-tenants.ts";
import type {
  Application,
  Inventory,
  KeyCredential,
  PasswordCredential,
  ServicePrincipal,
} from "../../inventory/types.ts";
import { applicationRef, servicePrincipalRef } from "./refs.ts";
import { items } from "./sections.ts";
import { parseDate } from "./time.ts";
import type { ResourceRef, Severity } from "../types.ts";

// Credential facts shared by the credential rules: which service principals are platform- or
// Microsoft-managed, which passwords are really SAML signing-key passwords, what is still usable.

export function isManagedIdentity(sp: ServicePrincipal): boolean {
  return (sp.servicePrincipalType ?? "").trim().toLowerCase() === "managedidentity";
}

/** A Microsoft first-party service principal (its owner organization is one of Microsoft's tenants). */
export function isMicrosoftOwned(sp: ServicePrincipal): boolean {
  return isMicrosoftTenant(sp.appOwnerOrganizationId);
}

/**
 * keyIds of a service principal's password credentials that are the PFX password of a SAML
 * token-signing certificate: Graph's addTokenSigningCertificate stores that password with the
 * same keyId as the certificate's private key (`usage: Sign`). They are not client secrets.
 */
export function signingKeyPasswordIds(sp: ServicePrincipal): Set<string> {
  const sign = new Set(
    sp.keyCredentials.filter((k) => (k.usage ?? "").toLowerCase() === "sign").map((k) => k.keyId.toLowerCase()),
  );
  return new Set(sp.passwordCredentials.map((p) => p.keyId.toLowerCase()).filter((id) => sign.has(id)));
}

/** A service principal's password credentials that are client secrets (not signing-key passwords). */
export function servicePrincipalSecrets(sp: ServicePrincipal): PasswordCredential[] {
  const signing = signingKeyPasswordIds(sp);
  return sp.passwordCredentials.filter((p) => !signing.has(p.keyId.toLowerCase()));
}

/** Usable at `now`: no end date, or an end date after now (start dates are not judged). */
export function isActive(credential: { endDateTime: string | null }, now: Date): boolean {
  const end = parseDate(credential.endDateTime);
  return end === null || end.getTime() > now.getTime();
}

/** One credential of an app registration or service principal, in the shape the expiry rules judge. */
export interface JudgedCredential {
  kind: "secret" | "certificate";
  keyId: string;
  displayName: string | null;
  usage: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

/** What the expiry rules judge: one app registration or service principal with its credentials. */
export interface CredentialOwner {
  kind: "application" | "servicePrincipal";
  appId: string;
  displayName: string;
  resource: ResourceRef;
  credentials: JudgedCredential[];
  /**
   * false when nobody can sign in with these credentials in this tenant: the service principal is
   * disabled (for an app registration, its service principal here). null when unknown.
   */
  enabled: boolean | null;
}

function secretOf(p: PasswordCredential): JudgedCredential {
  return {
    kind: "secret",
    keyId: p.keyId,
    displayName: p.displayName,
    usage: null,
    startDateTime: p.startDateTime,
    endDateTime: p.endDateTime,
  };
}

function certificateOf(k: KeyCredential): JudgedCredential {
  return {
    kind: "certificate",
    keyId: k.keyId,
    displayName: k.displayName,
    usage: k.usage,
    startDateTime: k.startDateTime,
    endDateTime: k.endDateTime,
  };
}

/**
 * A service principal's credentials with one entry per real credential: a SAML signing certificate
 * is stored as a Sign key, a Verify key and a password (the PFX password, same keyId as the Sign
 * key). The password is dropped, and the Sign key when a Verify key with the same dates and name
 * stands for the same certificate.
 */
function servicePrincipalCredentials(sp: ServicePrincipal): JudgedCredential[] {
  const twin = (k: KeyCredential) => `${k.displayName ?? ""}|${k.startDateTime ?? ""}|${k.endDateTime ?? ""}`;
  const verify = new Set(sp.keyCredentials.filter((k) => (k.usage ?? "").toLowerCase() === "verify").map(twin));
  const keys = sp.keyCredentials.filter((k) => !((k.usage ?? "").toLowerCase() === "sign" && verify.has(twin(k))));
  return [...servicePrincipalSecrets(sp).map(secretOf), ...keys.map(certificateOf)];
}

/**
 * App registrations and the service principals whose credentials this tenant manages: managed
 * identities (credentials issued and rotated by the platform) and Microsoft's first-party service
 * principals (credentials Microsoft manages) are left out.
 */
export function credentialOwners(
  applications: Application[],
  servicePrincipals: ServicePrincipal[],
): CredentialOwner[] {
  const spByAppId = new Map(servicePrincipals.map((sp) => [sp.appId.toLowerCase(), sp]));
  const out: CredentialOwner[] = applications.map((app) => ({
    kind: "application",
    appId: app.appId,
    displayName: app.displayName,
    resource: applicationRef(app),
    credentials: [...app.passwordCredentials.map(secretOf), ...app.keyCredentials.map(certificateOf)],
    enabled: spByAppId.get(app.appId.toLowerCase())?.accountEnabled ?? null,
  }));
  for (const sp of servicePrincipals) {
    if (isManagedIdentity(sp) || isMicrosoftOwned(sp)) continue;
    out.push({
      kind: "servicePrincipal",
      appId: sp.appId,
      displayName: sp.displayName,
      resource: servicePrincipalRef(sp),
      credentials: servicePrincipalCredentials(sp),
      enabled: sp.accountEnabled,
    });
  }
  return out;
}

const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** `severity` lowered by `steps` levels, never below info. */
export function lowerSeverity(severity: Severity, steps = 1): Severity {
  return SEVERITY_ORDER[Math.min(SEVERITY_ORDER.indexOf(severity) + steps, SEVERITY_ORDER.length - 1)] ?? "info";
}

/**
 * A credential nobody can sign in with right now (its service principal is disabled) is one step
 * less severe than the same credential on an enabled one: it becomes a risk again only when someone
 * re-enables the principal.
 */
export function severityForOwner(severity: Severity, enabled: boolean | null): Severity {
  return enabled === false ? lowerSeverity(severity) : severity;
}

/** The expiry rules' subjects: credentialOwners of the applications and servicePrincipals sections. */
export function credentialOwnersOf(inventory: Inventory): CredentialOwner[] {
  return credentialOwners(items(inventory, "applications"), items(inventory, "servicePrincipals"));
}

/** An owner's credentials that have an end date, with it parsed (no end date: they never expire). */
export function credentialsWithEndDate(owner: CredentialOwner): { credential: JudgedCredential; end: Date }[] {
  return owner.credentials.flatMap((credential) => {
    const end = parseDate(credential.endDateTime);
    return end ? [{ credential, end }] : [];
  });
}

export const CREDENTIAL_LABEL = { secret: "Client secret", certificate: "Certificate" } as const;
export const OWNER_LABEL = { application: "app registration", servicePrincipal: "service principal" } as const;

/** A credential's fingerprint discriminator: `password:<keyId>` for a secret, `key:<keyId>` for a certificate. */
export function credentialDiscriminator(kind: JudgedCredential["kind"], keyId: string): string {
  return `${kind === "secret" ? "password" : "key"}:${keyId}`;
}

/**
 * What every expiry finding says of one credential: the message placeholders naming it and its
 * owner, the owner as resource, the discriminator, and the evidence facts (rules append their own).
 */
export function credentialFinding(owner: CredentialOwner, c: JudgedCredential) {
  return {
    data: {
      credentialLabel: CREDENTIAL_LABEL[c.kind],
      credentialName: c.displayName ?? "(unnamed)",
      keyId: c.keyId,
      ownerLabel: OWNER_LABEL[owner.kind],
      ownerName: owner.displayName,
    },
    resource: owner.resource,
    discriminator: credentialDiscriminator(c.kind, c.keyId),
    evidence: {
      appId: owner.appId,
      objectType: owner.kind,
      principalEnabled: owner.enabled,
      credentialType: c.kind,
      keyId: c.keyId,
      usage: c.usage,
      startDateTime: c.startDateTime,
      endDateTime: c.endDateTime,
    },
  };
}
