// The ranked identities of a ScanResult ("fix first"), as the HTML and Markdown reports read them.
// A findings.json without `identities` (older runs, `diff` inputs) renders with no fix-first section.
import type { Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";

import type {
  BlastPath,
  IdentityCredential,
  IdentityEntry,
  IdentityKind,
  IdentityPrivilege,
} from "../identities/types.ts";

export type { BlastPath, IdentityCredential, IdentityEntry, IdentityKind, IdentityPrivilege };

/** How many identities the reports open with. */
export const FIX_FIRST = 10;

export const KIND_LABEL: Record<IdentityKind, string> = {
  application: "app registration",
  servicePrincipal: "service principal",
  managedIdentity: "managed identity",
  user: "user",
  group: "group",
};

export interface FixFirst {
  /** The top FIX_FIRST by rank, each with its findings (those present in the result, in report order). */
  top: { identity: IdentityEntry; findings: Finding[] }[];
  total: number;
}

/** The fix-first list of a result; empty when the result has no `identities` (older findings.json). */
export function fixFirst(result: ScanResult): FixFirst {
  const raw: unknown = (result as { identities?: unknown }).identities;
  const all: IdentityEntry[] = Array.isArray(raw) ? (raw as IdentityEntry[]) : [];
  // Findings keep the report's order (most severe first), whatever order the identity lists them in.
  const byFingerprint = new Map(result.findings.map((f, i) => [f.fingerprint, { f, i }]));
  const top = [...all]
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, FIX_FIRST)
    .map((identity) => ({
      identity,
      findings: identity.findings
        .flatMap((fp) => byFingerprint.get(fp) ?? [])
        .sort((a, b) => a.i - b.i)
        .map((x) => x.f),
    }));
  return { top, total: all.length };
}

const MS_PER_DAY = 86_400_000;

/** Whole days from `now` to an ISO time (negative: past); null when the time is missing or invalid. */
export function daysFrom(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) || Number.isNaN(now.getTime()) ? null : Math.floor((t - now.getTime()) / MS_PER_DAY);
}

/** "expired 3 days ago" / "expires in 20 days" / "never expires". */
export function expiryText(iso: string | null, now: Date): string {
  const d = daysFrom(iso, now);
  if (iso === null) return "never expires";
  if (d === null) return `expires ${iso}`;
  if (d < 0) return `expired ${-d} day${d === -1 ? "" : "s"} ago (${iso.slice(0, 10)})`;
  return `expires in ${d} day${d === 1 ? "" : "s"} (${iso.slice(0, 10)})`;
}

/** "last used 2026-11-30" / "never used" is unknowable from metadata: "last use unknown" when not collected. */
export function lastUseText(c: IdentityCredential): string {
  if (!c.lastUseKnown) return "last use not collected";
  return c.lastUsedOn ? `last used ${c.lastUsedOn.slice(0, 10)}` : "no recorded use";
}

/** "Owner on Production (/subscriptions/…), via group Admins → All staff, eligible". */
export function privilegeParts(p: IdentityPrivilege): { what: string; target: string; notes: string[] } {
  const notes: string[] = [];
  if (p.via.length > 0) notes.push(`via group ${p.via.join(" → ")}`);
  else notes.push("direct");
  notes.push(p.eligible ? "eligible (PIM)" : "standing");
  if (p.condition) notes.push(`condition: ${p.condition}`);
  if (p.tier) notes.push(p.tier);
  return { what: p.name, target: p.targetName ? `${p.targetName} (${p.target})` : p.target, notes };
}

/** How many paths: "20 of 3412" when findings.json lists only the heaviest (older files have no total). */
export function pathCount(id: Pick<IdentityEntry, "blastRadius" | "blastRadiusTotal">): string {
  const total: unknown = id.blastRadiusTotal;
  const shown = id.blastRadius.length;
  return typeof total === "number" && total > shown ? `${shown} of ${total}` : String(shown);
}

/** A blast-radius path as one line: "app A → owns → app B → …: reach". */
export function pathText(p: BlastPath): string {
  const first = p.steps[0];
  const chain = first ? [first.from, ...p.steps.flatMap((s) => [s.edge, s.to])].join(" → ") : "";
  return chain ? `${chain}: ${p.reach}` : p.reach;
}
