import { readFile } from "node:fs/promises";
import { inertJson } from "../text/inert.ts";
import { InputError } from "../errors.ts";
import type { Inventory } from "./types.ts";
import { compileInventoryValidator, describeAjvErrors } from "./validate.ts";

/** Parses and validates a snapshot's text; `file` only names it in errors. */
export function parseInventory(text: string, file: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError({
      file,
      message: `not valid JSON (${(err as Error).message})`,
      expected: "an azaudit inventory snapshot written by `azaudit scan --save-snapshot`",
    });
  }
  const validate = compileInventoryValidator();
  if (!validate(data)) {
    const problems = describeAjvErrors(validate.errors);
    const first = problems[0]!;
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem(s): ${problems
            .slice(1, 4)
            .map((p) => p.path)
            .join(", ")})`
        : "";
    throw new InputError({
      file,
      path: first.path,
      message: `${first.message}${more}`,
      expected: first.expected,
      hint: "snapshots are written by `azaudit scan --save-snapshot FILE`; re-create it, or fix the value at the path above",
    });
  }
  return withoutSecretHints(data as Inventory);
}

/** Snapshots written before `hint` was dropped carry it: it is part of a live secret, so it goes. */
function withoutSecretHints(inventory: Inventory): Inventory {
  for (const name of ["applications", "servicePrincipals"] as const) {
    const s = inventory[name];
    if (s.status !== "ok") continue;
    for (const item of s.items) for (const p of item.passwordCredentials) delete (p as { hint?: unknown }).hint;
  }
  return inventory;
}

export async function loadInventory(file: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError({
      file,
      message: `cannot read the snapshot (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      hint: "check the path given to --snapshot",
    });
  }
  return parseInventory(text, file);
}

/** Stable serialisation: two saves of one inventory are byte-identical. */
export function serializeInventory(inventory: Inventory): string {
  return `${inertJson(inventory, 2)}\n`;
}
