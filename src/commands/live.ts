import type { GithubOidcSettings } from "../collectors/credential.ts";
import { InputError } from "../errors.ts";
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
  const [{ createAzureClients, collectInventory, createStreamProgress }, { githubOidcSettings }] = await Promise.all([import("../collectors/index.ts"), import("../collectors/credential.ts")]);
  const env = req.tenant ? { ...req.io.env, AZURE_TENANT_ID: req.tenant } : req.io.env;
  const clients = createAzureClients({ cloud: req.cloud, env, log: req.log.isVerbose ? (line) => req.log.verbose(line) : undefined });
  try {
    await preflight(clients.credential, [clients.armScope, clients.graphScope], signInSource(githubOidcSettings(env)));
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

interface TokenSource {
  getToken(scopes: string | string[]): Promise<{ token: string } | null>;
}

/**
 * Gets one token per audience before collecting, so "not signed in" is one clear error with
 * the way to fix it (exit 2), not thirteen sections failing with the same stack trace.
 */
interface SignInSource {
  name: string;
  hint: string;
}

/** How the scan signs in, for the error when it cannot: the choice itself is credential.ts's. */
function signInSource(github: GithubOidcSettings | null): SignInSource {
  if (github) {
    return {
      name: `GitHub OIDC (client ${github.clientId}, tenant ${github.tenantId})`,
      hint: "check that the app has a federated credential whose subject matches this job (e.g. repo:ORG/REPO:ref:refs/heads/main), issuer https://token.actions.githubusercontent.com and audience api://AzureADTokenExchange, and that the job has `permissions: id-token: write`",
    };
  }
  return {
    name: "DefaultAzureCredential",
    hint: "sign in with `az login` (or `az login --identity`), or run where a managed or workload identity is available (in GitHub Actions: the azaudit Action, or set AZURE_CLIENT_ID and AZURE_TENANT_ID with `permissions: id-token: write`); to judge a saved inventory offline use --snapshot FILE",
  };
}

async function preflight(credential: TokenSource, scopes: string[], source: SignInSource): Promise<void> {
  for (const scope of scopes) {
    try {
      const token = await credential.getToken(scope);
      if (token) continue;
    } catch (err) {
      // The credential chain lists why each source was unavailable, one per line: keep those lines.
      const reasons = String((err as Error).message ?? err)
        .split("\n")
        .map((l) => l.replace(/^CredentialUnavailableError:\s*/, "").replace(/\s*To troubleshoot.*$/, "").trim())
        .filter((l) => l && !/^ChainedTokenCredential authentication failed/.test(l))
        .slice(0, 8);
      throw new InputError({
        message: `could not get a token for ${scope.replace("/.default", "")} from ${source.name}${reasons.length ? `:\n    ${reasons.join("\n    ")}` : ""}`,
        hint: source.hint,
      });
    }
    throw new InputError({ message: `${source.name} returned no token for ${scope}`, hint: source.hint });
  }
}
