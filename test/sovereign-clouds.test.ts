// Sovereign clouds: the token audience is the cloud's (Graph's follows the Graph deployment in
// use), and the emulator started for a cloud issues and accepts only that cloud's audiences.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOUDS, resolveEndpoints } from "../src/collectors/clouds.ts";
import { loadFixture, startEmulator, type RunningEmulator } from "../src/emulator/index.ts";
import { audienceOf } from "../src/emulator/tokens.ts";
import { Harness, baseEnv, readReports, type ProcResult } from "./support/e2e.ts";

describe("token audiences", () => {
  it("follow the Graph endpoint in use when it is a national deployment", () => {
    expect(resolveEndpoints("AzureUSGovernment", {}).graphAudience).toBe("https://graph.microsoft.us");
    expect(
      resolveEndpoints("AzureUSGovernment", { AZAUDIT_GRAPH_ENDPOINT: "https://dod-graph.microsoft.us/" })
        .graphAudience,
    ).toBe("https://dod-graph.microsoft.us");
    // a private endpoint (a proxy, the emulator) keeps the cloud's audience
    expect(
      resolveEndpoints("AzureUSGovernment", { AZAUDIT_GRAPH_ENDPOINT: "https://127.0.0.1:8443" }).graphAudience,
    ).toBe("https://graph.microsoft.us");
  });

  it("US Government DoD is a cloud: US Government's ARM, DoD's Graph", () => {
    const dod = resolveEndpoints("AzureUSGovernmentDoD", {});
    expect(dod).toMatchObject({
      armAudience: "https://management.usgovcloudapi.net",
      graphEndpoint: "https://dod-graph.microsoft.us",
      graphAudience: "https://dod-graph.microsoft.us",
      authorityHost: "https://login.microsoftonline.us",
    });
  });

  it("the emulator accepts each cloud's audiences and no other cloud's", () => {
    for (const c of Object.values(CLOUDS)) {
      expect(audienceOf(`${c.armAudience}/.default`, c.name), c.name).toBe("arm");
      expect(audienceOf(`${c.graphAudience}/.default`, c.name), c.name).toBe("graph");
    }
    expect(audienceOf("https://graph.microsoft.us", "AzureUSGovernmentDoD")).toBeUndefined();
    expect(audienceOf("https://graph.microsoft.com", "AzureUSGovernment")).toBeUndefined();
    expect(audienceOf("https://management.azure.com", "AzureChinaCloud")).toBeUndefined();
  });
});

describe("a scan of a DoD tenant", () => {
  const h = new Harness();
  let emu: RunningEmulator;
  let dod: ProcResult & { result?: { coverage: Array<{ name: string; status: string }> } };
  let gov: ProcResult;

  beforeAll(async () => {
    const fixture = await loadFixture(join(import.meta.dirname, "../src/emulator/fixtures/small-tenant.json"));
    emu = await startEmulator({ fixture, cloud: "AzureUSGovernmentDoD" });
    h.onCleanup(() => emu.close());
    const run = async (cloud: string) => {
      const out = h.tempDir();
      const proc = await h.run(["scan", "--cloud", cloud, "--out", out, "--no-progress", "--format", "json"], {
        env: { ...baseEnv(), ...emu.env },
        cwd: out,
      });
      const json = readReports(out)["findings.json"];
      return { ...proc, ...(json ? { result: JSON.parse(json) } : {}) };
    };
    [dod, gov] = await Promise.all([run("AzureUSGovernmentDoD"), run("AzureUSGovernment")]);
  }, 120_000);

  afterAll(() => h.cleanup(), 30_000);

  it("with --cloud AzureUSGovernmentDoD gets DoD tokens and reads Graph", () => {
    expect([0, 1], dod.stderr).toContain(dod.code);
    expect(dod.result!.coverage.filter((c) => c.status !== "ok")).toEqual([]);
  });

  it("with US Government (L4) audiences is refused, as a DoD tenant refuses them", () => {
    expect(gov.code).toBe(2);
    expect(gov.stderr).toMatch(/graph\.microsoft\.us/);
  });
});
