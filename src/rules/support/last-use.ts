import type { Inventory } from "../../inventory/types.ts";

/**
 * Evidence naming when each secret last signed in, from the optional credential activity report:
 * `secretsLastUsed: ["<keyId>: <ISO date>" | "<keyId>: none on record"]`. Empty (no key at all)
 * when the report was not collected, so findings without it stay as they were.
 */
export function lastUseEvidence(inventory: Inventory, keyIds: readonly string[]): { secretsLastUsed?: string[] } {
  const section = inventory.credentialSignIns;
  if (section?.status !== "ok" || keyIds.length === 0) return {};
  const byKey = new Map(section.items.map((a) => [a.keyId.toLowerCase(), a.lastSignInDateTime]));
  return {
    secretsLastUsed: keyIds.map((k) => `${k}: ${byKey.get(k.toLowerCase()) ?? "none on record"}`),
  };
}
