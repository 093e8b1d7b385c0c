// What every collector shares: the context it is given, how a failure becomes an unavailable
// section or a gap (with the permission that was missing), and deterministic ordering.
import type { CoverageGap, CoverageNote, Section } from "../inventory/types.ts";
import type { AzureClients } from "./clients.ts";
import type { Limiter } from "./limit.ts";
import type { Progress } from "./progress.ts";
import { WireError } from "./wire/errors.ts";

export interface CollectContext {
  clients: AzureClients;
  limit: Limiter;
  progress: Progress;
  /** stderr: programming errors are logged here as well as marking the section unavailable */
  logError: (line: string) => void;
}

export interface Collected<T> {
  items: T[];
  gaps?: CoverageGap[];
  /** scopes excluded or answered "not there" on purpose: named in the coverage, not gaps */
  notes?: CoverageNote[];
  /** how many scopes were tried; when every one of them failed the section is unavailable */
  attempted?: number;
}

export interface ErrorDescription {
  reason: string;
  status?: number;
  missingPermission?: string;
  /** a bug in azaudit rather than an answer from Azure */
  programming: boolean;
}

const PROGRAMMING = [TypeError, ReferenceError, RangeError, SyntaxError];

export function describeError(err: unknown, defaultPermission?: string): ErrorDescription {
  const e: { statusCode?: number; code?: string; message?: string; name?: string } =
    typeof err === "object" && err !== null ? err : {};
  const status = typeof e.statusCode === "number" && e.statusCode > 0 ? e.statusCode : undefined;
  const message = oneLine(e.message ?? String(err));
  if (status !== undefined) {
    const code = e.code && !message.startsWith(e.code) ? `${e.code}: ` : "";
    const reason = `HTTP ${status} ${code}${message}`;
    let missingPermission: string | undefined;
    if (status === 403 || status === 401) {
      const m = /perform action '([^']+)'/i.exec(message);
      missingPermission = m?.[1] ?? defaultPermission;
    }
    return { reason: truncate(reason), status, missingPermission, programming: false };
  }
  if (err instanceof WireError) return { reason: truncate(message), programming: false };
  const programming =
    PROGRAMMING.some((C) => err instanceof C) && !(err instanceof SyntaxError && /JSON/.test(message));
  return { reason: truncate(`${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${message}`), programming };
}

export function gapFrom(scope: string, err: unknown, defaultPermission?: string): CoverageGap {
  const d = describeError(err, defaultPermission);
  return d.missingPermission
    ? { scope, reason: d.reason, missingPermission: d.missingPermission }
    : { scope, reason: d.reason };
}

/** A bug in azaudit (TypeError and friends): it ends the section rather than becoming a gap. */
export function isProgrammingError(err: unknown): boolean {
  return describeError(err).programming;
}

export async function runSection<T>(
  ctx: CollectContext,
  name: string,
  defaultPermission: string | undefined,
  fn: () => Promise<Collected<T>>,
  key: (item: T) => string,
): Promise<Section<T>> {
  ctx.progress.section(name, "started");
  try {
    const r = await fn();
    const gaps = sortGaps(r.gaps ?? []);
    const first = gaps[0];
    if (first && r.attempted !== undefined && r.attempted > 0 && gaps.length >= r.attempted && r.items.length === 0) {
      const reason = `every scope failed (${gaps.length}): ${first.reason}`;
      ctx.progress.section(name, "unavailable", reason);
      return first.missingPermission
        ? { status: "unavailable", reason, missingPermission: first.missingPermission }
        : { status: "unavailable", reason };
    }
    const items = sortBy(r.items, key);
    const notes = sortBy(r.notes ?? [], (n) => `${n.scope.toLowerCase()}\u0000${n.reason}`);
    ctx.progress.section(
      name,
      gaps.length ? "partial" : "ok",
      `${items.length} item${items.length === 1 ? "" : "s"}${gaps.length ? `, ${gaps.length} gap${gaps.length === 1 ? "" : "s"}` : ""}`,
    );
    return { status: "ok", items, ...(gaps.length ? { gaps } : {}), ...(notes.length ? { notes } : {}) };
  } catch (err) {
    const d = describeError(err, defaultPermission);
    // Only a bug in azaudit earns a stack trace; an answer (or silence) from Azure is reported
    // as the section's reason, on stderr and in every report.
    if (d.programming)
      ctx.logError(`azaudit: collector ${name} failed: ${(err instanceof Error ? err.stack : undefined) ?? d.reason}`);
    ctx.progress.section(name, "unavailable", d.reason);
    return d.missingPermission
      ? { status: "unavailable", reason: d.reason, missingPermission: d.missingPermission }
      : { status: "unavailable", reason: d.reason };
  }
}

export function sortBy<T>(items: T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.item);
}

export function sortStrings(xs: readonly string[]): string[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Gaps deduped by scope and reason, in a stable order. */
export function sortGaps(gaps: CoverageGap[]): CoverageGap[] {
  const seen = new Set<string>();
  const unique = gaps.filter((g) => {
    const k = `${g.scope.toLowerCase()}\u0000${g.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return sortBy(unique, (g) => `${g.scope.toLowerCase()}\u0000${g.reason}`);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function truncate(s: string, n = 500): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

export function bool(v: unknown): boolean | null {
  return typeof v === "boolean" ? v : null;
}

export function iso(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return typeof v === "string" ? v : null;
}

export function tagsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== "object") return out;
  for (const k of sortStrings(Object.keys(v))) {
    out[k] = tagValue((v as Record<string, unknown>)[k]);
  }
  return out;
}

function tagValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "";
  // Azure's tag values are strings; anything else stays readable rather than "[object Object]".
  return JSON.stringify(v);
}
