import type { Inventory, SectionItem, SectionName } from "../../inventory/types.ts";

/**
 * The items of a section the rule declared in `requires`. The engine only calls a rule's
 * `subjects` when those sections are ok, so an unavailable one here is a bug in the rule's meta.
 */
export function items<N extends SectionName>(inventory: Inventory, name: N): SectionItem<N>[] {
  const section = inventory[name];
  if (section.status !== "ok") {
    throw new Error(`section ${name} is unavailable: the rule must list it in meta.requires`);
  }
  return section.items as SectionItem<N>[];
}

/** Items of a section the rule can do without (enrichment only): empty when unavailable. */
export function optionalItems<N extends SectionName>(inventory: Inventory, name: N): SectionItem<N>[] {
  const section = inventory[name];
  return section.status === "ok" ? (section.items as SectionItem<N>[]) : [];
}

export function indexBy<T>(list: T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) map.set(key(item).toLowerCase(), item);
  return map;
}
