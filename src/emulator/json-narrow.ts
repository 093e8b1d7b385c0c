/**
 * A fixture or request field as text for comparing and sorting. Fixtures are hand-edited JSON, so a
 * field that should hold a string may hold a number or nothing; objects never stand for text here.
 */
export function jsonText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** a parsed request body that is a JSON object (not an array, not null) */
export function isJsonRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
