// The end of `azaudit scan --shard I/N` (or --part graph): the part file in --out instead of
// reports. Nothing is judged here: a part alone is not the tenant, its findings would mislead.
import { join } from "node:path";
import { writeTextAtomic } from "../fs-atomic.ts";
import { redactedBatches } from "../text/json-pieces.ts";
import { OPTIONAL_SECTION_NAMES, SECTION_NAMES, type Inventory } from "../inventory/types.ts";
import type { Logger, Redactor } from "../log.ts";
import { PART_FILE, partFileChunks } from "./part-file.ts";
import { collectPlan, partName, sectionsOf, type PartId } from "./plan.ts";

export interface PartOutput {
  part: PartId;
  inventory: Inventory;
  /** the tenant asked for (flag, config), used when the part could not read the tenant itself */
  requestedTenant: string | null;
  outDir: string;
  log: Logger;
  redactor: Redactor;
}

/** Writes the part file; 0 when every section the part owns is complete, 3 otherwise (as a scan). */
export async function writePart(o: PartOutput): Promise<number> {
  const { part, inventory, log } = o;
  const tenant = inventory.tenant.status === "ok" ? (inventory.tenant.items[0]?.id ?? null) : null;
  const plan = collectPlan(part);
  const covered =
    inventory.subscriptions.status === "ok" && part.kind !== "graph"
      ? inventory.subscriptions.items
          .map((s) => s.subscriptionId.toLowerCase())
          .filter((id) => plan.ownsSubscription(id))
      : [];
  const file = join(o.outDir, PART_FILE);
  const pieces = partFileChunks(part, (tenant ?? o.requestedTenant)?.toLowerCase() ?? null, covered, inventory);
  await writeTextAtomic(
    file,
    redactedBatches(pieces, (t) => o.redactor.redact(t)),
  );
  // complete as a scan is: the supplementary sections (credential sign-ins) never make it incomplete
  const judged: readonly string[] = [...SECTION_NAMES, ...OPTIONAL_SECTION_NAMES];
  let complete = true;
  for (const name of sectionsOf(part)) {
    const s = inventory[name];
    if (!s || !judged.includes(name)) continue;
    if (s.status === "unavailable") {
      complete = false;
      log.warn(`could not collect ${name}: ${s.reason}${s.missingPermission ? ` (needs ${s.missingPermission})` : ""}`);
    } else
      for (const g of s.gaps ?? []) {
        complete = false;
        log.warn(`could not read ${name} at ${g.scope}: ${g.reason}`);
      }
  }
  log.info(
    `${partName(part)}: ${covered.length} subscription${covered.length === 1 ? "" : "s"} collected${part.kind === "arm" ? "" : part.kind === "graph" || part.index === 1 ? ", and the tenant-wide sections" : ""}`,
  );
  log.info(`wrote ${file}; join the parts with \`azaudit merge\``);
  log.info(complete ? "part complete (exit 0)" : "INCOMPLETE (exit 3): some data of this part could not be collected");
  return complete ? 0 : 3;
}
