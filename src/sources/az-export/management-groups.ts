// `az account management-group list` (id, name, displayName: no parent) and, for each group,
// `az account management-group show --name NAME --expand`: the Python SDK's ManagementGroup with
// `properties` flattened (displayName, details.parent, children), which carries the parent.
import { toManagementGroup, type ArmMg } from "../../collectors/arm/managementGroups.ts";
import type { CoverageGap, ManagementGroup, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { FILES, PER } from "./layout.ts";
import { missingFile, missingReason, okSection } from "./sections.ts";

const LIST = "az account management-group list";
const SHOW = "az account management-group show --name NAME --expand";

interface AzMg {
  id: string;
  name: string;
  displayName?: string | null;
  details?: { parent?: { id?: string | null } | null } | null;
  children?: Array<{ id?: string; type?: string; name?: string }> | null;
}

const ITEM = objectWith({ id: S.str, name: S.str, displayName: S.nstr }, ["id", "name"]);
const DETAIL = objectWith(
  {
    id: S.str,
    name: S.str,
    displayName: S.nstr,
    details: { type: ["object", "null"], properties: { parent: S.nobj } },
    children: { type: ["array", "null"], items: S.obj },
  },
  ["id", "name"],
);

/** The flattened az shape back in ARM's (`properties` nested), for the collector's mapping. */
function asArm(m: AzMg): ArmMg {
  return {
    id: m.id,
    name: m.name,
    properties: {
      displayName: m.displayName ?? undefined,
      details: m.details ?? undefined,
      children: m.children ?? null,
    },
  };
}

export interface ManagementGroupsRead {
  section: Section<ManagementGroup>;
  /** lowercased subscription id → management group id */
  subscriptionParent: Map<string, string>;
  names: string[];
}

export function readManagementGroups(dir: ExportDir): ManagementGroupsRead {
  const subscriptionParent = new Map<string, string>();
  const listed = dir.list<AzMg>(FILES.managementGroupList, { command: LIST, item: ITEM });
  if (!listed) return { section: missingFile(FILES.managementGroupList, LIST), subscriptionParent, names: [] };
  const items: ManagementGroup[] = [];
  const gaps: CoverageGap[] = [];
  for (const mg of listed.items) {
    const file = PER.managementGroupShow(mg.name);
    const detail = dir.object<AzMg>(file, SHOW, DETAIL);
    if (!detail)
      gaps.push({
        scope: mg.id,
        reason: `the group's parent and subscriptions are unknown: ${missingReason(file, SHOW.replace("NAME", mg.name))}`,
      });
    const { item, subscriptions } = toManagementGroup(asArm(mg), detail ? asArm(detail) : null);
    for (const sub of subscriptions) subscriptionParent.set(sub, mg.id);
    items.push(item);
  }
  return {
    section: okSection(items, (m) => m.id.toLowerCase(), gaps),
    subscriptionParent,
    names: listed.items.map((m) => m.name),
  };
}
