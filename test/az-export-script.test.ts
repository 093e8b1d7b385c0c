// scripts/az-export.sh, run against a fake `az` (test/support/fake-az.ts) that prints what the
// real commands print for the emulator's small tenant: the script must write exactly the folder
// `--from-az-export` reads, run only reading commands, and leave a missing file (never an empty
// one) when a command fails.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workloadQuery } from "../src/collectors/arm/workloads.ts";
import { loadFixture, startEmulator } from "../src/emulator/index.ts";
import { FILES, PER, loadAzExport } from "../src/sources/az-export/index.ts";
import { exportTenant } from "./support/az-exporter.ts";
import { Harness, ROOT, baseEnv } from "./support/e2e.ts";
import { installFakeAz } from "./support/fake-az.ts";

const SCRIPT = join(ROOT, "scripts", "az-export.sh");
const PS1 = join(ROOT, "scripts", "az-export.ps1");
const h = new Harness();
let source: string;

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function bash(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", args, { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function runScript(fail: string[] = []) {
  const work = h.tempDir("azaudit-fake-az-");
  const az = installFakeAz(work, source, { fail });
  const r = await bash([SCRIPT, "export"], { ...baseEnv(), ...az.env, PATH: `${az.bin}:${process.env.PATH}` }, work);
  return { ...r, out: join(work, "export"), calls: az.calls() };
}

beforeAll(async () => {
  // pages of 3: the script must follow az rest's nextLinks over several files
  const emu = await startEmulator({
    fixture: await loadFixture(join(ROOT, "src/emulator/fixtures/small-tenant.json")),
    pageSize: 3,
  });
  h.onCleanup(() => emu.close());
  source = h.tempDir("azaudit-az-export-source-");
  await exportTenant(emu, source, { now: new Date("2026-11-30T08:00:00Z") });
}, 60_000);

afterAll(() => h.cleanup(), 30_000);

describe("scripts/az-export.sh", () => {
  it("is valid bash", async () => {
    const r = await bash(["-n", SCRIPT], baseEnv(), ROOT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("queries Resource Graph for exactly the workloads the live collector lists", () => {
    expect(readFileSync(SCRIPT, "utf8")).toContain(`WORKLOAD_QUERY="${workloadQuery()}"`);
    expect(readFileSync(PS1, "utf8")).toContain(`$WorkloadQuery = "${workloadQuery()}"`);
  });

  // no PowerShell on the test machine: the .ps1 is held to the same commands and files as text
  it("has a PowerShell twin that writes the same files with the same commands", () => {
    const ps1 = readFileSync(PS1, "utf8");
    const sh = readFileSync(SCRIPT, "utf8");
    for (const f of [...Object.values(FILES), "stamp.json", "az-export-errors.log"]) {
      expect(sh, f).toContain(f);
      expect(ps1, f).toContain(`"${f}"`);
    }
    const perFolders = Object.values(PER).map((fn) => fn("X").replace(/X\.json$/, ""));
    for (const folder of perFolders) {
      expect(sh, folder).toContain(`"${folder}$`);
      expect(ps1, folder).toContain(`"${folder}$`);
    }
    const commands = [
      "account list --all",
      "account management-group show --name",
      "tag list --resource-id",
      "group list --subscription",
      "role definition list --custom-role-only false --scope",
      "role assignment list --all --include-inherited --subscription",
      "role assignment list --scope",
      "security pricing list --subscription",
      "security assessment list --subscription",
      "security secure-scores list --subscription",
      "ad app list --all",
      "ad app federated-credential list --id",
      "ad app owner list --id",
      "ad sp list --all",
      "rest --method get --uri",
      "graph query -q",
    ];
    for (const c of commands) {
      expect(sh, c).toContain(c);
      expect(ps1, c).toContain(
        c
          .split(" ")
          .map((w) => `"${w}"`)
          .join(", "),
      );
    }
    // read-only: every az command either script names ends in a reading verb, and az rest only GETs
    const READING = /^(.+ )?(list|show|version|query)$|^rest$/;
    const shCommands = [...sh.matchAll(/(?:\$\(|\brun "?[^ ]+"? )az ((?:[a-z][a-z-]* )*[a-z][a-z-]*)/g)].map(
      (m) => m[1]!,
    );
    const psCommands = [...ps1.matchAll(/@\(((?:"[a-z][a-z-]*"(?:, )?)+)/g)].map((m) =>
      m[1]!.replace(/"/g, "").split(", ").join(" ").trim(),
    );
    expect(shCommands.length).toBeGreaterThan(20);
    expect(psCommands.length).toBeGreaterThan(20);
    for (const c of [...shCommands, ...psCommands]) expect(c).toMatch(READING);
    const shRest = [...sh.matchAll(/\brun "?[^ ]+"? az rest [^\n]*/g)].map((m) => m[0]);
    expect(shRest.length).toBeGreaterThan(0);
    for (const c of shRest) expect(c).toContain(" az rest --method get --uri ");
    expect(ps1.match(/"rest", [^)]*/g)!.every((c) => c.startsWith('"rest", "--method", "get", '))).toBe(true);
  });

  it("writes exactly the folder --from-az-export reads, with only reading commands", async () => {
    const r = await runScript();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("azaudit az export: read-only");
    expect(files(r.out)).toEqual(files(source));
    expect(files(source).filter((f) => /\.\d+\.json$/.test(f)).length).toBeGreaterThan(0); // pages were followed
    for (const f of files(source)) {
      if (f === "stamp.json") continue;
      expect(JSON.parse(readFileSync(join(r.out, f), "utf8")), f).toEqual(
        JSON.parse(readFileSync(join(source, f), "utf8")),
      );
    }
    const stamp = JSON.parse(readFileSync(join(r.out, "stamp.json"), "utf8"));
    const expected = JSON.parse(readFileSync(join(source, "stamp.json"), "utf8"));
    expect(stamp).toEqual({ ...expected, createdAt: stamp.createdAt });
    expect(Math.abs(Date.parse(stamp.createdAt) - Date.now())).toBeLessThan(120_000);
    // every call lists, shows, queries or GETs: nothing that could change the tenant
    for (const call of r.calls)
      expect(call).toMatch(
        /^(account (list|show|management-group (list|show))|version|tag list|group list|role (definition|assignment) list|security (pricing|assessment|assessment-metadata|secure-scores) list|graph query|ad (app|sp) list|ad sp show --id [0-9a-f-]{36} --query id|ad signed-in-user show --query id|ad app (federated-credential|owner) list|rest --method get) /,
      );
    const fromScript = loadAzExport(r.out);
    const fromSource = loadAzExport(source);
    expect({ ...fromScript, collectedAt: null, source: null }).toEqual({
      ...fromSource,
      collectedAt: null,
      source: null,
    });
    expect(fromScript.source.export).toEqual({
      madeAt: new Date(stamp.createdAt).toISOString(),
      madeAtFrom: "stamp",
      madeBy: stamp.user.name,
      azVersion: "2.67.0",
    });
    // the export names the identity that made it, so its own Reader role is judged as the scanner's
    expect(fromScript.source.scannerObjectId).toBe(stamp.user.objectId);
  });

  it("leaves out the file of a command that failed, keeps its error and exits 3", async () => {
    const r = await runScript(["ad app list --all"]);
    expect(r.code).toBe(3);
    expect(existsSync(join(r.out, FILES.appList))).toBe(false);
    expect(existsSync(join(r.out, `${FILES.appList}.part`))).toBe(false);
    expect(readFileSync(join(r.out, "az-export-errors.log"), "utf8")).toContain("AuthorizationFailed");
    expect(r.stderr).toContain("1 command(s) that failed");
    const inv = loadAzExport(r.out);
    expect(inv.applications).toEqual({
      status: "unavailable",
      reason: "not in the export: ad-app-list.json is missing (the output of `az ad app list --all`)",
    });
    expect(inv.servicePrincipals.status).toBe("ok");
  });

  it("refuses a folder that already holds files", async () => {
    const r = await bash([SCRIPT, source], baseEnv(), ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("already exists and is not empty");
  });
});
