import { describe, expect, it } from "vitest";
import { gapLines } from "./gap-lines.ts";

const denied = {
  reason: "HTTP 403 AuthorizationFailed",
  missingPermission: "Microsoft.Authorization/roleAssignments/read",
};

describe("gapLines", () => {
  it("names each scope when a cause has few", () => {
    expect(gapLines("roleAssignments", [{ scope: "/subscriptions/a", ...denied }])).toEqual([
      "could not read roleAssignments at /subscriptions/a: HTTP 403 AuthorizationFailed (needs Microsoft.Authorization/roleAssignments/read)",
    ]);
  });

  it("writes one line per cause, naming three scopes and counting the rest", () => {
    const gaps = [
      ...Array.from({ length: 250 }, (_, i) => ({ scope: `/subscriptions/s${String(i).padStart(3, "0")}`, ...denied })),
      { scope: "/subscriptions/t", reason: "timed out after 30 s" },
      { scope: "/subscriptions/u", reason: "timed out after 30 s" },
    ];
    expect(gapLines("workloads", gaps)).toEqual([
      "could not read workloads at /subscriptions/s000, /subscriptions/s001, /subscriptions/s002 and 247 more scopes (all listed in the reports): HTTP 403 AuthorizationFailed (needs Microsoft.Authorization/roleAssignments/read)",
      "could not read workloads at /subscriptions/t, /subscriptions/u: timed out after 30 s",
    ]);
  });

  it("says 'scope' for one more, and nothing for no gaps", () => {
    const four = ["a", "b", "c", "d"].map((x) => ({ scope: `/subscriptions/${x}`, reason: "r" }));
    expect(gapLines("defender", four)[0]).toContain("and 1 more scope (all listed in the reports)");
    expect(gapLines("defender", [])).toEqual([]);
  });
});
