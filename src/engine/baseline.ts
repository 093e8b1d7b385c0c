import { readFile } from "node:fs/promises";
import { InputError } from "../errors.ts";
import { SCAN_RESULT_SCHEMA } from "./result.ts";

/** Fingerprints of a previous findings.json, for --baseline and `diff`. */
export async function loadBaselineFingerprints(file: string): Promise<Set<string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new InputError({ file, message: `cannot read the baseline (${(err as Error).message})`, expected: "a findings.json written by a previous `azaudit scan`" });
  }
  const d = data as { schema?: unknown; findings?: unknown };
  if (d.schema !== SCAN_RESULT_SCHEMA) {
    throw new InputError({ file, path: "/schema", message: `not an azaudit findings file (schema ${JSON.stringify(d.schema)})`, expected: JSON.stringify(SCAN_RESULT_SCHEMA) });
  }
  if (!Array.isArray(d.findings)) throw new InputError({ file, path: "/findings", message: "missing the findings array", expected: "an array of findings" });
  const out = new Set<string>();
  d.findings.forEach((f: unknown, i: number) => {
    const fp = (f as { fingerprint?: unknown }).fingerprint;
    if (typeof fp !== "string") throw new InputError({ file, path: `/findings/${i}/fingerprint`, message: "missing fingerprint", expected: "a sha256 hex string" });
    out.add(fp);
  });
  return out;
}
