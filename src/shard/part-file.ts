// A part's result: a snapshot (same layout, streamed one item a line) holding only the sections
// the part owns, under a `part` header that says which part it is, of which tenant, and which
// subscriptions it collected. `azaudit merge` reads these.
import { InputError } from "../errors.ts";
import { parseJsonInput, readInputText } from "../input/read-text.ts";
import { serializeStreamed } from "../inventory/load.ts";
import { inventorySchema } from "../inventory/schema.ts";
import {
  OPTIONAL_SECTION_NAMES,
  SECTION_NAMES,
  SUPPLEMENTARY_SECTION_NAMES,
  type Inventory,
} from "../inventory/types.ts";
import { createAjv, firstAjvProblem } from "../inventory/validate.ts";
import { partName, sectionsOf, type AnySectionName, type PartId, type PartKind } from "./plan.ts";

export const PART_FILE = "azaudit.part.json";
export const PART_FORMAT = "azaudit-part/1";

export interface PartHeader extends PartId {
  format: typeof PART_FORMAT;
  /** the scanned tenant's id (its Graph organization, else the tenant asked for); null when unknown */
  tenantId: string | null;
  /** the sections this file holds */
  sections: AnySectionName[];
  /** lowercased ids of the subscriptions whose sections this part collected, sorted */
  subscriptionIds: string[];
}

/** An inventory with only some sections: those of one part. */
export type PartInventory = Pick<Inventory, "schemaVersion" | "collectedAt" | "source"> & Partial<Inventory>;

export interface PartFile {
  /** where it was read from, for errors */
  file: string;
  header: PartHeader;
  inventory: PartInventory;
}

const ALL_SECTIONS: readonly AnySectionName[] = [
  ...SECTION_NAMES,
  ...OPTIONAL_SECTION_NAMES,
  ...SUPPLEMENTARY_SECTION_NAMES,
];

/** The part's file text, in pieces: the header, then the sections it owns from the collected inventory. */
export function partFileChunks(
  id: PartId,
  tenantId: string | null,
  subscriptionIds: readonly string[],
  inventory: Inventory,
): Generator<string> {
  const sections = sectionsOf(id);
  const header: PartHeader = {
    format: PART_FORMAT,
    kind: id.kind,
    index: id.index,
    count: id.count,
    tenantId,
    sections,
    subscriptionIds: [...subscriptionIds].sort(),
  };
  const body: Record<string, unknown> = {
    part: header,
    schemaVersion: inventory.schemaVersion,
    collectedAt: inventory.collectedAt,
    source: inventory.source,
  };
  for (const name of ALL_SECTIONS) if (sections.includes(name)) body[name] = inventory[name];
  return serializeStreamed(body);
}

const EXPECTED = "a part file written by `azaudit scan --shard I/N` or `azaudit scan --part graph`";
const inventoryProps = inventorySchema.properties as Record<string, unknown>;
const partSchema = {
  $id: "https://azaudit.dev/schemas/part-v1.json",
  type: "object",
  properties: {
    part: {
      type: "object",
      properties: {
        format: { const: PART_FORMAT },
        kind: { enum: ["shard", "arm", "graph"] satisfies PartKind[] },
        index: { type: ["integer", "null"], minimum: 1 },
        count: { type: ["integer", "null"], minimum: 1 },
        tenantId: { type: ["string", "null"] },
        sections: { type: "array", items: { enum: ALL_SECTIONS } },
        subscriptionIds: { type: "array", items: { type: "string" } },
      },
      required: ["format", "kind", "index", "count", "tenantId", "sections", "subscriptionIds"],
      additionalProperties: false,
    },
    ...inventoryProps,
  },
  required: ["part", "schemaVersion", "collectedAt", "source"],
  additionalProperties: false,
};

export type PartValidator = (data: unknown, file: string) => PartFile;

/** One compiled schema for every file of a merge. */
export function createPartReader(): PartValidator {
  const validate = createAjv().compile(partSchema);
  return (data, file) => {
    const fail = (path: string, message: string, expected: string): never => {
      throw new InputError({
        file,
        path,
        message,
        expected,
        hint: "part files are written by `azaudit scan --shard I/N` (or --part graph) into its --out folder; collect that part again",
      });
    };
    if (!validate(data)) {
      const p = firstAjvProblem(validate.errors);
      return fail(p.path, p.message, p.expected);
    }
    const doc = data as { part: PartHeader } & PartInventory;
    const h = doc.part;
    if (h.kind === "graph" ? h.index !== null || h.count !== null : h.index === null || h.count === null)
      fail("/part/index", `a ${h.kind} part with index ${h.index} and count ${h.count}`, partIdExpected(h.kind));
    if (h.index !== null && h.count !== null && h.index > h.count)
      fail("/part/index", `shard ${h.index} of ${h.count}`, "an index from 1 to count");
    const want = sectionsOf(h);
    for (const name of want)
      if (doc[name] === undefined)
        fail(`/${name}`, `the ${partName(h)} part has no ${name} section`, `a ${name} section`);
    for (const name of ALL_SECTIONS)
      if (doc[name] !== undefined && !want.includes(name))
        fail(`/${name}`, `the ${partName(h)} part does not collect ${name}`, `no ${name} section in this part`);
    const { part: header, ...inventory } = doc;
    return { file, header, inventory };
  };
}

function partIdExpected(kind: PartKind): string {
  return kind === "graph" ? "index and count null for the graph part" : "whole numbers index and count for a shard";
}

export async function readPartFile(file: string, read: PartValidator): Promise<PartFile> {
  const text = await readInputText(file, {
    noun: "the part file",
    expected: EXPECTED,
    hint: "give each part's --out folder or its azaudit.part.json",
  });
  return read(parseJsonInput(text, file, EXPECTED), file);
}
