// `az group list --subscription ID`: command_modules/resource/custom.py list_resource_groups →
// resource_groups.list(), every page followed, printed as a bare array of the SDK's ResourceGroup
// (id, location, managedBy, name, properties.provisioningState, tags, type; `properties` is a
// nested model there, not flattened). Read for the subscriptions that hold workloads, as the live
// collector lists them, and mapped through its own withResourceGroupManagers. Enrichment, as live:
// a missing file leaves its workloads' resourceGroupManagedBy null (judged as the customer's own
// groups), not a gap.
import {
  subscriptionsHoldingWorkloads,
  withResourceGroupManagers,
  type RawResourceGroup,
} from "../../collectors/arm/workloads.ts";
import type { Workload } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { PER } from "./layout.ts";

export const groupListCommand = (subscriptionId: string) => `az group list --subscription ${subscriptionId}`;

const ITEM = objectWith(
  { id: S.str, name: S.str, type: S.str, location: S.str, managedBy: S.nstr, tags: S.nobj, properties: S.nobj },
  ["id", "name"],
);

export function withManagedResourceGroups(dir: ExportDir, workloads: Workload[]): Workload[] {
  const groups: RawResourceGroup[] = [];
  for (const sub of subscriptionsHoldingWorkloads(workloads)) {
    groups.push(
      ...(dir.list<RawResourceGroup>(PER.resourceGroups(sub), { command: groupListCommand(sub), item: ITEM })?.items ??
        []),
    );
  }
  return withResourceGroupManagers(workloads, groups);
}
