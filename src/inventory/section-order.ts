import type { Inventory, Section } from "./types.ts";

type SectionKey = Exclude<keyof Inventory, "schemaVersion" | "collectedAt" | "source">;
type ItemOf<N extends SectionKey> = NonNullable<Inventory[N]> extends Section<infer T> ? T : never;

/**
 * The order of each section's items, by key: what the collector sorts a section by, and what a
 * merge of a split scan's parts sorts by, so the joined inventory is the one an unsplit scan
 * collects. ARM ids compare lower-cased (ARM does not keep their case); Graph object ids are
 * already lower-case GUIDs.
 */
export const SECTION_ORDER: { readonly [N in SectionKey]: (item: ItemOf<N>) => string } = {
  tenant: (t) => t.id,
  managementGroups: (m) => m.id.toLowerCase(),
  subscriptions: (s) => s.id.toLowerCase(),
  roleDefinitions: (d) => d.id.toLowerCase(),
  roleAssignments: (a) => a.id.toLowerCase(),
  principals: (p) => p.id,
  applications: (a) => a.id,
  servicePrincipals: (s) => s.id,
  appPermissionGrants: (g) => g.id.toLowerCase(),
  delegatedGrants: (g) => g.id.toLowerCase(),
  directoryRoleAssignments: (a) => a.id.toLowerCase(),
  workloads: (w) => w.id.toLowerCase(),
  defender: (d) => d.subscriptionId.toLowerCase(),
  groups: (g) => g.id,
  roleEligibilities: (e) => e.id.toLowerCase(),
  directoryRoleEligibilities: (e) => e.id.toLowerCase(),
  credentialSignIns: (c) => `${c.keyId}\u0000${c.credentialOrigin ?? ""}`,
};
