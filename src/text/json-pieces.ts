import { inertJson } from "./inert.ts";

// A large tenant's reports and snapshots are past what V8 holds as one string (about 512 MiB),
// and building them whole doubles the peak memory of a scan. These write the same JSON as
// inertJson, in pieces: the outer containers are taken apart, and every value below them is one
// piece. No piece splits a JSON string, so each piece (or any run of whole pieces) can be
// redacted on its own.

export interface JsonLayout {
  /** Containers above this depth are written piece by piece; the value at this depth is one piece. */
  expandDepth: number;
  /** Indentation of the containers taken apart: 0 writes them without line breaks, as JSON.stringify does. */
  indent: number;
  /** Indentation inside each piece: as `indent` (the whole text equals inertJson(value, indent)), or 0 (one line per item). */
  leafIndent: number;
}

/**
 * The pieces of `value` laid out as `layout` says; joined, with `indent === leafIndent`, they are
 * inertJson(value, indent). Each piece starts where an item starts (a key stays with its value),
 * so a pattern that reads a key and its value, as redaction does, sees them in one piece.
 */
export function* jsonPieces(value: unknown, layout: JsonLayout): Generator<string> {
  yield* pieces(value, 0, layout, "");
}

function* pieces(value: unknown, depth: number, layout: JsonLayout, before: string): Generator<string> {
  const container = value !== null && typeof value === "object" && !("toJSON" in value);
  if (depth >= layout.expandDepth || !container) {
    yield before + leaf(value, depth, layout);
    return;
  }
  const pad = layout.indent > 0 ? `\n${" ".repeat(layout.indent * (depth + 1))}` : "";
  const close = layout.indent > 0 ? `\n${" ".repeat(layout.indent * depth)}` : "";
  const colon = layout.indent > 0 ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield `${before}[]`;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const start = `${i ? "," : `${before}[`}${pad}`;
      const v: unknown = value[i];
      // JSON.stringify writes null for what it cannot represent inside an array
      if (!representable(v)) yield `${start}null`;
      else yield* pieces(v, depth + 1, layout, start);
    }
    yield `${close}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => representable(v));
  if (entries.length === 0) {
    yield `${before}{}`;
    return;
  }
  let first = true;
  for (const [k, v] of entries) {
    yield* pieces(v, depth + 1, layout, `${first ? `${before}{` : ","}${pad}${inertJson(k)}${colon}`);
    first = false;
  }
  yield `${close}}`;
}

function leaf(value: unknown, depth: number, layout: JsonLayout): string {
  if (layout.leafIndent === 0) return inertJson(value);
  const text = inertJson(value, layout.leafIndent);
  // JSON strings hold no raw line break, so every one is indentation, shifted to this depth
  return depth === 0 ? text : text.replaceAll("\n", `\n${" ".repeat(layout.indent * depth)}`);
}

function representable(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}

/** Whole pieces joined up to about this many characters before they are redacted and written. */
export const PIECE_BATCH = 1 << 20;

/**
 * Runs of whole pieces, each about `PIECE_BATCH` characters, passed through `redact`: a secret
 * never spans two pieces, so it never spans two batches, and redaction costs one pass per batch
 * instead of one per item.
 */
export function* redactedBatches(pieces: Iterable<string>, redact: (text: string) => string): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= PIECE_BATCH) {
      yield redact(batch.join(""));
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield redact(batch.join(""));
}
