import { describe, expect, it } from "vitest";
import { azureBuiltinRoleById, graphAppRoleById } from "./index.ts";
import { BUILTIN_ROLE, BUILTIN_ROLE_NAME, GRAPH_APP_ROLE } from "./well-known.ts";

describe("well-known ids agree with the reference data", () => {
  it.each(Object.entries(BUILTIN_ROLE))("built-in role %s", (key, id) => {
    expect(azureBuiltinRoleById(id)?.roleName).toBe(BUILTIN_ROLE_NAME[key as keyof typeof BUILTIN_ROLE]);
  });

  it.each(Object.entries(GRAPH_APP_ROLE))("Graph app role %s", (value, id) => {
    expect(graphAppRoleById(id)?.value).toBe(value);
  });
});
