import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/azaudit.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "azaudit-noauth-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("azaudit scan without a usable credential", () => {
  it("exits 2 with one clear error naming how to sign in, before any collector runs", () => {
    // Managed identity only, pointed at a closed port: fails fast and never reaches a real tenant.
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      AZURE_TOKEN_CREDENTIALS: "ManagedIdentityCredential",
      IDENTITY_ENDPOINT: "http://127.0.0.1:9/msi/token",
      IDENTITY_HEADER: "not-a-secret",
      AZAUDIT_ARM_ENDPOINT: "https://127.0.0.1:9",
      AZAUDIT_GRAPH_ENDPOINT: "https://127.0.0.1:9",
    };
    const r = spawnSync(process.execPath, [bin, "scan", "--out", "out", "--no-progress"], {
      cwd: dir,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^error: could not get a token for https:\/\/management\.azure\.com from DefaultAzureCredential/,
    );
    expect(r.stderr).toContain("fix: sign in with `az login`");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(readdirSync(dir)).not.toContain("out");
  });
});
