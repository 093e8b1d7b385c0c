import type { AnyRule } from "../rules/types.ts";
import type { TenantView } from "./tenant-view.ts";

/** What reporters need beyond the ScanResult. */
export interface ReportContext {
  /** The rule metas (for SARIF rules and help text). */
  rules: readonly AnyRule[];
  /** Names and every credential from the inventory (tenant-view.ts); absent: ids only, expiry from findings. */
  tenant?: TenantView;
  /** Where the reports are written: the folder as the user named it, the file names, and whether the run is a GitHub Actions job. */
  output?: { dir: string; files: readonly string[]; githubActions: boolean };
}
