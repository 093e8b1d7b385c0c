import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOW } from "../src/demo/tenant.ts";
import type { Finding } from "../src/engine/finding.ts";
import { serializeInventory } from "../src/inventory/load.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { splitFileName, tagRouter } from "../src/reporters/sarif-split.ts";
import { runCli } from "./support/cli-runner.ts";
import { collectDemoInventory } from "./support/demo-inventory.ts";
import { assertValidSarif } from "./support/sarif.ts";

let dir: string;
let inventory: Inventory;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "azaudit-split-"));
  inventory = await collectDemoInventory(new Date(DEMO_NOW));
  writeFileSync(join(dir, "demo.json"), serializeInventory(inventory));
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Sarif {
  runs: { results: { partialFingerprints: { primaryLocationLineHash: string }; locations: unknown[] }[] }[];
}
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const fingerprints = (text: string) =>
  (JSON.parse(text) as Sarif).runs[0]!.results.map((r) => r.partialFingerprints.primaryLocationLineHash);

describe("scan --split-sarif-by-tag repository", () => {
  it("writes one valid SARIF per repository and keeps untagged findings in azaudit.sarif, none lost", async () => {
    const r = await runCli(
      ["scan", "--snapshot", "demo.json", "--out", "split", "--split-sarif-by-tag", "repository", "--fail-on", "none"],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    const index = JSON.parse(read("split/azaudit.by-tag.json")) as {
      tag: string;
      untagged: { file: string; results: number };
      files: { value: string; file: string; results: number }[];
    };
    expect(index.tag).toBe("repository");
    expect(index.files.map((f) => f.value)).toContain("contoso-logistics/platform-infra");
    expect(
      readdirSync(join(dir, "split"))
        .filter((n) => n.startsWith("azaudit.by-tag.") && n.endsWith(".sarif"))
        .sort(),
    ).toEqual(index.files.map((f) => f.file).sort());
    const all = (JSON.parse(read("split/findings.json")) as { findings: Finding[] }).findings;
    const route = tagRouter(inventory, "repository");
    const seen: string[] = [];
    for (const f of index.files) {
      const text = read(`split/${f.file}`);
      assertValidSarif(text);
      const prints = fingerprints(text);
      expect(prints).toHaveLength(f.results);
      for (const p of prints) expect(route(all.find((x) => x.fingerprint === p)!)).toBe(f.value);
      seen.push(...prints);
    }
    const main = read("split/azaudit.sarif");
    assertValidSarif(main);
    for (const p of fingerprints(main)) expect(route(all.find((x) => x.fingerprint === p)!)).toBeNull();
    seen.push(...fingerprints(main));
    expect(fingerprints(main)).toHaveLength(index.untagged.results);
    expect(seen.sort()).toEqual(all.map((f) => f.fingerprint).sort());
    // an app routes by its one GitHub repository: app-provisioning-bot federates with platform-automation
    const bot = all.find((f) => f.resource.displayName === "app-provisioning-bot")!;
    expect(route(bot)).toBe("contoso-logistics/platform-automation");

    // without the flag, the next scan into the folder leaves no split file of the earlier one
    await runCli(["scan", "--snapshot", "demo.json", "--out", "split", "--fail-on", "none"], { cwd: dir });
    expect(readdirSync(join(dir, "split")).sort()).toEqual(["azaudit.sarif", "findings.json", "summary.md"]);
    expect(fingerprints(read("split/azaudit.sarif"))).toHaveLength(all.length);
  });

  it("refuses an empty tag and a split without a SARIF", async () => {
    const empty = await runCli(["scan", "--snapshot", "demo.json", "--out", "x", "--split-sarif-by-tag", ""], {
      cwd: dir,
    });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--split-sarif-by-tag needs a tag name");
    const noSarif = await runCli(
      ["scan", "--snapshot", "demo.json", "--out", "x", "--format", "json", "--split-sarif-by-tag", "repository"],
      { cwd: dir },
    );
    expect(noSarif.code).toBe(2);
    expect(noSarif.stderr).toContain("add sarif to --format");
  });
});

describe("splitFileName", () => {
  it("keeps hostile tag values inside the folder and tells similar values apart", () => {
    for (const v of ["../../etc/passwd", "/abs", "a\u0000b", "CON", ".", "", "a/b\nc", "é"]) {
      expect(splitFileName(v)).toMatch(/^azaudit\.by-tag\.[a-z0-9-]+\.[0-9a-f]{8}\.sarif$/);
    }
    expect(splitFileName("org/repo")).not.toBe(splitFileName("org-repo"));
    expect(splitFileName("contoso-logistics/platform-infra")).toMatch(
      /^azaudit\.by-tag\.contoso-logistics-platform-infra\.[0-9a-f]{8}\.sarif$/,
    );
  });
});
