export const MS_PER_DAY = 86_400_000;

/** null for a missing or unparseable date: callers decide what "no date" means for them. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / MS_PER_DAY);
}

/** The calendar date part, for messages: `2026-03-01`. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
