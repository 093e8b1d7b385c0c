/** The least severity of an open finding that fails the scan (exit 1); `none` never fails it. */
export const FAIL_ON_LEVELS = ["critical", "high", "medium", "low", "none"] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];
