// `azaudit scan --from-az-export DIR`: the inventory from the JSON files `az` printed in a
// client's tenant (the folder scripts/az-export.sh or .ps1 writes; file names in layout.ts).
// Each file is checked against its command's shape (wrong shape: InputError, exit 2); a missing
// file makes its sections unavailable or leaves a gap (exit 3), never an empty list.
import { statSync } from "node:fs";
import { referencedPrincipalIds } from "../../collectors/index.ts";
import { InputError } from "../../errors.ts";
import { INVENTORY_SCHEMA_VERSION, type ExportProvenance, type Inventory } from "../../inventory/types.ts";
import { toolVersion } from "../../version.ts";
import { readApplications } from "./ad-apps.ts";
import { readServicePrincipalList, servicePrincipalsSection } from "./ad-sps.ts";
import { readAccounts, subscriptionsSection, tenantOfAccounts } from "./account-list.ts";
import { readPrincipals, readTenant } from "./directory.ts";
import { readDirectoryRoleAssignments } from "./directory-roles.ts";
import { ExportDir } from "./files.ts";
import { readAppPermissionGrants, readDelegatedGrants } from "./grants.ts";
import { readWorkloads } from "./graph-query.ts";
import { readManagementGroups } from "./management-groups.ts";
import { readRoleAssignments } from "./role-assignments.ts";
import { readRoleDefinitions } from "./role-definitions.ts";
import { readDefender } from "./security.ts";
import { unavailableBecause } from "./sections.ts";
import { exporterObjectId, provenanceOf, readStamp } from "./stamp.ts";

import { FILES, STAMP } from "./layout.ts";

export { FILES, PER, STAMP, pageFile } from "./layout.ts";

/** An inventory read from an az export: its source always says when and by whom it was made. */
export type AzExportInventory = Inventory & { source: { export: ExportProvenance } };

export function loadAzExport(folder: string): AzExportInventory {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir)
    throw new InputError({
      file: folder,
      message: "not a folder",
      expected: "the folder scripts/az-export.sh (or .ps1) wrote",
      hint: "pass the unpacked export folder to --from-az-export",
    });
  const dir = new ExportDir(folder);
  const stamp = readStamp(dir);
  const accounts = readAccounts(dir);
  const tenantId = stamp?.tenantId.toLowerCase() ?? (accounts ? tenantOfAccounts(accounts) : null);

  const mg = readManagementGroups(dir);
  const subscriptions = subscriptionsSection(dir, accounts, tenantId, mg.subscriptionParent);
  const subIds = subscriptions.status === "ok" ? subscriptions.items.map((s) => s.subscriptionId).sort() : [];
  const armScoped = subscriptions.status === "ok";

  const roleDefinitions =
    armScoped || mg.section.status === "ok"
      ? readRoleDefinitions(dir, subIds, mg.names)
      : unavailableBecause("subscriptions and management groups could not be read", subscriptions);
  const roleAssignments = armScoped
    ? readRoleAssignments(dir, subIds, mg.names)
    : unavailableBecause("subscriptions could not be read", subscriptions);
  const workloads = armScoped
    ? readWorkloads(dir, new Set(subIds))
    : unavailableBecause("subscriptions could not be read", subscriptions);
  const defender = armScoped
    ? readDefender(dir, subIds)
    : unavailableBecause("subscriptions could not be read", subscriptions);

  const sps = readServicePrincipalList(dir);
  const tenant = readTenant(dir);
  const applications = readApplications(dir);
  const appPermissionGrants = readAppPermissionGrants(dir, sps);
  const delegatedGrants = readDelegatedGrants(dir, sps);
  const directoryRoleAssignments = readDirectoryRoleAssignments(dir);
  const principals = readPrincipals(
    dir,
    referencedPrincipalIds({
      roleAssignments,
      appPermissionGrants,
      delegatedGrants,
      directoryRoleAssignments,
      applications,
    }),
    sps,
  );

  if (dir.newestMtime === 0) {
    throw new InputError({
      file: folder,
      message: "the folder holds none of an az export's files",
      expected: `${STAMP}, ${FILES.accountList}, ${FILES.appList}… as scripts/az-export.sh (or .ps1) writes them`,
      hint: "pass the folder the export script wrote (unpacked), not its parent",
    });
  }
  const fallbackUser = accounts?.find((a) => a.tenantId.toLowerCase() === tenantId && a.user?.name)?.user?.name ?? null;
  const provenance = provenanceOf(stamp, dir.newestMtime, fallbackUser);
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    // rules judge credential ages and expiry against the moment the tenant was seen: the export's
    collectedAt: provenance.madeAt,
    // the exporter's own Reader role is the scanner's: judged the same way as a live scan's
    source: {
      kind: "az-export",
      cloud: stamp?.cloudName ?? null,
      tool: `azaudit ${toolVersion()}`,
      export: provenance,
      scannerObjectId: exporterObjectId(stamp),
    },
    tenant,
    managementGroups: mg.section,
    subscriptions,
    roleDefinitions,
    roleAssignments,
    principals,
    applications,
    servicePrincipals: servicePrincipalsSection(sps),
    appPermissionGrants,
    delegatedGrants,
    directoryRoleAssignments,
    workloads,
    defender,
  };
}
