// Defender for Cloud per subscription: `az security pricing list` (a bare array on the
// 2018-06-01 SDK; `{ "value": [...] }` — the SDK's PricingList — on 2022-03-01 and later),
// `az security assessment list` and `az security secure-scores list` (bare arrays). All are the
// Python SDK's models with `properties` flattened, as the JavaScript SDK gives the live
// collector, so its mappings are reused.
import { isIdentityAssessment } from "../../classification/defender-assessments.ts";
import {
  defenderSubscription,
  toAssessment,
  toPricing,
  toSecureScore,
  type AssessmentFacts,
  type RawAssessment,
  type RawAssessmentMetadata,
  type RawPricing,
  type RawSecureScore,
} from "../../collectors/arm/defender.ts";
import type { CoverageGap, DefenderSubscription, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { FILES, PER } from "./layout.ts";
import { missingReason, okSection } from "./sections.ts";

const PRICING_ITEM = objectWith({ name: S.str, pricingTier: S.str, subPlan: S.nstr }, ["name", "pricingTier"]);
const ASSESSMENT_ITEM = objectWith(
  {
    id: S.str,
    name: S.str,
    displayName: S.nstr,
    status: objectWith({ code: S.str }, ["code"]),
    resourceDetails: S.nobj,
    metadata: S.nobj,
  },
  ["id", "name", "status"],
);
const METADATA_ITEM = objectWith(
  { name: S.str, severity: S.nstr, categories: { type: ["array", "null"], items: { type: "string" } } },
  ["name"],
);
const SCORE_ITEM = objectWith(
  {
    name: S.str,
    displayName: S.nstr,
    current: { type: ["number", "null"] },
    max: { type: ["number", "null"] },
    percentage: { type: ["number", "null"] },
  },
  ["name"],
);

export function readDefender(dir: ExportDir, subscriptionIds: string[]): Section<DefenderSubscription> {
  const items: DefenderSubscription[] = [];
  const gaps: CoverageGap[] = [];
  // Exports made before the script read the metadata lack the file: severity then falls back
  // to what the assessment itself carries, and only the known identity keys are kept.
  const metadata = new Map<string, AssessmentFacts>();
  const meta = dir.list<RawAssessmentMetadata>(FILES.securityAssessmentMetadata, {
    command: "az security assessment-metadata list",
    item: METADATA_ITEM,
  });
  for (const m of meta?.items ?? [])
    if (typeof m.name === "string")
      metadata.set(m.name.toLowerCase(), { severity: m.severity ?? null, categories: m.categories ?? [] });
  for (const sub of subscriptionIds) {
    const lists = [
      {
        file: PER.securityPricings(sub),
        command: `az security pricing list --subscription ${sub}`,
        item: PRICING_ITEM,
        wrappers: ["value"],
      },
      {
        file: PER.securityAssessments(sub),
        command: `az security assessment list --subscription ${sub}`,
        item: ASSESSMENT_ITEM,
      },
      {
        file: PER.securitySecureScores(sub),
        command: `az security secure-scores list --subscription ${sub}`,
        item: SCORE_ITEM,
      },
    ];
    const [pricings, assessments, scores] = lists.map((l) =>
      dir.list<unknown>(l.file, { command: l.command, item: l.item, wrappers: l.wrappers }),
    );
    const missing = lists.filter((_, i) => ![pricings, assessments, scores][i]);
    if (!pricings || !assessments || !scores) {
      // one list missing leaves the subscription half-judged: a gap, as a denied list is live
      gaps.push({
        scope: `/subscriptions/${sub}`,
        reason: missing.map((l) => missingReason(l.file, l.command)).join("; "),
      });
      continue;
    }
    items.push(
      defenderSubscription(
        sub,
        (pricings.items as RawPricing[]).map(toPricing),
        (assessments.items as RawAssessment[])
          .filter((a) => isIdentityAssessment(a.name ?? "", metadata.get((a.name ?? "").toLowerCase())?.categories))
          .map((a) => toAssessment(a, metadata.get((a.name ?? "").toLowerCase()))),
        (scores.items as RawSecureScore[]).map(toSecureScore),
      ),
    );
  }
  const [firstGap] = gaps;
  if (firstGap && subscriptionIds.length > 0 && items.length === 0)
    return { status: "unavailable", reason: `no Defender for Cloud list was exported: ${firstGap.reason}` };
  return okSection(items, (d) => d.subscriptionId.toLowerCase(), gaps);
}
