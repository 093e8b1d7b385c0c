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

/** Items by a key, in list order within each group. Unlike indexBy the key is used as given. */
export function groupBy<T, K>(list: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = map.get(k);
    if (group) group.push(item);
    else map.set(k, [item]);
  }
  return map;
}
