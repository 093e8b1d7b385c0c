import type { GithubOidcSettings } from "../collectors/credential.ts";
import { InputError } from "../errors.ts";
import type { CliIO } from "../io.ts";
import type { Inventory } from "../inventory/types.ts";
import type { Logger, Redactor } from "../log.ts";
import type { WireLimits } from "../collectors/wire/limits.ts";
import type { CollectPart } from "../collectors/index.ts";

import { CLOUD_NAMES, type CloudName } from "../collectors/clouds.ts";

export const CLOUDS = CLOUD_NAMES;
export type { CloudName };

export interface LiveScanRequest {
  io: CliIO;
  log: Logger;
  cloud: CloudName;
  tenant: string | undefined;
  subscriptions: string[] | undefined;
  excludeSubscriptions: string[] | undefined;
  /** keep subscriptions whose home tenant is another one (Azure Lighthouse) */
  includeOtherTenants?: boolean;
  progress: boolean;
  /** Requests in flight at once; the collectors' default when undefined. */
  concurrency: number | undefined;
  /** the run's redaction: learns each token the scan is handed */
  redactor: Redactor;
  /** request timeout and scan deadline (the wire defaults otherwise) */
  limits: Partial<WireLimits>;
  /** one part of a split scan; absent: the whole tenant */
  part?: CollectPart;
}

/** Builds the SDK clients from the cloud's endpoints and runs every collector. */
export async function collectLive(req: LiveScanRequest): Promise<Inventory> {
  // Loaded on demand: offline runs (--snapshot, rules, explain) never pay for the Azure SDKs.
  const [{ createAzureClients, collectInventory, createStreamProgress, tokenIdentity }, { githubOidcSettings }] =
    await Promise.all([import("../collectors/index.ts"), import("../collectors/credential.ts")]);
  const env = req.tenant ? { ...req.io.env, AZURE_TENANT_ID: req.tenant } : req.io.env;
  const clients = createAzureClients({
    cloud: req.cloud,
    env,
    log: req.log.isVerbose
      ? (line) => {
          req.log.verbose(line);
        }
      : undefined,
    redactor: req.redactor,
    limits: req.limits,
  });
  try {
    const armToken = await preflight(
      clients.credential,
      [clients.armScope, clients.graphScope],
      signInSource(githubOidcSettings(env)),
    );
    const scanner = tokenIdentity(armToken);
    if (scanner) req.log.verbose(`scanning as object id ${scanner.objectId}`);
    else
      req.log.verbose(
        "the ARM access token names no object id (oid): the scanner's own Reader role cannot be recognised",
      );
    return await collectInventory({
      scannerObjectId: scanner?.objectId ?? null,
      clients,
      clock: req.io.clock ?? (() => new Date()),
      progress: createStreamProgress({
        stream: req.io.stderr,
        disabled: !req.progress,
        redact: (t) => req.redactor.redact(t),
      }),
      scope: {
        subscriptions: req.subscriptions,
        excludeSubscriptions: req.excludeSubscriptions,
        includeOtherTenants: req.includeOtherTenants,
      },
      cloud: req.cloud,
      concurrency: req.concurrency,
      logError: (line) => {
        req.log.error(line);
      },
      ...(req.part ? { part: req.part } : {}),
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
 * the way to fix it (exit 2), not thirteen sections failing with the same stack trace. Returns the
 * first (ARM) access token, only to read who the scan runs as; it is never logged or kept.
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

async function preflight(credential: TokenSource, scopes: string[], source: SignInSource): Promise<string> {
  let first: string | null = null;
  for (const scope of scopes) {
    try {
      const token = await credential.getToken(scope);
      if (token) {
        first ??= token.token;
        continue;
      }
    } catch (err) {
      // The credential chain lists why each source was unavailable, one per line: keep those lines.
      const reasons = (err instanceof Error ? err.message : String(err))
        .split("\n")
        .map((l) =>
          l
            .replace(/^CredentialUnavailableError:\s*/, "")
            .replace(/\s*To troubleshoot.*$/, "")
            .trim(),
        )
        .filter((l) => l && !/^ChainedTokenCredential authentication failed/.test(l))
        .slice(0, 8);
      throw new InputError({
        message: `could not get a token for ${scope.replace("/.default", "")} from ${source.name}${reasons.length ? `:\n    ${reasons.join("\n    ")}` : ""}`,
        hint: source.hint,
      });
    }
    throw new InputError({ message: `${source.name} returned no token for ${scope}`, hint: source.hint });
  }
  return first ?? "";
}
