// Sections built from an export: sorted as the live collectors sort them (byte-identical
// inventories for the same tenant), unavailable with the file that was missing.
import { sortBy } from "../../collectors/section.ts";
import type { CoverageGap, Section, SectionUnavailable } from "../../inventory/types.ts";

export function okSection<T>(items: T[], key: (item: T) => string, gaps: CoverageGap[] = []): Section<T> {
  const sorted = sortBy(items, key);
  const g = sortBy(gaps, (x) => `${x.scope.toLowerCase()}\u0000${x.reason}`);
  return g.length ? { status: "ok", items: sorted, gaps: g } : { status: "ok", items: sorted };
}

/** The reason a missing file gives, naming it and the command that writes it. */
export function missingReason(file: string, command: string): string {
  return `not in the export: ${file} is missing (the output of \`${command}\`)`;
}

export function missingFile(file: string, command: string): SectionUnavailable {
  return { status: "unavailable", reason: missingReason(file, command) };
}

export function unavailableBecause(what: string, upstream: Section<unknown>): SectionUnavailable {
  return { status: "unavailable", reason: upstream.status === "unavailable" ? `${what}: ${upstream.reason}` : what };
}

/** A paged list whose last exported page still names a next one: part of the list is missing. */
export function truncationGap(scope: string, lastPage: string): CoverageGap {
  return { scope, reason: `the export stops after ${lastPage}, whose answer names a next page that was not exported` };
}
