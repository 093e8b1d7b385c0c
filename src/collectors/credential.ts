// Which credential a scan signs in with. In a GitHub Actions job that may request an OIDC token
// (permissions: id-token: write) and names the scanner app (AZURE_CLIENT_ID, AZURE_TENANT_ID),
// azaudit exchanges a GitHub OIDC token for Entra tokens itself, asking GitHub for a fresh one at
// every exchange. azure/login's federated sign-in holds one GitHub token, valid minutes, so a scan
// of a large tenant that outlives it could no longer refresh its Entra tokens. Everywhere else:
// DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI, …).
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { ClientAssertionCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";

/** The audience Entra expects in a federated credential's assertion. */
export const GITHUB_OIDC_AUDIENCE = "api://AzureADTokenExchange";

export interface GithubOidcSettings {
  requestUrl: string;
  requestToken: string;
  clientId: string;
  tenantId: string;
}

/** The four variables a GitHub job with `id-token: write` and the scanner's ids provides, or null. */
export function githubOidcSettings(env: Record<string, string | undefined>): GithubOidcSettings | null {
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim();
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim();
  const clientId = env.AZURE_CLIENT_ID?.trim();
  const tenantId = env.AZURE_TENANT_ID?.trim();
  if (!requestUrl || !requestToken || !clientId || !tenantId) return null;
  return { requestUrl, requestToken, clientId, tenantId };
}

/** Asks GitHub's OIDC provider for a new ID token for Entra's token exchange. */
export async function fetchGithubOidcToken(settings: GithubOidcSettings, ca?: string): Promise<string> {
  const url = new URL(settings.requestUrl);
  url.searchParams.set("audience", GITHUB_OIDC_AUDIENCE);
  const send = url.protocol === "http:" ? httpRequest : httpsRequest;
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = send(
      url,
      {
        method: "GET",
        headers: { authorization: `Bearer ${settings.requestToken}`, accept: "application/json" },
        timeout: 30_000,
        ...(ca ? { ca } : {}),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body: text });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
  // Never echo the body: it may hold a token.
  if (status !== 200)
    throw new Error(
      `the GitHub OIDC token request answered HTTP ${status}; does the job have \`permissions: id-token: write\`?`,
    );
  let value: unknown;
  try {
    value = (JSON.parse(body) as { value?: unknown }).value;
  } catch {
    value = undefined;
  }
  if (typeof value !== "string" || value === "")
    throw new Error('the GitHub OIDC token response holds no token (expected JSON with a "value")');
  return value;
}

export interface CredentialChoice {
  credential: TokenCredential;
  /** for messages: which source signs in */
  source: "github-oidc" | "default";
}

/** Authorities MSAL knows; for any other (AZURE_AUTHORITY_HOST), it would ask the public cloud. */
const KNOWN_AUTHORITY_HOSTS = [
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.windows.net",
];

export function chooseCredential(
  env: Record<string, string | undefined>,
  authorityHost: string,
  ca?: string,
): CredentialChoice {
  const host = env.AZURE_AUTHORITY_HOST?.trim() || authorityHost;
  // An authority the user named explicitly is trusted as given: instance discovery would ask
  // login.microsoftonline.com about a host it cannot know (a private or test authority).
  const known = KNOWN_AUTHORITY_HOSTS.includes(new URL(host).hostname.toLowerCase());
  const github = githubOidcSettings(env);
  if (github) {
    return {
      source: "github-oidc",
      credential: new ClientAssertionCredential(
        github.tenantId,
        github.clientId,
        () => fetchGithubOidcToken(github, ca),
        {
          authorityHost: host,
          disableInstanceDiscovery: !known,
          ...(ca ? { tlsOptions: { ca } } : {}),
        },
      ),
    };
  }
  // DefaultAzureCredential reads the process environment itself (MSAL does); only what it accepts
  // as options is passed, so the injected env decides the tenant and the user-assigned identity.
  return {
    source: "default",
    credential: new DefaultAzureCredential({
      tenantId: env.AZURE_TENANT_ID || undefined,
      managedIdentityClientId: env.AZURE_CLIENT_ID || undefined,
      authorityHost: host,
      ...(ca ? { tlsOptions: { ca } } : {}),
    } as ConstructorParameters<typeof DefaultAzureCredential>[0]),
  };
}
