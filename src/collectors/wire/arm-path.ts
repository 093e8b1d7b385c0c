// Which ARM GETs read a list. ARM's URL grammar alternates resource type and name after each
// `providers/{namespace}` (and from the root without one: subscriptions/{id}/resourceGroups/…),
// so a path that ends on a type, not a name, addresses a collection, and ARM answers every
// collection with `{ value: [...], nextLink? }`.
export function isArmCollectionPath(pathname: string): boolean {
  const segments = pathname.split("/").filter(Boolean);
  if (segments.length === 0) return false;
  const lastProviders = segments.map((s) => s.toLowerCase()).lastIndexOf("providers");
  if (lastProviders === -1) return segments.length % 2 === 1;
  const afterNamespace = segments.length - lastProviders - 2;
  return afterNamespace > 0 && afterNamespace % 2 === 1;
}
