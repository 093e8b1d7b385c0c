// Raw HTTPS calls to a running emulator (its own CA, a managed identity token fetched by hand),
// for tests that check the emulator's wire answers rather than a collector's reading of them.
import { request } from "node:https";
import type { RunningEmulator } from "../../src/emulator/index.ts";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export function callEmulator(
  emu: Pick<RunningEmulator, "url" | "caPem">,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      `${emu.url}${path}`,
      {
        method,
        ca: emu.caPem,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(payload ? { "content-type": "application/json" } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? (JSON.parse(text) as unknown) : undefined,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** The App Service MSI protocol by hand (MSAL caches managed identity tokens process-wide). */
export async function emulatorToken(emu: Pick<RunningEmulator, "env">, resource: string): Promise<string> {
  const res = await fetch(
    `${emu.env.IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}`,
    { headers: { "X-IDENTITY-HEADER": emu.env.IDENTITY_HEADER } },
  );
  if (res.status !== 200) throw new Error(`MSI token: HTTP ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
