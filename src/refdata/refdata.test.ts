import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  azureBuiltinRoleById,
  azureBuiltinRoles,
  complianceFacts,
  entraDirectoryRoleById,
  entraDirectoryRoles,
  graphAppRoleById,
  graphAppRoles,
} from "./index.ts";
import {
  REFDATA_OUTPUTS,
  compareKeys,
  renderRefdata,
  transformAzureBuiltinRoles,
  transformEntraDirectoryRoles,
  transformGraphAppRoles,
} from "./transform.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
// The upstream snapshot is not part of the repository: CI points AZAUDIT_UPSTREAM_DIR at it.
const sharedDir = process.env.AZAUDIT_UPSTREAM_DIR ? join(process.env.AZAUDIT_UPSTREAM_DIR, "refdata", "/") : "";
const haveShared = sharedDir !== "" && existsSync(sharedDir);
const readShared = (f: string) => readFileSync(sharedDir + f, "utf8");

describe("committed refdata equals what scripts/refresh-refdata.ts produces", () => {
  it.skipIf(!haveShared)(
    `every file matches the transform of the upstream files${haveShared ? "" : " (skipped: AZAUDIT_UPSTREAM_DIR is not set; CI sets it)"}`,
    () => {
      const rendered = renderRefdata(readShared);
      expect([...rendered.keys()]).toEqual(REFDATA_OUTPUTS.map((o) => o.file));
      for (const [file, text] of rendered) {
        const committed = readFileSync(here + file, "utf8");
        // Not toEqual on megabyte strings: a diff of that size helps nobody.
        expect(committed === text, `${file} is stale: run npx tsx scripts/refresh-refdata.ts`).toBe(true);
      }
    },
  );

  it.skipIf(!haveShared)("the transform is deterministic (same input, byte-identical output)", () => {
    const a = renderRefdata(readShared);
    const b = renderRefdata(readShared);
    for (const [file, text] of a) expect(b.get(file) === text, file).toBe(true);
  });
});

describe("transforms", () => {
  it("keep only the documented fields, lower-case GUIDs and sort ordinally", () => {
    const src = JSON.stringify([
      {
        id: "BBBBBBBB-0000-0000-0000-000000000000",
        value: "b.Read",
        displayName: "B",
        description: "x",
        isEnabled: true,
      },
      {
        id: "aaaaaaaa-0000-0000-0000-000000000000",
        value: "A.Read",
        displayName: "A",
        description: "y",
        isEnabled: true,
      },
    ]);
    const out = transformGraphAppRoles(src);
    expect(out.endsWith("\n")).toBe(true);
    expect(JSON.parse(out)).toEqual([
      { id: "aaaaaaaa-0000-0000-0000-000000000000", value: "A.Read", displayName: "A" },
      { id: "bbbbbbbb-0000-0000-0000-000000000000", value: "b.Read", displayName: "B" },
    ]);
    // Input order does not matter.
    const reversed = JSON.stringify((JSON.parse(src) as unknown[]).reverse());
    expect(transformGraphAppRoles(reversed)).toBe(out);
  });

  it("keeps role conditions and replaces null action lists by []", () => {
    const src = JSON.stringify([
      {
        id: "11111111-1111-1111-1111-111111111111",
        roleName: "Z",
        description: "d",
        permissions: [
          {
            actions: ["a/*"],
            notActions: null,
            dataActions: null,
            notDataActions: null,
            condition: "c",
            conditionVersion: "2.0",
          },
        ],
      },
      {
        id: "22222222-2222-2222-2222-222222222222",
        roleName: "a",
        permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [], condition: null }],
      },
    ]);
    expect(JSON.parse(transformAzureBuiltinRoles(src))).toEqual([
      {
        id: "22222222-2222-2222-2222-222222222222",
        roleName: "a",
        permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }],
      },
      {
        id: "11111111-1111-1111-1111-111111111111",
        roleName: "Z",
        permissions: [
          {
            actions: ["a/*"],
            notActions: [],
            dataActions: [],
            notDataActions: [],
            condition: "c",
            conditionVersion: "2.0",
          },
        ],
      },
    ]);
  });

  it("rejects malformed input instead of writing junk", () => {
    expect(() => transformGraphAppRoles("{}")).toThrow(/array/);
    expect(() => transformGraphAppRoles(JSON.stringify([{ id: "nope", value: "x", displayName: "y" }]))).toThrow(
      /GUID/,
    );
    expect(() =>
      transformEntraDirectoryRoles(
        JSON.stringify([{ templateId: "62e90394-69f5-4237-9190-012177145e10", displayName: "G", isPrivileged: "yes" }]),
      ),
    ).toThrow(/isPrivileged/);
    const dup = { id: "aaaaaaaa-0000-0000-0000-000000000000", value: "A", displayName: "A" };
    expect(() => transformGraphAppRoles(JSON.stringify([dup, { ...dup, value: "B" }]))).toThrow(/duplicate/);
  });

  it("compareKeys is ordinal and case-insensitive first", () => {
    expect(["b", "B", "a", "_", "Á"].sort(compareKeys)).toEqual(["_", "a", "B", "b", "Á"]);
  });
});

describe("loaders", () => {
  it("load the expected sizes and are frozen", () => {
    expect(graphAppRoles()).toHaveLength(716);
    expect(azureBuiltinRoles()).toHaveLength(928);
    expect(entraDirectoryRoles()).toHaveLength(142);
    expect(Object.isFrozen(graphAppRoles())).toBe(true);
    expect(Object.isFrozen(azureBuiltinRoles()[0]?.permissions[0]?.actions)).toBe(true);
    expect(graphAppRoles()).toBe(graphAppRoles());
  });

  it("look up by id case-insensitively", () => {
    expect(graphAppRoleById("9E3F62CF-CA93-4989-B6CE-BF83C28F9FE8")?.value).toBe("RoleManagement.ReadWrite.Directory");
    expect(azureBuiltinRoleById("8E3AF657-A8FF-443C-A75C-2FE8C4BCB635")?.roleName).toBe("Owner");
    expect(entraDirectoryRoleById("62e90394-69f5-4237-9190-012177145e10")).toEqual({
      templateId: "62e90394-69f5-4237-9190-012177145e10",
      displayName: "Global Administrator",
      isPrivileged: true,
    });
    expect(graphAppRoleById("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });

  it("compliance facts hold CIS versions, Azure Policy names and MCSB ids", () => {
    const f = complianceFacts();
    expect(Object.keys(f.cis)).toContain("1.3.0");
    expect(Object.keys(f.azurePolicy)).toHaveLength(3601);
    expect(f.mcsb["PA-1"]).toBeTypeOf("string");
  });

  it("no GPL AzTier file is copied into src/refdata", () => {
    const files = readdirSync(here);
    expect(files.filter((f) => f.endsWith(".json")).sort()).toEqual(REFDATA_OUTPUTS.map((o) => o.file).sort());
    for (const f of files) expect(f).not.toMatch(/tier/i);
  });
});
