import type { CliIO } from "../io.ts";
import type { Inventory } from "../inventory/types.ts";
import type { Logger } from "../log.ts";

export const CLOUDS = ["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"] as const;
export type CloudName = (typeof CLOUDS)[number];

export interface LiveScanRequest {
  io: CliIO;
  log: Logger;
  cloud: CloudName;
  tenant: string | undefined;
  subscriptions: string[] | undefined;
  excludeSubscriptions: string[] | undefined;
  progress: boolean;
  /** Requests in flight at once; the collectors' default when undefined. */
  concurrency: number | undefined;
}

/** Builds the SDK clients from the cloud's endpoints and runs every collector. */
export async function collectLive(req: LiveScanRequest): Promise<Inventory> {
  // Loaded on demand: offline runs (--snapshot, rules, explain) never pay for the Azure SDKs.
  const { createAzureClients, collectInventory, createStreamProgress } = await import("../collectors/index.ts");
  const env = req.tenant ? { ...req.io.env, AZURE_TENANT_ID: req.tenant } : req.io.env;
  const clients = createAzureClients({ cloud: req.cloud, env, log: req.log.isVerbose ? (line) => req.log.verbose(line) : undefined });
  try {
    return await collectInventory({
      clients,
      clock: req.io.clock ?? (() => new Date()),
      progress: createStreamProgress({ stream: req.io.stderr, disabled: !req.progress }),
      scope: { subscriptions: req.subscriptions, excludeSubscriptions: req.excludeSubscriptions },
      cloud: req.cloud,
      concurrency: req.concurrency,
      logError: (line) => req.log.error(line),
    });
  } finally {
    clients.close();
  }
}
