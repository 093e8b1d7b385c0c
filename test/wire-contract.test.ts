// The emulator's list answers against the official examples kept in test/fixtures/wire/
// (SOURCES.md names each one's origin): same envelope, same item keys, and no property the
// documented answer does not carry where a collector could come to rely on it (docs/fidelity.md).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture, startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { callEmulator, emulatorToken } from "./support/emulator-call.ts";

type Item = { [k: string]: unknown; properties?: Record<string, unknown> };

function example(file: string): Item[] {
  const body = (
    JSON.parse(readFileSync(new URL(`./fixtures/wire/${file}`, import.meta.url), "utf8")) as {
      responses: { 200: { body: { value: Item[] } } };
    }
  ).responses[200].body;
  return body.value;
}

const keysOf = (items: Item[], pick: (i: Item) => object | undefined) =>
  new Set(items.flatMap((i) => Object.keys(pick(i) ?? {})));

let emu: RunningEmulator;
let token: string;
let sub: string;

beforeAll(async () => {
  const fixture = await loadFixture(new URL("../src/emulator/fixtures/small-tenant.json", import.meta.url).pathname);
  sub = Object.keys(fixture.defender ?? {})[0]!;
  emu = await startEmulator({ fixture });
  token = await emulatorToken(emu, "https://management.azure.com");
});

afterAll(() => emu.close());

async function served(path: string): Promise<Item[]> {
  const r = await callEmulator(emu, "GET", path, { token });
  expect(r.status, path).toBe(200);
  const body = r.body as { value: Item[] };
  expect(Array.isArray(body.value)).toBe(true);
  expect(body.value.length, `${path} serves something to compare`).toBeGreaterThan(0);
  return body.value;
}

describe("emulator answers in the documented shape", () => {
  const cases = [
    {
      name: "ManagementGroups_List",
      file: "arm-managementGroups-list-2021-04-01.json",
      path: () => "/providers/Microsoft.Management/managementGroups?api-version=2021-04-01",
      strictProperties: true,
    },
    {
      name: "Assessments_List",
      file: "arm-security-assessments-list-2021-06-01.json",
      path: () => `/subscriptions/${sub}/providers/Microsoft.Security/assessments?api-version=2021-06-01`,
      strictProperties: true,
    },
    // newer api-versions add pricing properties (enablementTime…): only the envelope is compared
    {
      name: "Pricings_List",
      file: "arm-security-pricings-list-2022-03-01.json",
      path: () => `/subscriptions/${sub}/providers/Microsoft.Security/pricings?api-version=2022-03-01`,
      strictProperties: false,
    },
    {
      name: "RoleDefinitions_List",
      file: "arm-roleDefinitions-listAtScope.json",
      path: () => `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01`,
      strictProperties: false,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: item keys and properties as in ${c.file}`, async () => {
      const want = example(c.file);
      const got = await served(c.path());
      const wantTop = keysOf(want, (i) => i);
      for (const item of got) expect(new Set(Object.keys(item)), JSON.stringify(item)).toEqual(wantTop);
      if (c.strictProperties) {
        const wantProps = keysOf(want, (i) => i.properties);
        for (const item of got)
          for (const k of Object.keys(item.properties ?? {}))
            expect(wantProps, `${c.name} serves properties.${k}`).toContain(k);
      }
    });
  }
});
