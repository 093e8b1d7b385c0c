import { baselineOf, type Baseline } from "../engine/baseline.ts";
import { SCAN_RESULT_SCHEMA, type ScanResult } from "../engine/result.ts";
import { InputError } from "../errors.ts";
import { SEVERITIES, type Severity } from "../rules/types.ts";
import { parseJsonInput, readInputText } from "./read-text.ts";

// The one reader of a findings.json, for `scan --baseline` and `azaudit diff` alike (docs/findings.md).

const EXPECTED = "a findings.json written by a previous `azaudit scan`";

/**
 * Checks a previous findings.json's text: every finding needs a fingerprint and a severity,
 * the run its tenant and the summary its completeness.
 */
export function parseScanResult(text: string, file: string): ScanResult {
  const data = parseJsonInput(text, file, EXPECTED);
  const d = (typeof data === "object" ? data : null) as {
    schema?: unknown;
    findings?: unknown;
    run?: { tenantId?: unknown };
    summary?: { complete?: unknown };
  } | null;
  if (d?.schema !== SCAN_RESULT_SCHEMA) {
    throw new InputError({
      file,
      path: "/schema",
      message: `not an azaudit findings file (schema ${JSON.stringify(d?.schema)})`,
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
  return parseScanResult(await readInputText(file, { noun: "the findings file", expected: EXPECTED }), file);
}

export async function loadBaseline(file: string): Promise<Baseline> {
  return baselineOf(await readScanResult(file), file);
}
