// App registrations: one paged list ($select only what rules use, $top=999), then the two
// sub-collections Graph v1.0 does not inline — federatedIdentityCredentials and owners — through
// hand-built $batch requests (20 per batch, batches under the shared concurrency bound).
import type { Application, CoverageGap, FederatedIdentityCredential, Section } from "../../inventory/types.ts";
import type { GraphBatchRequest } from "../clients.ts";
import { gapFrom, isProgrammingError, runSection, sortBy, sortStrings, str, type CollectContext } from "../section.ts";
import { retryAfterSeconds, sleep } from "../wire/limits.ts";
import { expectListPage } from "../wire/response.ts";
import { keyCredentials, passwordCredentials } from "./common.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PERMISSION = "Application.Read.All";
const SELECT = "id,appId,displayName,createdDateTime,signInAudience,passwordCredentials,keyCredentials";
const BATCH = 20;
// Graph throttles each sub-request of a $batch on its own: a busy tenant can throttle one several
// times over while the rest succeed, so it gets as many rounds as a top-level request gets retries.
const MAX_BATCH_ROUNDS = 8;

export interface RawApp {
  id: string;
  appId?: string;
  displayName?: string;
  createdDateTime?: string | null;
  signInAudience?: string | null;
  passwordCredentials?: unknown;
  keyCredentials?: unknown;
}

interface RawFic {
  id?: string;
  name?: string;
  issuer?: string;
  subject?: string | null;
  audiences?: string[];
}

/** One app registration of Graph's list, its sub-collections not read yet (null). */
export function toApplication(a: RawApp): Application {
  return {
    id: a.id.toLowerCase(),
    appId: (a.appId ?? "").toLowerCase(),
    displayName: a.displayName ?? "",
    createdDateTime: str(a.createdDateTime),
    signInAudience: str(a.signInAudience),
    passwordCredentials: passwordCredentials(a.passwordCredentials),
    keyCredentials: keyCredentials(a.keyCredentials),
    federatedIdentityCredentials: null,
    owners: null,
  };
}

export function toFederatedCredentials(values: unknown[]): FederatedIdentityCredential[] {
  return sortBy(
    (values as RawFic[]).map((f): FederatedIdentityCredential => ({
      id: (f.id ?? "").toLowerCase(),
      name: f.name ?? "",
      issuer: f.issuer ?? "",
      subject: str(f.subject),
      audiences: sortStrings(f.audiences ?? []),
    })),
    (f) => f.id,
  );
}

/** Owner object ids of an owners list (directory objects of any type). */
export function toOwnerIds(values: unknown[]): string[] {
  return sortStrings((values as Array<{ id?: string }>).map((o) => (o.id ?? "").toLowerCase()).filter(Boolean));
}

export async function collectApplications(ctx: CollectContext): Promise<Section<Application>> {
  return runSection<Application>(
    ctx,
    "applications",
    PERMISSION,
    async () => {
      const apps: Application[] = [];
      const gaps: CoverageGap[] = [];
      // Each page's sub-collections are requested as soon as the page arrives, so the $batch
      // requests overlap the rest of the list walk instead of waiting for its last page. The walk
      // itself holds one slot of the limiter and never waits on the batches, so it cannot deadlock.
      const pending: Promise<void>[] = [];
      const byId = new Map<string, Application>();
      // Requests wait here until they fill a whole $batch, so page size never wastes batches.
      let queued: GraphBatchRequest[] = [];
      const flush = (all: boolean) => {
        while (queued.length >= BATCH || (all && queued.length > 0)) {
          pending.push(sendSubCollections(ctx, byId, queued.slice(0, BATCH), gaps));
          queued = queued.slice(BATCH);
        }
      };
      await ctx.limit(async () => {
        for await (const page of ctx.clients.graphPages<RawApp>(`applications?$select=${SELECT}&$top=999`)) {
          const fresh = page.map(toApplication);
          apps.push(...fresh);
          for (const a of fresh) {
            byId.set(a.id, a);
            queued.push({
              id: `fic:${a.id}`,
              method: "GET",
              url: `/applications/${a.id}/federatedIdentityCredentials`,
            });
            queued.push({
              id: `owners:${a.id}`,
              method: "GET",
              url: `/applications/${a.id}/owners?$select=id&$top=999`,
            });
          }
          flush(false);
        }
      });
      flush(true);
      await Promise.all(pending);
      return { items: apps, gaps };
    },
    SECTION_ORDER.applications,
  );
}

type Sub = "fic" | "owners";

/** One $batch of sub-collection reads (retried per sub-request on 429/5xx), under the limiter. */
async function sendSubCollections(
  ctx: CollectContext,
  byId: Map<string, Application>,
  chunk: GraphBatchRequest[],
  gaps: CoverageGap[],
): Promise<void> {
  const apply = async (id: string, body: unknown) => {
    const [kind, appId] = id.split(":") as [Sub, string];
    const app = byId.get(appId);
    if (!app) return;
    const page = expectListPage(
      "graph",
      `${ctx.clients.cloud.graphEndpoint}/v1.0/applications/${appId}/${kind === "fic" ? "federatedIdentityCredentials" : "owners"}`,
      body,
    );
    const values: unknown[] = [...page.value];
    // a sub-collection longer than one page: follow its nextLink (checked like any other) directly
    if (typeof page.nextLink === "string" && page.nextLink)
      for await (const more of ctx.clients.graphPages(page.nextLink)) values.push(...more);
    if (kind === "fic") {
      app.federatedIdentityCredentials = toFederatedCredentials(values);
    } else {
      app.owners = toOwnerIds(values);
    }
  };

  // the same bounds as every other wait of the scan: the Retry-After cap and the deadline
  const { maxRetryAfterSeconds, deadline } = ctx.clients.limits;
  const scopeOf = (req: GraphBatchRequest) => `/applications/${req.id.split(":")[1]}`;
  await ctx
    .limit(async () => {
      let pending = chunk;
      for (let round = 0; pending.length && round < MAX_BATCH_ROUNDS; round++) {
        const responses = await ctx.clients.graphBatch(pending);
        const byReq = new Map(responses.map((r) => [r.id, r]));
        const retry: GraphBatchRequest[] = [];
        let wait = 0;
        for (const req of pending) {
          const r = byReq.get(req.id);
          if (!r) {
            retry.push(req);
            continue;
          }
          if (r.status >= 200 && r.status < 300) await apply(req.id, r.body);
          else if ((r.status === 429 || r.status >= 500) && round < MAX_BATCH_ROUNDS - 1) {
            const ra = retryAfterSeconds(r.headers["retry-after"]);
            if (ra !== undefined && ra > maxRetryAfterSeconds) {
              gaps.push({
                scope: scopeOf(req),
                reason: `Graph answered the $batch request with HTTP ${r.status} and asked to wait ${Math.round(ra)} s, more than the ${maxRetryAfterSeconds} s azaudit waits`,
              });
              continue;
            }
            retry.push(req);
            wait = Math.max(wait, ra !== undefined ? ra * 1000 : 1000);
          } else if (r.status === 404) {
            // deleted between the list and the batch: nothing to read, nothing missed
          } else {
            const err = r.body as { error?: { code?: string; message?: string } } | undefined;
            gaps.push(
              gapFrom(
                `/applications/${req.id.split(":")[1]}/${req.id.startsWith("fic:") ? "federatedIdentityCredentials" : "owners"}`,
                Object.assign(new Error(err?.error?.message ?? `HTTP ${r.status}`), {
                  statusCode: r.status,
                  code: err?.error?.code,
                }),
                PERMISSION,
              ),
            );
          }
        }
        pending = retry;
        if (pending.length && wait) {
          const waited = await sleep(wait, deadline).then(
            () => true,
            () => false,
          );
          if (!waited) {
            for (const req of pending)
              gaps.push({
                scope: scopeOf(req),
                reason: "the scan's deadline passed before the $batch request could be retried",
              });
            pending = [];
          }
        }
      }
      for (const req of pending)
        gaps.push({
          scope: scopeOf(req),
          reason: "the $batch sub-request was still throttled or failing after retries",
        });
    })
    .catch((err: unknown) => {
      if (isProgrammingError(err)) throw err;
      for (const req of chunk) gaps.push(gapFrom(`/applications/${req.id.split(":")[1]}`, err, PERMISSION));
    });
}
