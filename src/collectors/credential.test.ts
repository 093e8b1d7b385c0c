import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseCredential, fetchGithubOidcToken, githubOidcSettings, GITHUB_OIDC_AUDIENCE } from "./credential.ts";

const GITHUB_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: "http://127.0.0.1:1/token?api-version=2.0",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token",
  AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111",
  AZURE_TENANT_ID: "22222222-2222-2222-2222-222222222222",
};

describe("the credential choice", () => {
  it("is GitHub OIDC only when all four variables are set", () => {
    expect(githubOidcSettings(GITHUB_ENV)).toMatchObject({
      clientId: GITHUB_ENV.AZURE_CLIENT_ID,
      tenantId: GITHUB_ENV.AZURE_TENANT_ID,
    });
    expect(chooseCredential(GITHUB_ENV, "https://login.microsoftonline.com").source).toBe("github-oidc");
    for (const k of Object.keys(GITHUB_ENV)) {
      const env: Record<string, string | undefined> = { ...GITHUB_ENV, [k]: "" };
      expect(githubOidcSettings(env), k).toBeNull();
      expect(chooseCredential(env, "https://login.microsoftonline.com").source, k).toBe("default");
    }
  });
});

describe("fetchGithubOidcToken", () => {
  let server: Server;
  let base = "";
  const seen: { audience: string | null; auth: string | undefined }[] = [];
  let issued = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      seen.push({ audience: url.searchParams.get("audience"), auth: req.headers.authorization });
      if (req.headers.authorization !== "Bearer request-token")
        return void res.writeHead(401).end('{"message":"secret-ish body"}');
      if (url.pathname === "/empty") return void res.writeHead(200, { "content-type": "application/json" }).end("{}");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value: `id-token-${++issued}` }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) =>
        server.close(() => {
          r();
        }),
      ),
  );

  it("asks for Entra's audience with the request token, and gets a new token each time", async () => {
    const settings = githubOidcSettings({
      ...GITHUB_ENV,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/token?api-version=2.0`,
    })!;
    expect(await fetchGithubOidcToken(settings)).toBe("id-token-1");
    expect(await fetchGithubOidcToken(settings)).toBe("id-token-2");
    expect(seen.at(-1)).toEqual({ audience: GITHUB_OIDC_AUDIENCE, auth: "Bearer request-token" });
  });

  it("fails with a message that says what to check and never echoes the response", async () => {
    const denied = githubOidcSettings({
      ...GITHUB_ENV,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/token`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "wrong",
    })!;
    await expect(fetchGithubOidcToken(denied)).rejects.toThrow(
      /HTTP 401; does the job have `permissions: id-token: write`\?$/,
    );
    await expect(fetchGithubOidcToken(denied)).rejects.not.toThrow(/secret-ish/);
    const empty = githubOidcSettings({ ...GITHUB_ENV, ACTIONS_ID_TOKEN_REQUEST_URL: `${base}/empty` })!;
    await expect(fetchGithubOidcToken(empty)).rejects.toThrow(/holds no token/);
  });
});
