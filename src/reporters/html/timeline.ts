// The credential-expiry timeline of report.html: static SVG built here, no chart library, no script.
import { SEVERITY_RANK, type Finding } from "../../engine/finding.ts";
import { SEVERITIES, type Severity } from "../../rules/types.ts";
import { h } from "./text.ts";

const MS_PER_DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Months shown after the expired bar, starting with the month of collectedAt. */
export const TIMELINE_MONTHS = 12;
/** Rows in the "expiring soonest" list under the chart. */
const LIST_MAX = 50;

export interface CredentialExpiry {
  finding: Finding;
  /** When the credential expires; from evidence.endDateTime, else now + daysUntilExpiry/daysLeft. */
  at: Date;
  days: number;
  /** -1 expired, 0..11 months from now, 12 later. */
  bucket: number;
}

export interface Expiries {
  dated: CredentialExpiry[];
  /** Findings whose evidence says endDateTime: null (a credential that never expires). */
  noEnd: Finding[];
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

/**
 * Credentials among the findings, one per credential: two rules firing on the same secret
 * (same resource and keyId) count once, with the highest severity (findings arrive sorted).
 * `now` is the inventory's collectedAt, never the wall clock, so the report is reproducible.
 */
export function credentialExpiries(findings: readonly Finding[], now: Date): Expiries {
  const seen = new Set<string>();
  const dated: CredentialExpiry[] = [];
  const noEnd: Finding[] = [];
  for (const f of findings) {
    const ev = f.evidence;
    const hasEnd = Object.prototype.hasOwnProperty.call(ev, "endDateTime");
    const days = numberField(f, "daysUntilExpiry") ?? numberField(f, "daysLeft");
    if (!hasEnd && days === null) continue;
    const key = `${f.resource.id.toLowerCase()}|${typeof ev.keyId === "string" ? ev.keyId.toLowerCase() : f.fingerprint}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let at: Date | null = null;
    if (typeof ev.endDateTime === "string") {
      const d = new Date(ev.endDateTime);
      if (!Number.isNaN(d.getTime())) at = d;
    }
    if (!at && days !== null) at = new Date(now.getTime() + days * MS_PER_DAY);
    if (!at) {
      if (hasEnd && ev.endDateTime === null) noEnd.push(f);
      continue;
    }
    const d = Math.floor((at.getTime() - now.getTime()) / MS_PER_DAY);
    dated.push({ finding: f, at, days: d, bucket: bucketOf(at, now) });
  }
  dated.sort(
    (a, b) =>
      a.at.getTime() - b.at.getTime() ||
      SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
      (a.finding.fingerprint < b.finding.fingerprint ? -1 : a.finding.fingerprint > b.finding.fingerprint ? 1 : 0),
  );
  return { dated, noEnd };
}

function bucketLabel(bucket: number, now: Date): [string, string] {
  if (bucket < 0) return ["Expired", ""];
  if (bucket >= TIMELINE_MONTHS) return ["Later", ""];
  const m = now.getUTCMonth() + bucket;
  return [MONTHS[m % 12]!, String(now.getUTCFullYear() + Math.floor(m / 12))];
}

/** The SVG bar chart: expired, the next 12 months, later; bars stacked by severity. */
export function renderTimelineSvg(ex: Expiries, now: Date): string {
  const buckets: Record<Severity, number>[] = [];
  for (let i = -1; i <= TIMELINE_MONTHS; i++) buckets.push({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
  for (const e of ex.dated) buckets[e.bucket + 1]![e.finding.severity] += 1;
  const totals = buckets.map((b) => SEVERITIES.reduce((n, s) => n + b[s], 0));
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
    const parts = SEVERITIES.filter((s) => b[s] > 0).map((s) => `${b[s]} ${s}`);
    const name = year ? `${label} ${year}` : label;
    out.push(
      `<g class="tl-bar"><title>${h(`${name}: ${totals[i]} credential${totals[i] === 1 ? "" : "s"}${parts.length ? ` (${parts.join(", ")})` : ""}`)}</title>`,
    );
    let y = baseY;
    // Most severe at the bottom of the stack.
    for (const s of SEVERITIES) {
      if (b[s] === 0) continue;
      const hgt = Math.max(2, Math.round((b[s] / max) * plotH));
      y -= hgt;
      out.push(`<rect class="s-${s}" x="${x}" y="${y}" width="${barW}" height="${hgt}"/>`);
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

/** A table of the credentials expired or expiring within the window, soonest first. */
export function renderExpiryList(ex: Expiries): string {
  const within = ex.dated.filter((e) => e.bucket < TIMELINE_MONTHS);
  if (within.length === 0)
    return `<p class="muted">No credential in the findings has expired or expires within ${TIMELINE_MONTHS} months.</p>`;
  const rows = within.slice(0, LIST_MAX).map((e) => {
    const f = e.finding;
    const cred = typeof f.evidence.keyId === "string" ? f.evidence.keyId : "";
    const when =
      e.days < 0
        ? `expired ${-e.days} day${e.days === -1 ? "" : "s"} ago`
        : `in ${e.days} day${e.days === 1 ? "" : "s"}`;
    return `<tr><td class="mono">${h(e.at.toISOString().slice(0, 10))}</td><td class="${e.days < 0 ? "overdue" : ""}">${h(when)}</td><td><span class="badge s-${f.severity}">${f.severity}</span></td><td>${h(f.resource.displayName ?? f.resource.id)}</td><td class="mono">${h(cred)}</td><td><a href="#rule-${h(f.ruleId)}"><code>${h(f.ruleId)}</code></a></td></tr>`;
  });
  const more =
    within.length > LIST_MAX
      ? `<p class="muted">and ${within.length - LIST_MAX} more: search the findings table.</p>`
      : "";
  return `<table class="grid compact"><thead><tr><th>expires</th><th>when</th><th>severity</th><th>resource</th><th>credential keyId</th><th>rule</th></tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
}
