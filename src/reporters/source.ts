// How a report cites an `az` export it was built from: when it was made and by whom.
import type { ScanResult } from "../engine/result.ts";

/** One sentence for an az-export run (null for every other source). */
export function exportCitation(run: ScanResult["run"]): string | null {
  const e = run.export;
  if (!e) return null;
  const by = e.madeBy ? ` by ${e.madeBy}` : " by an unrecorded account";
  const az = e.azVersion ? `, azure-cli ${e.azVersion}` : "";
  const when = e.madeAtFrom === "stamp" ? "time from the export's stamp" : "no stamp: time of its newest file";
  return `az export made ${e.madeAt}${by} (${when}${az})`;
}
