import { describe, expect, it } from "vitest";
import type { AzureClients } from "./clients.ts";
import type { Limiter } from "./limit.ts";
import type { SectionState } from "./progress.ts";
import { runSection, type CollectContext, type Collected } from "./section.ts";

function context(states: string[]): CollectContext {
  return {
    // runSection reaches neither the clients nor the limiter: the collector function is given.
    clients: {} as AzureClients,
    limit: {} as Limiter,
    progress: { section: (name: string, state: SectionState) => states.push(`${name}:${state}`) },
    logError: () => {},
  };
}

const gap = (scope: string, permission?: string) => ({
  scope,
  reason: `403 at ${scope}`,
  ...(permission ? { missingPermission: permission } : {}),
});

async function run(collected: Collected<string>, states: string[] = []) {
  return runSection(
    context(states),
    "things",
    undefined,
    () => Promise.resolve(collected),
    (s) => s,
  );
}

describe("a section whose scopes failed", () => {
  it("is unavailable when every scope it tried failed, naming the first gap and its permission", async () => {
    const states: string[] = [];
    const section = await run(
      {
        items: [],
        attempted: 2,
        gaps: [gap("/subscriptions/b"), gap("/subscriptions/a", "Microsoft.Authorization/roleAssignments/read")],
      },
      states,
    );
    expect(section).toEqual({
      status: "unavailable",
      reason: "every scope failed (2): 403 at /subscriptions/a",
      missingPermission: "Microsoft.Authorization/roleAssignments/read",
    });
    expect(states).toEqual(["things:started", "things:unavailable"]);
  });

  it("is ok with its gaps when one scope of several answered", async () => {
    const section = await run({ items: ["x"], attempted: 2, gaps: [gap("/subscriptions/a")] });
    expect(section).toMatchObject({ status: "ok", items: ["x"], gaps: [{ scope: "/subscriptions/a" }] });
  });

  it("is ok with its gaps when it did not say how many scopes it tried", async () => {
    const section = await run({ items: [], gaps: [gap("/subscriptions/a")] });
    expect(section).toMatchObject({ status: "ok", items: [], gaps: [{ scope: "/subscriptions/a" }] });
  });
});
