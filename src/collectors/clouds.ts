// The Azure clouds azaudit scans: each one's ARM and Graph endpoints, token audiences and
// authority. Sources: Microsoft Graph "National cloud deployments"
// (learn.microsoft.com/graph/deployments: graph.microsoft.us for US Government L4,
// dod-graph.microsoft.us for US Government L5 (DoD), microsoftgraph.chinacloudapi.cn for
// 21Vianet) and `az cloud show` for the ARM endpoints. Both the collectors and the emulator read
// this table, so they agree on which audience belongs to which cloud.

export type CloudName = "AzureCloud" | "AzureUSGovernment" | "AzureUSGovernmentDoD" | "AzureChinaCloud";

export interface CloudEndpoints {
  name: CloudName;
  armEndpoint: string;
  graphEndpoint: string;
  /** token audience for ARM (scope = audience + "/.default") */
  armAudience: string;
  graphAudience: string;
  authorityHost: string;
}

export const CLOUDS: Record<CloudName, CloudEndpoints> = {
  AzureCloud: {
    name: "AzureCloud",
    armEndpoint: "https://management.azure.com",
    graphEndpoint: "https://graph.microsoft.com",
    armAudience: "https://management.azure.com",
    graphAudience: "https://graph.microsoft.com",
    authorityHost: "https://login.microsoftonline.com",
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    armEndpoint: "https://management.usgovcloudapi.net",
    graphEndpoint: "https://graph.microsoft.us",
    armAudience: "https://management.usgovcloudapi.net",
    graphAudience: "https://graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
  },
  // DoD tenants share US Government's ARM and authority; Graph is its own endpoint and audience
  AzureUSGovernmentDoD: {
    name: "AzureUSGovernmentDoD",
    armEndpoint: "https://management.usgovcloudapi.net",
    graphEndpoint: "https://dod-graph.microsoft.us",
    armAudience: "https://management.usgovcloudapi.net",
    graphAudience: "https://dod-graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    armEndpoint: "https://management.chinacloudapi.cn",
    graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
    armAudience: "https://management.chinacloudapi.cn",
    graphAudience: "https://microsoftgraph.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
  },
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/** A Graph token's audience is the Graph deployment it is for: the national endpoint named, if it is one. */
function graphAudienceFor(endpoint: string, fallback: string): string {
  let origin: string;
  try {
    origin = new URL(endpoint).origin.toLowerCase();
  } catch {
    return fallback;
  }
  return Object.values(CLOUDS).find((c) => c.graphEndpoint === origin)?.graphAudience ?? fallback;
}

/**
 * The cloud's endpoints with `AZAUDIT_ARM_ENDPOINT` / `AZAUDIT_GRAPH_ENDPOINT` applied. The Graph
 * audience follows the Graph endpoint when that is a national deployment's (a US Government tenant
 * pointed at dod-graph.microsoft.us needs DoD tokens); a private endpoint keeps the cloud's.
 */
export function resolveEndpoints(cloud: CloudName, env: Record<string, string | undefined>): CloudEndpoints {
  const base = CLOUDS[cloud];
  const trim = (u: string) => u.replace(/\/+$/, "");
  const graphEndpoint = trim(env.AZAUDIT_GRAPH_ENDPOINT?.trim() || base.graphEndpoint);
  return {
    ...base,
    armEndpoint: trim(env.AZAUDIT_ARM_ENDPOINT?.trim() || base.armEndpoint),
    graphEndpoint,
    graphAudience: graphAudienceFor(graphEndpoint, base.graphAudience),
  };
}
