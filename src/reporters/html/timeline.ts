// The credential-expiry timeline of report.html: static SVG built here, no chart library, no script.
// Every app and service principal credential when the inventory's view is given (tenant-view.ts),
// else the credentials findings name; bars coloured by how soon each credential expires.
import type { Finding } from "../../engine/finding.ts";
import type { CredentialView, TenantView } from "../tenant-view.ts";
import { h } from "./text.ts";
import { URGENCIES, URGENCY_LABEL, urgencyOf, type Urgency } from "./urgency.ts";

const MS_PER_DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Months shown after the expired bar, starting with the month of collectedAt. */
export const TIMELINE_MONTHS = 12;
/** Rows in the "expiring soonest" list under the chart. */
const LIST_MAX = 50;

export interface CredentialExpiry {
  /** Whose credential: the app or service principal's name, and what it is. */
  holder: string;
  holderKind: string;
  keyId: string;
  type: string;
  at: Date;
  days: number;
  /** -1 expired, 0..11 months from now, 12 later. */
  bucket: number;
  urgency: Urgency;
  /** Rules with a finding on this credential (same keyId), sorted. */
  rules: string[];
}

export interface Expiries {
  /** "all": every credential of the tenant's apps and service principals; "findings": those findings name. */
  from: "all" | "findings";
  dated: CredentialExpiry[];
  /** Credentials without an end date. */
  noEnd: number;
}

function numberField(f: Finding, key: string): number | null {
  const v = f.evidence[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function monthIndex(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function bucketOf(at: Date, now: Date): number {
  if (at.getTime() < now.getTime()) return -1;
  return Math.min(monthIndex(at) - monthIndex(now), TIMELINE_MONTHS);
}

function expiry(
  e: Omit<CredentialExpiry, "days" | "bucket" | "urgency" | "at">,
  at: Date,
  now: Date,
): CredentialExpiry {
  const days = Math.floor((at.getTime() - now.getTime()) / MS_PER_DAY);
  return { ...e, at, days, bucket: bucketOf(at, now), urgency: urgencyOf(days) };
}

/** Rule ids of the findings on each credential, by lower-cased keyId. */
function rulesByKeyId(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    const k = f.evidence.keyId;
    if (typeof k !== "string") continue;
    const list = out.get(k.toLowerCase()) ?? [];
    if (!list.includes(f.ruleId)) list.push(f.ruleId);
    out.set(k.toLowerCase(), list);
  }
  for (const list of out.values()) list.sort();
  return out;
}

function sortDated(dated: CredentialExpiry[]): CredentialExpiry[] {
  const tie = (e: CredentialExpiry) => `${e.holder}|${e.keyId}`;
  return dated.sort((a, b) => a.at.getTime() - b.at.getTime() || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0));
}

/**
 * Every credential's expiry, when the view is given; else one per credential named by findings
 * (two rules firing on the same secret count once). `now` is the inventory's collectedAt, never
 * the wall clock, so the report is reproducible.
 */
export function credentialExpiries(findings: readonly Finding[], now: Date, view?: TenantView): Expiries {
  const rules = rulesByKeyId(findings);
  if (view) return fromView(view.credentials, rules, now);
  const seen = new Set<string>();
  const dated: CredentialExpiry[] = [];
  let noEnd = 0;
  for (const f of findings) {
    const ev = f.evidence;
    const hasEnd = Object.prototype.hasOwnProperty.call(ev, "endDateTime");
    const days = numberField(f, "daysUntilExpiry") ?? numberField(f, "daysLeft");
    if (!hasEnd && days === null) continue;
    const keyId = typeof ev.keyId === "string" ? ev.keyId : "";
    const key = `${f.resource.id.toLowerCase()}|${keyId ? keyId.toLowerCase() : f.fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let at: Date | null = null;
    if (typeof ev.endDateTime === "string") {
      const d = new Date(ev.endDateTime);
      if (!Number.isNaN(d.getTime())) at = d;
    }
    if (!at && days !== null) at = new Date(now.getTime() + days * MS_PER_DAY);
    if (!at) {
      if (hasEnd && ev.endDateTime === null) noEnd++;
      continue;
    }
    const holder = f.resource.displayName ?? f.resource.id;
    const on = keyId ? (rules.get(keyId.toLowerCase()) ?? [f.ruleId]) : [f.ruleId];
    dated.push(expiry({ holder, holderKind: f.resource.type, keyId, type: typeKind(f), rules: on }, at, now));
  }
  return { from: "findings", dated: sortDated(dated), noEnd };
}

function typeKind(f: Finding): string {
  const t = f.evidence.credentialType ?? f.evidence.type;
  return typeof t === "string" ? t : "";
}

function fromView(creds: readonly CredentialView[], rules: Map<string, string[]>, now: Date): Expiries {
  const dated: CredentialExpiry[] = [];
  let noEnd = 0;
  for (const c of creds) {
    const at = c.endDateTime === null ? null : new Date(c.endDateTime);
    if (!at || Number.isNaN(at.getTime())) {
      noEnd++;
      continue;
    }
    dated.push(
      expiry(
        {
          holder: c.holderName,
          holderKind: c.holder === "application" ? "app registration" : "service principal",
          keyId: c.keyId,
          type: c.type,
          rules: rules.get(c.keyId.toLowerCase()) ?? [],
        },
        at,
        now,
      ),
    );
  }
  return { from: "all", dated: sortDated(dated), noEnd };
}

function bucketLabel(bucket: number, now: Date): [string, string] {
  if (bucket < 0) return ["Expired", ""];
  if (bucket >= TIMELINE_MONTHS) return ["Later", ""];
  const m = now.getUTCMonth() + bucket;
  return [MONTHS[m % 12] ?? "", String(now.getUTCFullYear() + Math.floor(m / 12))];
}

/** The SVG bar chart: expired, the next 12 months, later; bars stacked by urgency. */
export function renderTimelineSvg(ex: Expiries, now: Date): string {
  const buckets: Record<Urgency, number>[] = [];
  for (let i = -1; i <= TIMELINE_MONTHS; i++) buckets.push({ expired: 0, d30: 0, d90: 0, later: 0, never: 0 });
  for (const e of ex.dated) {
    const b = buckets[e.bucket + 1];
    if (b) b[e.urgency] += 1;
  }
  const totals = buckets.map((b) => URGENCIES.reduce((n, u) => n + b[u], 0));
  const max = Math.max(1, ...totals);

  const slot = 56;
  const barW = 36;
  const left = 8;
  const top = 22;
  const plotH = 140;
  const width = left * 2 + slot * buckets.length;
  const height = top + plotH + 40;
  const baseY = top + plotH;
  const out: string[] = [];
  out.push(
    `<svg class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="tl-title" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="tl-title">Credentials by expiry month: ${ex.dated.length} with a date</title>`,
    `<rect class="tl-expired-bg" x="${left}" y="${top - 18}" width="${slot}" height="${plotH + 18}"/>`,
  );
  buckets.forEach((b, i) => {
    const bucket = i - 1;
    const x = left + i * slot + (slot - barW) / 2;
    const [label, year] = bucketLabel(bucket, now);
    const parts = URGENCIES.filter((u) => b[u] > 0).map((u) => `${b[u]} ${URGENCY_LABEL[u]}`);
    const name = year ? `${label} ${year}` : label;
    out.push(
      `<g class="tl-bar"><title>${h(`${name}: ${totals[i]} credential${totals[i] === 1 ? "" : "s"}${parts.length ? ` (${parts.join(", ")})` : ""}`)}</title>`,
    );
    let y = baseY;
    // Most urgent at the bottom of the stack.
    for (const u of URGENCIES) {
      if (b[u] === 0) continue;
      const hgt = Math.max(2, Math.round((b[u] / max) * plotH));
      y -= hgt;
      out.push(`<rect class="u-${u}" x="${x}" y="${y}" width="${barW}" height="${hgt}"/>`);
    }
    out.push(`<text class="tl-count" x="${x + barW / 2}" y="${y - 4}">${totals[i]}</text>`);
    out.push(`<text class="tl-label" x="${x + barW / 2}" y="${baseY + 16}">${label}</text>`);
    if (year) out.push(`<text class="tl-year" x="${x + barW / 2}" y="${baseY + 30}">${year}</text>`);
    out.push(`</g>`);
  });
  out.push(`<line class="tl-axis" x1="${left}" y1="${baseY}" x2="${width - left}" y2="${baseY}"/>`);
  out.push(`<line class="tl-now" x1="${left + slot}" y1="${top - 18}" x2="${left + slot}" y2="${baseY + 4}"/>`);
  out.push(`</svg>`);
  return out.join("");
}

export function renderLegend(): string {
  return `<div class="legend">${URGENCIES.map((u) => `<span><i class="u-${u}"></i>${URGENCY_LABEL[u]}</span>`).join("")}</div>`;
}

/** A table of the credentials expired or expiring within the window, soonest first. */
export function renderExpiryList(ex: Expiries): string {
  const within = ex.dated.filter((e) => e.bucket < TIMELINE_MONTHS);
  if (within.length === 0)
    return `<p class="muted">No credential has expired or expires within ${TIMELINE_MONTHS} months.</p>`;
  const rows = within.slice(0, LIST_MAX).map((e) => {
    const when =
      e.days < 0
        ? `expired ${-e.days} day${e.days === -1 ? "" : "s"} ago`
        : `in ${e.days} day${e.days === 1 ? "" : "s"}`;
    const rules = e.rules.length
      ? e.rules.map((r) => `<a href="#rule-${h(r)}"><code>${h(r)}</code></a>`).join(" ")
      : '<span class="muted">none</span>';
    return `<tr><td data-l="expires" class="mono">${h(e.at.toISOString().slice(0, 10))}</td><td data-l="when"><span class="u u-${e.urgency}">${h(when)}</span></td><td data-l="holder">${h(e.holder)} <span class="muted">${h(e.holderKind)}</span></td><td data-l="credential" class="mono">${h(e.type ? `${e.type} ` : "")}${h(e.keyId)}</td><td data-l="findings">${rules}</td></tr>`;
  });
  const more =
    within.length > LIST_MAX
      ? `<p class="muted">and ${within.length - LIST_MAX} more: search the findings table.</p>`
      : "";
  return `<table class="grid compact stack"><thead><tr><th>expires</th><th>when</th><th>holder</th><th>credential</th><th>findings</th></tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
}
