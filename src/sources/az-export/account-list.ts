// `az account list --all`: every subscription the signed-in account sees, in every tenant, in
// azure-cli's own shape (Profile._normalize_properties: id is the bare GUID, name the display
// name; no tags), and `az tag list --resource-id /subscriptions/ID` for each one's tags.
import { tagsOf } from "../../collectors/section.ts";
import type { CoverageGap, Section, Subscription } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { FILES, PER } from "./layout.ts";
import { missingFile, missingReason, okSection } from "./sections.ts";

export const ACCOUNT_LIST = "az account list --all";
const TAG_LIST = "az tag list --resource-id /subscriptions/ID";

export interface AzAccount {
  id: string;
  name: string;
  state: string;
  tenantId: string;
  isDefault?: boolean;
  user?: { name?: string; type?: string } | null;
}

const ITEM = objectWith(
  {
    id: S.str,
    name: S.str,
    state: S.str,
    tenantId: S.str,
    isDefault: { type: "boolean" },
    user: { type: ["object", "null"] },
  },
  ["id", "name", "state", "tenantId"],
);
const TAGS = objectWith(
  {
    properties: {
      type: "object",
      properties: { tags: { type: ["object", "null"], additionalProperties: { type: ["string", "null"] } } },
    },
  },
  ["properties"],
);

export function readAccounts(dir: ExportDir): AzAccount[] | undefined {
  return dir.list<AzAccount>(FILES.accountList, { command: ACCOUNT_LIST, item: ITEM })?.items;
}

/** The audited tenant: the stamp's, else the default subscription's, else the first one's. */
export function tenantOfAccounts(accounts: AzAccount[]): string | null {
  return (accounts.find((a) => a.isDefault) ?? accounts[0])?.tenantId.toLowerCase() ?? null;
}

export function subscriptionsSection(
  dir: ExportDir,
  accounts: AzAccount[] | undefined,
  tenantId: string | null,
  parentOf: Map<string, string>,
): Section<Subscription> {
  if (!accounts) return missingFile(FILES.accountList, ACCOUNT_LIST);
  const seen = new Set<string>();
  const items: Subscription[] = [];
  const gaps: CoverageGap[] = [];
  for (const a of accounts) {
    const id = a.id.toLowerCase();
    // --all lists the subscriptions of every tenant the account can sign in to: only this one's count
    if ((tenantId && a.tenantId.toLowerCase() !== tenantId) || seen.has(id)) continue;
    seen.add(id);
    const tagFile = PER.subscriptionTags(id);
    const tags = dir.object<{ properties: { tags?: Record<string, string | null> | null } }>(tagFile, TAG_LIST, TAGS);
    if (!tags)
      gaps.push({
        scope: `/subscriptions/${id}`,
        reason: `the subscription's tags are unknown: ${missingReason(tagFile, TAG_LIST.replace("ID", id))}`,
      });
    items.push({
      id: `/subscriptions/${id}`,
      subscriptionId: id,
      displayName: a.name || id,
      state: a.state || "Unknown",
      managementGroupId: parentOf.get(id) ?? null,
      tags: tagsOf(tags?.properties.tags),
    });
  }
  return okSection(items, (s) => s.id.toLowerCase(), gaps);
}
