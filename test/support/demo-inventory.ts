// The demo tenant as `azaudit scan` sees it: served by the emulator, collected through the real
// SDKs over HTTPS, at a pinned scan time. For tests that judge what the demo's data gives.
import { collectInventory, createAzureClients, silentProgress, tokenIdentity } from "../../src/collectors/index.ts";
import { buildDemoTenant } from "../../src/demo/tenant.ts";
import { startEmulator } from "../../src/emulator/index.ts";
import type { EmulatorOptions, TenantFixture } from "../../src/emulator/types.ts";
import type { Inventory } from "../../src/inventory/types.ts";

export async function collectDemoInventory(
  scanTime: Date,
  edit: (fixture: TenantFixture) => TenantFixture = (f) => f,
  options: EmulatorOptions = {},
): Promise<Inventory> {
  const saved = { ...process.env };
  const emu = await startEmulator({ ...options, fixture: edit(buildDemoTenant(scanTime)) });
  try {
    const { NODE_EXTRA_CA_CERTS: _ca, ...env } = emu.env;
    Object.assign(process.env, env); // DefaultAzureCredential reads the managed identity endpoint from the process
    const clients = createAzureClients({ env: process.env, ca: emu.caPem });
    try {
      const token = await clients.credential.getToken(clients.armScope);
      return await collectInventory({
        clients,
        clock: () => scanTime,
        progress: silentProgress,
        scope: {},
        cloud: "AzureCloud",
        logError: () => {},
        scannerObjectId: token ? (tokenIdentity(token.token)?.objectId ?? null) : null,
      });
    } finally {
      clients.close();
    }
  } finally {
    await emu.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) Reflect.deleteProperty(process.env, k);
    Object.assign(process.env, saved);
  }
}
