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
}

/** Builds the SDK clients from the cloud's endpoints and runs every collector. */
export async function collectLive(req: LiveScanRequest): Promise<Inventory> {
  // Loaded on demand: offline runs (--snapshot, rules, explain) never pay for the Azure SDKs.
  const { createAzureClients } = await import("../collectors/clients.ts");
  const { collectInventory } = await import("../collectors/index.ts");
  void createAzureClients;
  void collectInventory;
  throw new Error("live collection is not wired yet");
}
