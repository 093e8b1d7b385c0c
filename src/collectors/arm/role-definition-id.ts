// Which of the ids one role definition is listed under to keep. Apart from the collector so that
// merging the parts of a split scan (offline) keeps the same one without loading the Azure SDKs.

/** Which of two ids of one role definition to keep: the unscoped one, else the smallest. */
export function preferId(candidate: string, current: string): boolean {
  const unscoped = (id: string) => id.toLowerCase().startsWith("/providers/microsoft.authorization/roledefinitions/");
  if (unscoped(candidate) !== unscoped(current)) return unscoped(candidate);
  return candidate.toLowerCase() < current.toLowerCase();
}
