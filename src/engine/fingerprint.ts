import { createHash } from "node:crypto";

/**
 * Stable across runs, renames and the passing of time, so a GitHub alert stays one alert:
 * rule id + lowercased resource id + a discriminator of stable facts.
 */
export function fingerprintOf(ruleId: string, resourceId: string, discriminator: string): string {
  return createHash("sha256")
    .update(`${ruleId}\u0000${resourceId.toLowerCase()}\u0000${discriminator.toLowerCase()}`)
    .digest("hex");
}
