// The identities[] of findings.json: who holds a credential or a privilege, what they can reach
// and in which order to fix them. Shared contract with the reporters that render "fix first":
// fields may be added, never renamed or removed.

export type IdentityKind = "application" | "servicePrincipal" | "managedIdentity" | "user" | "group";

export interface IdentityCredential {
  type: "password" | "certificate" | "federated";
  on: "application" | "servicePrincipal";
  /** federated: the credential's id */
  keyId: string;
  displayName: string | null;
  /** ISO */
  createdOn: string | null;
  /** ISO */
  expiresOn: string | null;
  /** at collectedAt */
  ageDays: number | null;
  /** from the optional sign-in activity section; null when unknown */
  lastUsedOn: string | null;
  /** false when the section was not collected (licence, denied, not asked) */
  lastUseKnown: boolean;
}

export type PrivilegeKind = "azureRole" | "entraRole" | "appPermission" | "delegatedPermission" | "owner";

export interface IdentityPrivilege {
  kind: PrivilegeKind;
  /** role name, permission value, or "owner of <app name>" */
  name: string;
  /** ARM scope, directory scope, resource API name, or owned object id */
  target: string;
  /** subscription / management group display name, app name… */
  targetName: string | null;
  /** group display names from the holder outward; [] when direct */
  via: string[];
  /** PIM eligible rather than standing */
  eligible: boolean;
  condition: string | null;
  /** the classification tier/reason when privileged */
  tier: string | null;
}

/** source: doc URL naming why the edge exists */
export interface BlastStep {
  from: string;
  edge: string;
  to: string;
  source: string;
}

/** reach: what the path ends at, readable */
export interface BlastPath {
  steps: BlastStep[];
  reach: string;
}

export type RiskLevel = "critical" | "high" | "medium" | "low";

export interface IdentityEntry {
  /** `${kind}:${objectId}`: stable */
  key: string;
  kind: IdentityKind;
  objectId: string;
  appId: string | null;
  displayName: string | null;
  credentials: IdentityCredential[];
  privileges: IdentityPrivilege[];
  /** fingerprints of this identity's findings, sorted */
  findings: string[];
  /** 1 = fix first */
  rank: number;
  risk: { score: number; level: RiskLevel; reason: string };
  /** the heaviest paths, at most MAX_BLAST_PATHS (blast-radius.ts) */
  blastRadius: BlastPath[];
  /** how many distinct paths the identity has; more than blastRadius.length when capped */
  blastRadiusTotal: number;
}
