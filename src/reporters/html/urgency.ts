// How soon a credential needs attention, by time to expiry alone (not by the severity of a rule):
// the colour classes of the expiry timeline and of credentials in "fix first".
export type Urgency = "expired" | "d30" | "d90" | "later" | "never";

export const URGENCIES: readonly Urgency[] = ["expired", "d30", "d90", "later"];

export const URGENCY_LABEL: Record<Urgency, string> = {
  expired: "expired",
  d30: "within 30 days",
  d90: "within 90 days",
  later: "later",
  never: "never expires",
};

/** `days`: whole days from the collection time to expiry (negative: expired); null: no end date. */
export function urgencyOf(days: number | null): Urgency {
  if (days === null) return "never";
  if (days < 0) return "expired";
  if (days < 30) return "d30";
  if (days < 90) return "d90";
  return "later";
}
