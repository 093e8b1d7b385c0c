import { SEVERITY_RANK } from "../engine/finding.ts";
import type { Severity } from "../rules/types.ts";
import type { BlastRadius } from "./blast-radius.ts";
import type { IdentityDraft } from "./build.ts";
import type { IdentityCredential, IdentityEntry, RiskLevel } from "./types.ts";

// The order to fix identities in: what a stolen credential would reach (blast radius, 0–100),
// times how stealable the identity is (a client secret more than a certificate, a certificate more
// than federation, a managed identity least: it has no credential outside Azure), plus its open
// findings. docs/identities.md explains the numbers.

const FINDING_WEIGHT: Record<Severity, number> = { critical: 8, high: 5, medium: 2, low: 1, info: 0 };
const FINDINGS_CAP = 30;
const LEVELS: readonly [number, RiskLevel][] = [
  [80, "critical"],
  [50, "high"],
  [20, "medium"],
];

function isLive(c: IdentityCredential, now: Date): boolean {
  return c.expiresOn === null || Date.parse(c.expiresOn) > now.getTime();
}

function exposure(d: IdentityDraft, now: Date): { factor: number; what: string } {
  const live = d.credentials.filter((c) => isLive(c, now));
  switch (d.holder.kind) {
    case "managedIdentity":
      return { factor: 0.4, what: "a managed identity (no credential outside Azure)" };
    case "user":
      return { factor: 0.8, what: "a user account" };
    case "group":
      return { factor: 0.6, what: "a group (every member holds it)" };
    default:
      if (live.some((c) => c.type === "password")) return { factor: 1, what: "a live client secret" };
      if (live.some((c) => c.type === "certificate")) return { factor: 0.8, what: "a live certificate" };
      if (live.some((c) => c.type === "federated")) return { factor: 0.5, what: "federated credentials only" };
      return { factor: 0.3, what: "no live credential" };
  }
}

export function rankIdentities(
  drafts: readonly IdentityDraft[],
  paths: ReadonlyMap<string, BlastRadius>,
  now: Date,
): IdentityEntry[] {
  const scored = drafts.map((d) => {
    const radius = paths.get(d.holder.key);
    const mine = radius?.paths ?? [];
    const top = mine[0];
    const open = d.findings.filter((f) => f.state === "open");
    const findingScore = Math.min(
      FINDINGS_CAP,
      open.reduce((n, f) => n + FINDING_WEIGHT[f.severity], 0),
    );
    const { factor, what } = exposure(d, now);
    const score = Math.round((top?.weight ?? 0) * factor + findingScore);
    const level = LEVELS.find(([min]) => score >= min)?.[1] ?? "low";
    const worst = open.reduce<Severity | null>(
      (w, f) => (w === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w),
      null,
    );
    const reach = top
      ? top.path.steps.length > 1
        ? `can reach ${top.path.reach} in ${top.path.steps.length} steps`
        : `holds ${top.path.reach}`
      : "holds no privileged role or permission";
    const found =
      open.length > 0
        ? `${open.length} open finding${open.length === 1 ? "" : "s"} (worst ${worst ?? "info"})`
        : "no open finding";
    const entry: IdentityEntry = {
      key: d.holder.key,
      kind: d.holder.kind,
      objectId: d.holder.objectId,
      appId: d.holder.appId,
      displayName: d.holder.displayName,
      credentials: d.credentials,
      privileges: d.privileges,
      findings: [...new Set(d.findings.map((f) => f.fingerprint))].sort(),
      rank: 0,
      risk: { score, level, reason: `${reach}; ${what}; ${found}` },
      blastRadius: mine.map((p) => p.path),
      blastRadiusTotal: radius?.total ?? 0,
    };
    return entry;
  });
  scored.sort((a, b) => b.risk.score - a.risk.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  scored.forEach((e, i) => (e.rank = i + 1));
  return scored;
}
