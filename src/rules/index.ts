// The explicit registry: a rule exists for azaudit when, and only when, it is listed here.
// Order is the catalogue order of DESIGN §5 (reports sort findings on their own).
import type { AnyRule } from "./types.ts";
import appSecretLifetime from "./app-secret-lifetime/index.ts";
import privilegedRoleBroadScope from "./privileged-role-broad-scope/index.ts";
import workloadManagedIdentity from "./workload-managed-identity/index.ts";

export const RULES: readonly AnyRule[] = [appSecretLifetime, privilegedRoleBroadScope, workloadManagedIdentity];

/** Finds a rule by id or former id (alias). */
export function findRule(rules: readonly AnyRule[], idOrAlias: string): AnyRule | undefined {
  return rules.find((r) => r.meta.id === idOrAlias || r.meta.aliases.includes(idOrAlias));
}
