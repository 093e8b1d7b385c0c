// Defender for Cloud per subscription: pricings (plans), assessments and secure scores.
import type {
  CoverageGap,
  CoverageNote,
  DefenderAssessment,
  DefenderPricing,
  DefenderSecureScore,
  DefenderSubscription,
  Section,
} from "../../inventory/types.ts";
import { isIdentityAssessment } from "../../classification/defender-assessments.ts";
import { mapSettled, type Limiter } from "../limit.ts";
import { gapFrom, isProgrammingError, runSection, sortBy, str, type CollectContext } from "../section.ts";
import { subscriptionScope } from "../../arm/resource-id.ts";
import { SECTION_ORDER } from "../../inventory/section-order.ts";

const PERMISSION = "Microsoft.Security/pricings/read";
const unlimited: Limiter = (task) => task();

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

// The SDKs' flattened shapes (properties lifted to the top level): the JavaScript SDK's here,
// and the Python SDK's that `az security … list` prints.
export interface RawPricing {
  name?: string;
  pricingTier?: string;
  subPlan?: string | null;
}
export interface RawAssessment {
  id?: string;
  name?: string;
  displayName?: string;
  status?: { code?: string; cause?: string | null; description?: string | null };
  resourceDetails?: unknown;
  metadata?: { severity?: string };
}
export interface RawSecureScore {
  name?: string;
  displayName?: string | null;
  current?: unknown;
  max?: unknown;
  percentage?: unknown;
}

export function toPricing(p: RawPricing): DefenderPricing {
  return { name: p.name ?? "", pricingTier: p.pricingTier ?? "Unknown", subPlan: str(p.subPlan) };
}

/** AssessmentsMetadata_List entries, flattened by the SDK. */
export interface RawAssessmentMetadata {
  name?: string;
  severity?: string;
  categories?: string[];
}

/** What the tenant's assessment metadata says about one assessment key. */
export interface AssessmentFacts {
  severity: string | null;
  categories: string[];
}

export function toAssessment(a: RawAssessment, facts?: AssessmentFacts): DefenderAssessment {
  const rd = a.resourceDetails as { id?: string; Id?: string } | undefined;
  return {
    id: a.id ?? "",
    name: (a.name ?? "").toLowerCase(),
    displayName: a.displayName ?? a.name ?? "",
    statusCode: a.status?.code ?? "Unknown",
    statusCause: str(a.status?.cause),
    statusDescription: str(a.status?.description),
    resourceId: str(rd?.id ?? rd?.Id),
    // Assessments_List carries no metadata (only Assessments_Get takes $expand=metadata): the
    // severity comes from the tenant's assessment metadata, joined on the key
    severity: facts?.severity ?? str(a.metadata?.severity),
  };
}

export function toSecureScore(s: RawSecureScore): DefenderSecureScore {
  return {
    name: s.name ?? "",
    displayName: str(s.displayName),
    current: num(s.current),
    max: num(s.max),
    percentage: num(s.percentage),
  };
}

export function defenderSubscription(
  subscriptionId: string,
  pricings: DefenderPricing[],
  assessments: DefenderAssessment[],
  secureScores: DefenderSecureScore[],
): DefenderSubscription {
  return {
    subscriptionId,
    pricings: sortBy(pricings, (p) => p.name.toLowerCase()),
    assessments: sortBy(assessments, (a) => a.id.toLowerCase()),
    secureScores: sortBy(secureScores, (s) => s.name.toLowerCase()),
  };
}

/**
 * ARM's answer on a subscription where Microsoft.Security is not registered (code
 * MissingSubscriptionRegistration, "Resolve errors for resource provider registration"). A Reader
 * cannot register it; Defender for Cloud is then simply not enabled there, which is data.
 */
export function isNotRegistered(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { statusCode?: unknown; code?: unknown };
  return (
    (e.statusCode === 404 || e.statusCode === 409) &&
    typeof e.code === "string" &&
    /^(MissingSubscriptionRegistration|SubscriptionNotRegistered)$/i.test(e.code)
  );
}

export const NOT_REGISTERED_NOTE =
  "Microsoft.Security is not registered on this subscription: Defender for Cloud is not enabled there, so its plans are judged off";

export async function collectDefender(
  ctx: CollectContext,
  subscriptionIds: string[],
): Promise<Section<DefenderSubscription>> {
  return runSection<DefenderSubscription>(
    ctx,
    "defender",
    PERMISSION,
    async () => {
      const gaps: CoverageGap[] = [];
      // Tenant-wide and the same from every subscription: read once. Without it, assessments are
      // still kept by their known identity keys, with no severity, and the gap says why.
      const firstSub = subscriptionIds[0];
      const metadata =
        firstSub === undefined
          ? new Map<string, AssessmentFacts>()
          : await ctx
              .limit(async () => {
                const out = new Map<string, AssessmentFacts>();
                for await (const m of ctx.clients.security(firstSub).assessmentsMetadata.list()) {
                  const raw = m as RawAssessmentMetadata;
                  if (typeof raw.name === "string")
                    out.set(raw.name.toLowerCase(), {
                      severity: str(raw.severity),
                      categories: Array.isArray(raw.categories)
                        ? raw.categories.filter((c): c is string => typeof c === "string")
                        : [],
                    });
                }
                return out;
              })
              .catch((err: unknown) => {
                if (isProgrammingError(err)) throw err;
                if (isNotRegistered(err)) return new Map<string, AssessmentFacts>();
                gaps.push(
                  gapFrom(
                    "/providers/Microsoft.Security/assessmentMetadata",
                    err,
                    "Microsoft.Security/assessmentMetadata/read",
                  ),
                );
                return new Map<string, AssessmentFacts>();
              });
      // Each of a subscription's three lists is its own leaf task under the limiter, so the
      // bound holds for requests in flight (three walks in one slot would exceed it threefold).
      const results = await mapSettled(unlimited, subscriptionIds, async (sub) => {
        const client = ctx.clients.security(sub);
        const fail =
          (what: string, permission: string) =>
          (err: unknown): never => {
            (err as { azauditPermission?: string; azauditWhat?: string }).azauditPermission = permission;
            (err as { azauditWhat?: string }).azauditWhat = what;
            throw err;
          };
        const pricingsP = ctx
          .limit(() => client.pricings.list())
          // the SDK types `value` as always present; an answer without it is read as no plans
          .then(
            (r) => ((r as { value?: RawPricing[] }).value ?? []).map(toPricing),
            fail("pricings", "Microsoft.Security/pricings/read"),
          );
        const assessmentsP = ctx
          .limit(async () => {
            const out: DefenderAssessment[] = [];
            for await (const a of client.assessments.list(`subscriptions/${sub}`)) {
              const key = (a.name ?? "").toLowerCase();
              const facts = metadata.get(key);
              // every assessment of every resource is most of Defender's answer; only identity ones are judged
              if (isIdentityAssessment(key, facts?.categories)) out.push(toAssessment(a, facts));
            }
            return out;
          })
          .catch(fail("assessments", "Microsoft.Security/assessments/read"));
        const scoresP = ctx
          .limit(async () => {
            const out: DefenderSecureScore[] = [];
            for await (const s of client.secureScores.list()) {
              out.push(toSecureScore(s));
            }
            return out;
          })
          .catch(fail("secureScores", "Microsoft.Security/secureScores/read"));
        const settled = await Promise.allSettled([pricingsP, assessmentsP, scoresP]);
        if (settled.some((r) => r.status === "rejected" && isNotRegistered(r.reason))) {
          return { ...defenderSubscription(sub, [], [], []), securityProviderRegistered: false };
        }
        for (const r of settled) if (r.status === "rejected") throw r.reason;
        const [pricings, assessments, secureScores] = await Promise.all([pricingsP, assessmentsP, scoresP]);
        return defenderSubscription(sub, pricings, assessments, secureScores);
      });
      const items: DefenderSubscription[] = [];
      const notes: CoverageNote[] = [];
      for (const r of results) {
        if (r.ok && r.value.securityProviderRegistered === false)
          notes.push({ scope: subscriptionScope(r.item), reason: NOT_REGISTERED_NOTE });
        if (r.ok) items.push(r.value);
        else if (isProgrammingError(r.error)) throw r.error;
        else
          gaps.push(
            gapFrom(
              subscriptionScope(r.item),
              r.error,
              (r.error as { azauditPermission?: string }).azauditPermission ?? PERMISSION,
            ),
          );
      }
      return { items, gaps, notes, attempted: subscriptionIds.length };
    },
    SECTION_ORDER.defender,
  );
}
