import { readFile } from "node:fs/promises";
import { InputError } from "../errors.ts";
import type { Inventory } from "../inventory/types.ts";
import { SEVERITIES, type Severity } from "../rules/types.ts";
import type { Finding } from "./finding.ts";
import { SCAN_RESULT_SCHEMA, type ScanResult, type ScanWarning } from "./result.ts";

/** A previous findings.json, as --baseline uses it (docs/findings.md). */
export interface Baseline {
  /** The file it came from, for messages. */
  file: string;
  /** Fingerprint → the severity the finding had then: a finding now more severe is not "known". */
  severities: Map<string, Severity>;
  tenantId: string | null;
  /** false when that scan was incomplete: a finding missing from it may simply not have been seen. */
  complete: boolean;
}

/** The baseline a ScanResult gives (what loadBaseline reads back from its findings.json). */
export function baselineOf(result: Pick<ScanResult, "findings" | "run" | "summary">, file = "findings.json"): Baseline {
  return {
    file,
    severities: new Map(result.findings.map((f) => [f.fingerprint, f.severity])),
    tenantId: result.run.tenantId,
    complete: result.summary.complete,
  };
}

/**
 * Reads and checks a previous findings.json: every finding needs a fingerprint and a severity,
 * the run its tenant and the summary its completeness.
 */
export function parseScanResult(text: string, file: string): ScanResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError({
      file,
      message: `not valid JSON (${(err as Error).message})`,
      expected: "a findings.json written by a previous `azaudit scan`",
    });
  }
  const d = data as {
    schema?: unknown;
    findings?: unknown;
    run?: { tenantId?: unknown };
    summary?: { complete?: unknown };
  };
  if (d === null || typeof d !== "object" || d.schema !== SCAN_RESULT_SCHEMA) {
    throw new InputError({
      file,
      path: "/schema",
      message: `not an azaudit findings file (schema ${JSON.stringify((d as { schema?: unknown } | null)?.schema)})`,
      expected: JSON.stringify(SCAN_RESULT_SCHEMA),
    });
  }
  if (!Array.isArray(d.findings))
    throw new InputError({
      file,
      path: "/findings",
      message: "missing the findings array",
      expected: "an array of findings",
    });
  d.findings.forEach((f: unknown, i: number) => {
    const x = f as { fingerprint?: unknown; severity?: unknown } | null;
    if (typeof x?.fingerprint !== "string")
      throw new InputError({
        file,
        path: `/findings/${i}/fingerprint`,
        message: "missing fingerprint",
        expected: "a sha256 hex string",
      });
    if (!SEVERITIES.includes(x.severity as Severity))
      throw new InputError({
        file,
        path: `/findings/${i}/severity`,
        message: `unknown severity ${JSON.stringify(x.severity)}`,
        expected: SEVERITIES.join(", "),
      });
  });
  const tenantId = d.run?.tenantId;
  if (tenantId !== null && typeof tenantId !== "string")
    throw new InputError({
      file,
      path: "/run/tenantId",
      message: "missing the tenant id",
      expected: "the scanned tenant's id, or null",
    });
  if (typeof d.summary?.complete !== "boolean")
    throw new InputError({
      file,
      path: "/summary/complete",
      message: "missing whether the scan was complete",
      expected: "true or false",
    });
  return data as ScanResult;
}

export async function readScanResult(file: string): Promise<ScanResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError({
      file,
      message: `cannot read the findings file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      expected: "a findings.json written by a previous `azaudit scan`",
    });
  }
  return parseScanResult(text, file);
}

export async function loadBaseline(file: string): Promise<Baseline> {
  return baselineOf(await readScanResult(file), file);
}

/**
 * A baseline of another tenant would mark unrelated findings known: refused (exit 2). One from an
 * incomplete scan is usable — what it missed counts as new, never as known — but says so.
 */
export function checkBaseline(baseline: Baseline, inventory: Inventory): ScanWarning[] {
  const tenant = inventory.tenant.status === "ok" ? (inventory.tenant.items[0]?.id ?? null) : null;
  if (baseline.tenantId && tenant && baseline.tenantId.toLowerCase() !== tenant.toLowerCase()) {
    throw new InputError({
      file: baseline.file,
      path: "/run/tenantId",
      message: `the baseline is a scan of tenant ${baseline.tenantId}, this scan is of tenant ${tenant}`,
      expected: "a findings.json of the same tenant",
      hint: "pass the previous findings.json of this tenant (one baseline per tenant), or drop --baseline",
    });
  }
  const warnings: ScanWarning[] = [];
  if (!baseline.complete) {
    warnings.push({
      code: "baseline-incomplete",
      message: `the baseline ${baseline.file} is an incomplete scan: findings it could not see count as new here; re-baseline from a complete scan`,
    });
  }
  if (!baseline.tenantId || !tenant) {
    warnings.push({
      code: "baseline-tenant-unknown",
      message: `cannot check that the baseline ${baseline.file} is of the same tenant (${baseline.tenantId ? "this scan's tenant is unknown" : "the baseline names no tenant"})`,
    });
  }
  return warnings;
}

/** Known: in the baseline at the same or a higher severity. A finding that got worse is new again. */
export function isKnown(baseline: Baseline | null, f: Finding): boolean {
  const was = baseline?.severities.get(f.fingerprint);
  return was !== undefined && SEVERITIES.indexOf(was) <= SEVERITIES.indexOf(f.severity);
}
