import { appPermissionGrantClass, delegatedScopeRisk } from "../classification/index.ts";
import type { Finding } from "../engine/finding.ts";
import type { Inventory, KeyCredential, PasswordCredential } from "../inventory/types.ts";
import { optionalItems } from "../rules/support/sections.ts";
import { blastRadius } from "./blast-radius.ts";
import { holderIndex, type Holder } from "./holders.ts";
import { rankIdentities } from "./rank.ts";
import { roleHoldings, type RoleHolding } from "./role-privileges.ts";
import type { IdentityCredential, IdentityEntry, IdentityPrivilege } from "./types.ts";

const MS_PER_DAY = 86_400_000;

/** An identity being assembled: what it holds, before blast radius and rank. */
export interface IdentityDraft {
  holder: Holder;
  credentials: IdentityCredential[];
  privileges: IdentityPrivilege[];
  /** Its Azure and Entra roles with their permissions, for the escalation edges. */
  roles: RoleHolding[];
  findings: Finding[];
}

/**
 * Every app registration, service principal, managed identity, user and group that holds a
 * credential or a privilege, with its findings, blast radius and rank. Pure: same inventory and
 * findings, same list.
 */
export function buildIdentities(inventory: Inventory, findings: readonly Finding[]): IdentityEntry[] {
  const now = new Date(inventory.collectedAt);
  const holders = holderIndex(inventory);
  const drafts = new Map<string, IdentityDraft>();
  const draft = (h: Holder): IdentityDraft => {
    let d = drafts.get(h.key);
    if (!d) {
      d = { holder: h, credentials: [], privileges: [], roles: [], findings: [] };
      drafts.set(h.key, d);
    }
    return d;
  };

  for (const app of holders.applications) {
    const h = holders.of(app.id);
    if (!h) continue;
    const creds = [
      ...app.passwordCredentials.map((c) => secretOrCert("password", "application", c, now)),
      ...app.keyCredentials.map((c) => secretOrCert("certificate", "application", c, now)),
      ...(app.federatedIdentityCredentials ?? []).map((f) => federated(f.id, f.name)),
    ];
    if (creds.length > 0) draft(h).credentials.push(...creds);
  }
  for (const sp of holders.servicePrincipals) {
    const h = holders.of(sp.id);
    if (!h) continue;
    const creds = [
      ...sp.passwordCredentials.map((c) => secretOrCert("password", "servicePrincipal", c, now)),
      ...sp.keyCredentials.map((c) => secretOrCert("certificate", "servicePrincipal", c, now)),
    ];
    if (creds.length > 0) draft(h).credentials.push(...creds);
  }

  for (const r of roleHoldings(inventory)) {
    const h = holders.of(r.principalId);
    if (!h) continue;
    const d = draft(h);
    d.privileges.push(r.privilege);
    d.roles.push(r);
  }
  for (const g of optionalItems(inventory, "appPermissionGrants")) {
    const h = holders.of(g.principalId, "servicePrincipal");
    if (!h) continue;
    const cls = appPermissionGrantClass(g);
    draft(h).privileges.push({
      kind: "appPermission",
      name: g.permission ?? g.appRoleId,
      target: g.resourceAppId ?? g.resourceId,
      targetName: g.resourceDisplayName,
      via: [],
      eligible: false,
      condition: null,
      tier: cls ? `${cls.tier}: ${cls.reason}` : null,
    });
  }
  for (const g of optionalItems(inventory, "delegatedGrants")) {
    const h = holders.of(g.clientId, "servicePrincipal");
    if (!h) continue;
    const resource = holders.of(g.resourceId);
    for (const scope of g.scopes) {
      const risk = delegatedScopeRisk(scope, g.resourceAppId);
      draft(h).privileges.push({
        kind: "delegatedPermission",
        name: scope,
        target: g.resourceAppId ?? g.resourceId,
        targetName: resource?.displayName ?? null,
        via: [],
        eligible: false,
        condition: g.consentType === "AllPrincipals" ? null : `consented by ${g.principalId ?? "one user"} only`,
        tier: risk && g.consentType === "AllPrincipals" ? `consented for all users: ${risk.reason}` : null,
      });
    }
  }
  for (const app of holders.applications) {
    for (const owner of app.owners ?? []) {
      const h = holders.of(owner);
      if (!h) continue;
      draft(h).privileges.push({
        kind: "owner",
        name: `owner of ${app.displayName}`,
        target: app.id.toLowerCase(),
        targetName: app.displayName,
        via: [],
        eligible: false,
        condition: null,
        tier: null,
      });
    }
  }
  // A finding naming an identity twice is listed once; a Set per identity keeps that linear.
  const listed = new Map<IdentityDraft, Set<Finding>>();
  for (const f of findings) {
    for (const id of findingSubjects(f)) {
      const h = holders.of(id);
      const d = h ? drafts.get(h.key) : undefined;
      if (!d) continue;
      let seen = listed.get(d);
      if (!seen) listed.set(d, (seen = new Set()));
      if (!seen.has(f)) {
        seen.add(f);
        d.findings.push(f);
      }
    }
  }

  const list = [...drafts.values()];
  const lastUse = lastUseOf(inventory);
  for (const d of list) {
    for (const c of d.credentials) if (c.type !== "federated") Object.assign(c, lastUse(c.keyId));
    d.credentials.sort(compareCredentials);
    d.privileges.sort(comparePrivileges);
  }
  const paths = blastRadius(inventory, list);
  return rankIdentities(list, paths, now);
}

/** A credential's last sign-in from the optional activity report; unknown when it was not collected. */
function lastUseOf(inventory: Inventory): (keyId: string) => Pick<IdentityCredential, "lastUsedOn" | "lastUseKnown"> {
  const section = inventory.credentialSignIns;
  if (section?.status !== "ok") return () => ({ lastUsedOn: null, lastUseKnown: false });
  const byKey = new Map(section.items.map((a) => [a.keyId.toLowerCase(), a.lastSignInDateTime]));
  // a credential the report does not list has no sign-in on record: known, and never
  return (keyId) => ({ lastUsedOn: byKey.get(keyId.toLowerCase()) ?? null, lastUseKnown: true });
}

/** The object ids a finding is about: the app or service principal it names, the principal of a role grant. */
function findingSubjects(f: Finding): string[] {
  const ids: string[] = [];
  const m = /^entra\/(?:applications|servicePrincipals)\/([^/]+)$/.exec(f.resource.id);
  if (m?.[1]) ids.push(m[1]);
  const principal = f.evidence.principalId;
  if (typeof principal === "string" && principal.length > 0) ids.push(principal);
  return ids;
}

function secretOrCert(
  type: "password" | "certificate",
  on: "application" | "servicePrincipal",
  c: PasswordCredential | KeyCredential,
  now: Date,
): IdentityCredential {
  const created = c.startDateTime ? Date.parse(c.startDateTime) : NaN;
  return {
    type,
    on,
    keyId: c.keyId.toLowerCase(),
    displayName: c.displayName,
    createdOn: c.startDateTime,
    expiresOn: c.endDateTime,
    ageDays: Number.isFinite(created) ? Math.floor((now.getTime() - created) / MS_PER_DAY) : null,
    lastUsedOn: null,
    lastUseKnown: false,
  };
}

function federated(id: string, name: string): IdentityCredential {
  return {
    type: "federated",
    on: "application",
    keyId: id.toLowerCase(),
    displayName: name,
    createdOn: null,
    expiresOn: null,
    ageDays: null,
    lastUsedOn: null,
    lastUseKnown: false,
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareCredentials(a: IdentityCredential, b: IdentityCredential): number {
  return cmp(a.on, b.on) || cmp(a.type, b.type) || cmp(a.keyId, b.keyId);
}

function comparePrivileges(a: IdentityPrivilege, b: IdentityPrivilege): number {
  return (
    cmp(a.kind, b.kind) ||
    cmp(a.target.toLowerCase(), b.target.toLowerCase()) ||
    cmp(a.name, b.name) ||
    cmp(a.via.join("/"), b.via.join("/")) ||
    Number(a.eligible) - Number(b.eligible)
  );
}
