// Object ids, tenant ids, subscription ids, app ids and role definition names are GUIDs in Entra
// and ARM. Anything else where one is expected is not believed, and never goes into a path.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID in its usual 8-4-4-4-12 hex form, in either case. */
export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}
