import { describe, expect, it } from "vitest";
import { inertJson } from "./inert.ts";
import { jsonPieces, PIECE_BATCH, redactedBatches } from "./json-pieces.ts";

const SAMPLES: unknown[] = [
  {},
  [],
  { a: [], b: {}, c: null, d: undefined, e: () => 1, f: [undefined, () => 1, Symbol("x")] },
  { findings: [{ id: "x", nested: { list: [1, 2, { deep: "v" }], empty: [] } }, { id: "y\u202ez\u0085" }], n: 3 },
  { when: new Date(0), list: [new Date(1)], text: 'line\nbreak "quoted" \\ back' },
  [[["deep", ["deeper", { k: [] }]]], 1.5, true, false],
  "just a string",
  42,
];

describe("jsonPieces", () => {
  for (const indent of [0, 2]) {
    for (const expandDepth of [0, 1, 2, 3, 5]) {
      it(`joins to inertJson(value, ${indent}) with expandDepth ${expandDepth}`, () => {
        for (const v of SAMPLES) {
          const text = [...jsonPieces(v, { expandDepth, indent, leafIndent: indent })].join("");
          expect(text).toBe(inertJson(v, indent));
        }
      });
    }
  }

  it("writes one item a line under indented containers when leaves are compact", () => {
    const v = { sections: { apps: { items: [{ a: 1, b: [1, 2] }, { a: 2 }] } } };
    const text = [...jsonPieces(v, { expandDepth: 3, indent: 2, leafIndent: 0 })].join("");
    expect(JSON.parse(text)).toEqual(v);
    expect(text.split("\n")).toContain('      "items": [{"a":1,"b":[1,2]},{"a":2}]');
    const deeper = [...jsonPieces(v, { expandDepth: 4, indent: 2, leafIndent: 0 })].join("");
    expect(deeper.split("\n")).toEqual(expect.arrayContaining(['        {"a":1,"b":[1,2]},', '        {"a":2}']));
  });

  it("keeps every key in the piece that holds the start of its value", () => {
    const v = { result: { password: "hunter2-secret", items: [{ password: "x" }], nested: { password: { a: 1 } } } };
    const ps = [...jsonPieces(v, { expandDepth: 3, indent: 2, leafIndent: 2 })];
    for (const p of ps) if (p.includes('"password"')) expect(p).toMatch(/"password": ("|\[|\{)/);
    expect(ps.some((p) => p.includes('"password": "hunter2-secret"'))).toBe(true);
  });
});

describe("redactedBatches", () => {
  it("redacts whole runs of pieces and writes every piece once, in order", () => {
    const pieces = Array.from({ length: 5000 }, (_, i) => `item-${i} secret-${i % 7};`);
    const seen: string[] = [];
    const out = [...redactedBatches(pieces, (t) => (seen.push(t), t.replaceAll("secret", "[R]")))];
    expect(out.join("")).toBe(pieces.join("").replaceAll("secret", "[R]"));
    expect(seen).toHaveLength(out.length);
  });

  it("joins pieces up to the batch size, so a large text is redacted in few calls", () => {
    const piece = "x".repeat(1000);
    const pieces = Array.from({ length: 3 * (PIECE_BATCH / 1000) }, () => piece);
    let calls = 0;
    const out = [...redactedBatches(pieces, (t) => (calls++, t))];
    expect(out.join("").length).toBe(pieces.length * 1000);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(4);
  });

  it("yields nothing for no pieces", () => {
    expect([...redactedBatches([], (t) => t)]).toEqual([]);
  });
});
