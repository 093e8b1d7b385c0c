// `az graph query -q QUERY --first 1000 [--skip-token T]`: the resource-graph extension prints
// `{ "count", "data": [...], "skip_token", "total_records" }` (older versions: the bare `data`
// array). The query is the live collector's own (workloadQuery), so each row already has the
// shape its mapping reads; the resource groups' managedBy comes from group-list.ts.
import { toWorkload, workloadQuery, type RawResource } from "../../collectors/arm/workloads.ts";
import type { CoverageGap, Section, Workload } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { withManagedResourceGroups } from "./group-list.ts";
import { FILES } from "./layout.ts";
import { missingFile, okSection, truncationGap } from "./sections.ts";

export const GRAPH_QUERY = () => `az graph query -q "${workloadQuery()}" --first 1000`;

const ITEM = objectWith(
  { id: S.str, name: S.str, type: S.str, kind: S.nstr, location: S.nstr, tags: S.nobj, identity: S.nobj },
  ["id", "type"],
);

export function readWorkloads(dir: ExportDir, subscriptionIds: Set<string> | null): Section<Workload> {
  const command = GRAPH_QUERY();
  const read = dir.list<RawResource>(FILES.graphQuery, { command, item: ITEM, wrappers: ["data"], next: "skip_token" });
  if (!read) return missingFile(FILES.graphQuery, command);
  const byId = new Map<string, Workload>();
  for (const r of read.items) {
    const w = toWorkload(r);
    // the query runs over every subscription the account sees: keep the audited tenant's
    if (w && (!subscriptionIds || subscriptionIds.has(w.subscriptionId))) byId.set(w.id.toLowerCase(), w);
  }
  const gaps: CoverageGap[] = read.truncatedAfter
    ? [truncationGap("/providers/Microsoft.ResourceGraph/resources", read.truncatedAfter)]
    : [];
  // each workload with the managedBy of its group (az group list per subscription), as live
  return okSection(withManagedResourceGroups(dir, [...byId.values()]), (w) => w.id.toLowerCase(), gaps);
}
