import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { collectPlan, parsePart, sectionsOf, shardOf } from "./plan.ts";

const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);

describe("shardOf", () => {
  it("spreads subscriptions over every shard and ignores the id's case", () => {
    const counts = [0, 0, 0, 0];
    for (const id of ids) counts[shardOf(id, 4) - 1]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(20);
    expect(shardOf(ids[7]!.toUpperCase(), 4)).toBe(shardOf(ids[7]!, 4));
  });

  it("depends on the id alone, with a fixed hash: shards of one run agree whichever version or list order", () => {
    // pinned: a changed hash would move subscriptions between the shards of one split
    expect(shardOf("52d73113-5639-41a7-b46f-0c18971b1af0", 3)).toBe(3);
    expect(shardOf("9cbf89a2-1f1b-4c44-8e03-84a1d45d116a", 3)).toBe(1);
    expect(shardOf("fb45176c-8fae-4795-9ce9-970dd158166e", 3)).toBe(2);
  });
});

describe("parsePart", () => {
  it("reads I/N, --part arm and --part graph", () => {
    expect(parsePart(undefined, undefined)).toBeUndefined();
    expect(parsePart("2/8", undefined)).toEqual({ kind: "shard", index: 2, count: 8 });
    expect(parsePart("8/8", "arm")).toEqual({ kind: "arm", index: 8, count: 8 });
    expect(parsePart(undefined, "graph")).toEqual({ kind: "graph", index: null, count: null });
  });

  it.each([
    ["0/3", undefined],
    ["4/3", undefined],
    ["x", undefined],
    ["1/0", undefined],
    ["1.5/3", undefined],
    ["1/3", "graph"],
    [undefined, "arm"],
    ["1/3", "all"],
  ])("refuses --shard %s --part %s as a usage error", (shard, part) => {
    expect(() => parsePart(shard, part)).toThrow(InputError);
  });
});

describe("who collects what", () => {
  it("gives the tenant-wide sections to shard 1 or the graph part only", () => {
    expect(sectionsOf({ kind: "shard", index: 1, count: 3 })).toContain("applications");
    expect(sectionsOf({ kind: "shard", index: 2, count: 3 })).not.toContain("applications");
    expect(sectionsOf({ kind: "arm", index: 1, count: 3 })).not.toContain("applications");
    expect(sectionsOf({ kind: "graph", index: null, count: null })).toEqual(
      expect.arrayContaining(["applications", "roleAssignments"]),
    );
    expect(sectionsOf({ kind: "graph", index: null, count: null })).not.toContain("workloads");
    expect(collectPlan({ kind: "arm", index: 1, count: 3 }).tenantWide).toBe(false);
    expect(collectPlan({ kind: "graph", index: null, count: null }).listSubscriptions).toBe(false);
  });

  it("puts each subscription in exactly one shard", () => {
    const plans = [1, 2, 3].map((i) => collectPlan({ kind: "arm", index: i, count: 3 }));
    for (const id of ids) expect(plans.filter((p) => p.ownsSubscription(id))).toHaveLength(1);
  });
});
