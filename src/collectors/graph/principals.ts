// Every principal an assignment, grant or app's owner list names, resolved with directoryObjects/getByIds in
// chunks of 1000. Ids the directory does not return are `found: false` (deleted or never there).
import type { Principal, PrincipalType, Section } from "../../inventory/types.ts";
import { bool, runSection, sortStrings, str, type CollectContext } from "../section.ts";
import { WireError } from "../wire/errors.ts";
import { expectListPage } from "../wire/response.ts";
import { isGuid } from "../../inventory/guid.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const CHUNK = 1000;
const SELECT = "id,displayName,userType,accountEnabled,servicePrincipalType,userPrincipalName";

export interface RawObject {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
  servicePrincipalType?: string | null;
  userPrincipalName?: string | null;
}

export function typeOf(odataType: string | undefined): PrincipalType {
  switch ((odataType ?? "").replace(/^#microsoft\.graph\./i, "").toLowerCase()) {
    case "user":
      return "user";
    case "group":
      return "group";
    case "serviceprincipal":
      return "servicePrincipal";
    default:
      return "unknown";
  }
}

/** The distinct, lowercased GUIDs among the ids, sorted: what the directory is asked about. */
export function principalIdsToResolve(principalIds: Iterable<string>): string[] {
  return sortStrings([...new Set([...principalIds].map((i) => i.toLowerCase()).filter(isGuid))]);
}

/** A directory object the directory returned, as a principal of the given type. */
export function toPrincipal(o: RawObject, type: PrincipalType): Principal {
  return {
    id: o.id.toLowerCase(),
    found: true,
    type,
    displayName: str(o.displayName),
    userType: type === "user" ? str(o.userType) : null,
    accountEnabled: bool(o.accountEnabled),
    servicePrincipalType: type === "servicePrincipal" ? str(o.servicePrincipalType) : null,
    userPrincipalName: type === "user" ? str(o.userPrincipalName) : null,
  };
}

/** An id the directory does not have (deleted, or never there). */
export function notFoundPrincipal(id: string): Principal {
  return {
    id,
    found: false,
    type: "unknown",
    displayName: null,
    userType: null,
    accountEnabled: null,
    servicePrincipalType: null,
    userPrincipalName: null,
  };
}

export async function collectPrincipals(
  ctx: CollectContext,
  principalIds: Iterable<string>,
): Promise<Section<Principal>> {
  return runSection<Principal>(
    ctx,
    "principals",
    "Directory.Read.All",
    async () => {
      const ids = principalIdsToResolve(principalIds);
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
      const found = new Map<string, Principal>();
      await Promise.all(
        chunks.map((chunk) =>
          ctx.limit(async () => {
            const path = `directoryObjects/getByIds?$select=${SELECT}`;
            // An id missing from the answer means "deleted": only a well-formed answer may say so.
            const r = expectListPage("graph", path, await ctx.clients.graphPost(path, { ids: chunk }));
            const asked = new Set(chunk);
            const stray = r.value.find((o) => !asked.has(String(o.id).toLowerCase()));
            if (stray)
              throw new WireError(
                "graph",
                "shape",
                "Graph answered directoryObjects/getByIds with an object it was not asked for",
                path,
              );
            for (const o of r.value as unknown as RawObject[]) {
              const p = toPrincipal(o, typeOf(o["@odata.type"]));
              found.set(p.id, p);
            }
          }),
        ),
      );
      const items = ids.map((id): Principal => found.get(id) ?? notFoundPrincipal(id));
      return { items };
    },
    SECTION_ORDER.principals,
  );
}
