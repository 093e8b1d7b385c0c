import { jsonPieces } from "../text/json-pieces.ts";
import { InputError } from "../errors.ts";
import { parseJsonInput, readInputText } from "../input/read-text.ts";
import type { Inventory } from "./types.ts";
import { compileInventoryValidator, describeAjvErrors } from "./validate.ts";

const SNAPSHOT = "an azaudit inventory snapshot written by `azaudit scan --save-snapshot`";

/** Parses and validates a snapshot's text; `file` only names it in errors. */
export function parseInventory(text: string, file: string): Inventory {
  const data = parseJsonInput(text, file, SNAPSHOT);
  const validate = compileInventoryValidator();
  if (!validate(data)) {
    const problems = describeAjvErrors(validate.errors);
    // a failed validation always has at least one error; the fallback only satisfies the types
    const first = problems[0] ?? { path: "/", message: "does not match the snapshot schema", expected: SNAPSHOT };
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
  const text = await readInputText(file, { noun: "the snapshot", hint: "check the path given to --snapshot" });
  return parseInventory(text, file);
}

/** Stable serialisation: two saves of one inventory are byte-identical. */
export function serializeInventory(inventory: Inventory): string {
  return [...serializeInventoryChunks(inventory)].join("");
}

/** The snapshot layout: the inventory, its sections and their item lists indented, each item one line. */
const SNAPSHOT_LAYOUT = { expandDepth: 3, indent: 2, leafIndent: 0 } as const;

/**
 * The snapshot's text in pieces: the inventory, its sections and their lists indented by two
 * spaces, each item as one line of compact JSON (inert, see inertJson). A tenant of any size is
 * written without holding its whole text, and a large one stays within what Node can read back
 * as one string (an indented 400,000-assignment snapshot is past V8's 512 MiB string limit).
 * Items one to a line also keep snapshots diffable. No piece splits a JSON string, so each can be
 * redacted on its own.
 */
export function* serializeInventoryChunks(inventory: Inventory): Generator<string> {
  yield* serializeStreamed(inventory);
}

/** Any object laid out as a snapshot is (see serializeInventoryChunks): a split scan's part file is one. */
export function* serializeStreamed(value: object): Generator<string> {
  yield* jsonPieces(value, SNAPSHOT_LAYOUT);
  yield "\n";
}
