// The tenant, from Graph `organization`.
import type { Section, Tenant } from "../../inventory/types.ts";
import { runSection, type CollectContext } from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { isGuid } from "../../inventory/guid.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

export interface Org {
  id: string;
  displayName?: string;
  verifiedDomains?: Array<{ name?: string; isDefault?: boolean }>;
}

/** The tenant from Graph's organization object. */
export function toTenant(o: Org): Tenant {
  const def = (o.verifiedDomains ?? []).find((d) => d.isDefault)?.name ?? null;
  return { id: o.id.toLowerCase(), displayName: o.displayName ?? o.id, defaultDomain: def };
}

export async function collectTenant(ctx: CollectContext): Promise<Section<Tenant>> {
  return runSection<Tenant>(
    ctx,
    "tenant",
    "Organization.Read.All",
    async () => {
      const items: Tenant[] = [];
      await ctx.limit(async () => {
        for await (const page of ctx.clients.graphPages<Org>("organization?$select=id,displayName,verifiedDomains")) {
          for (const o of page) {
            // the tenant id names the SARIF category and report titles: a GUID or nothing
            if (!isGuid(o.id))
              throw new WireError(
                "graph",
                "shape",
                "Graph answered organization with an id that is not a GUID",
                "organization",
              );
            items.push(toTenant(o));
          }
        }
      });
      if (items.length === 0) throw new Error("Graph returned no organization object for the signed-in tenant");
      return { items };
    },
    SECTION_ORDER.tenant,
  );
}
