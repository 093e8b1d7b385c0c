// Privileged Identity Management: the eligible role assignments of Entra (Graph) and Azure (ARM),
// served from the fixture's `graph.directoryRoleEligibilityScheduleInstances` and top-level
// `roleEligibilityScheduleInstances`, in their wire shapes.
//
// A tenant without Microsoft Entra ID P2 (fixture `entraIdP2: false`) answers both lists with
// HTTP 400 AadPremiumLicenseRequired, as live Graph and ARM do (docs/fidelity.md, "PIM").
import { checkScope, list, type ArmContext } from "./arm-routes.ts";
import { armError, graphError } from "./errors.ts";
import { listOf, type GraphContext } from "./graph-routes.ts";
import type { ApiRequest, ApiResponse, Router } from "./router.ts";
import { scopeKey } from "../arm/resource-id.ts";
import type { JsonObject } from "./types.ts";

const GRAPH_PATH = "/v1.0/roleManagement/directory/roleEligibilityScheduleInstances";
const ARM_PATH = "{*scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances";

/** Graph's answer in a tenant without P2 (the message live Graph gives). */
export function graphNoP2(): ApiResponse {
  return graphError(
    400,
    "AadPremiumLicenseRequired",
    "The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.",
  );
}

/** ARM's answer in a tenant without P2. */
export function armNoP2(): ApiResponse {
  return armError(400, "AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license.");
}

export function registerGraphPimRoutes(router: Router, ctx: GraphContext): void {
  const fixture = ctx.index.fixture;
  router.add("GET", GRAPH_PATH, (req) =>
    fixture.entraIdP2 === false
      ? graphNoP2()
      : listOf(
          req,
          ctx,
          "roleManagement/directory/roleEligibilityScheduleInstances",
          fixture.graph.directoryRoleEligibilityScheduleInstances ?? [],
        ),
  );
}

type EligibilityFilter = { atScope: boolean } | { error: string };

/** RoleEligibilityScheduleInstances_ListForScope's $filter: atScope() is the one the collector sends. */
function parseFilter(filter: string | undefined): EligibilityFilter {
  if (filter === undefined || filter.trim() === "") return { atScope: false };
  if (/^\s*atScope\(\)\s*$/i.test(filter)) return { atScope: true };
  return { error: `The filter '${filter}' is not supported by the emulator. Supported: atScope().` };
}

function scopeOf(e: JsonObject): string {
  const p = e.properties;
  const s = p && typeof p === "object" && !Array.isArray(p) ? p.scope : undefined;
  return typeof s === "string" ? scopeKey(s) : "";
}

export function registerArmPimRoutes(router: Router, ctx: ArmContext): void {
  const { index } = ctx;
  router.add("GET", ARM_PATH, (req: ApiRequest, p) => {
    const scope = p.scope ?? "/";
    const checked = checkScope(ctx, scope);
    if (checked.error) return checked.error;
    if (index.fixture.entraIdP2 === false) return armNoP2();
    const f = parseFilter(req.query.get("$filter"));
    if ("error" in f) return armError(400, "UnsupportedQuery", f.error);
    const norm = scopeKey(scope);
    const atOrAbove = new Set([norm, ...index.tree.ancestors(norm)]);
    // atScope(): at or above the scope; without a filter, below it too
    const items = (index.fixture.roleEligibilityScheduleInstances ?? []).filter((e) => {
      const s = scopeOf(e);
      return atOrAbove.has(s) || (!f.atScope && index.tree.isBelow(s, norm));
    });
    return list(req, ctx, items);
  });
}
