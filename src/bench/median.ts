/** The middle value (the mean of the two middle values for an even count); throws on no values. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  const upper = s[m];
  if (upper === undefined) throw new Error("median of no values");
  if (s.length % 2) return upper;
  const lower = s[m - 1] ?? upper;
  return (lower + upper) / 2;
}
