import type { CoverageGap } from "../inventory/types.ts";

/** Scopes named per stderr line before the rest are counted: the reports list every one. */
const GAP_SCOPES_SHOWN = 3;

/**
 * One line per section and cause: a missing shard or a role missing on hundreds of subscriptions
 * is one problem, not hundreds of lines that bury the verdict.
 */
export function gapLines(section: string, gaps: readonly CoverageGap[]): string[] {
  const byCause = new Map<string, { reason: string; missingPermission: string | undefined; scopes: string[] }>();
  for (const g of gaps) {
    const key = `${g.reason}\u0000${g.missingPermission ?? ""}`;
    const cause = byCause.get(key);
    if (cause) cause.scopes.push(g.scope);
    else byCause.set(key, { reason: g.reason, missingPermission: g.missingPermission, scopes: [g.scope] });
  }
  return [...byCause.values()].map(({ reason, missingPermission, scopes }) => {
    const shown = scopes.slice(0, GAP_SCOPES_SHOWN).join(", ");
    const more = scopes.length - GAP_SCOPES_SHOWN;
    const where =
      more > 0 ? `${shown} and ${more} more scope${more === 1 ? "" : "s"} (all listed in the reports)` : shown;
    return `could not read ${section} at ${where}: ${reason}${missingPermission ? ` (needs ${missingPermission})` : ""}`;
  });
}
