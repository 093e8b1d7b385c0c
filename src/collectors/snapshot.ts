// Saving a collected inventory (`--save-snapshot`). Loading is src/inventory/load.ts.
import { writeFileAtomic } from "../fs-atomic.ts";
import { serializeInventory } from "../inventory/load.ts";
import type { Inventory } from "../inventory/types.ts";

/** Writes the inventory atomically (temp file + rename); two saves of one inventory are identical. */
export async function saveSnapshot(inventory: Inventory, file: string): Promise<void> {
  await writeFileAtomic(file, serializeInventory(inventory));
}
