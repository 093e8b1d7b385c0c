import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Config } from "./types.ts";

/** config/default.yaml: the built-in defaults every user config is merged over. */
export const DEFAULT_CONFIG_FILE = fileURLToPath(new URL("../../config/default.yaml", import.meta.url));

export function builtInDefaults(): Config {
  const raw = parse(readFileSync(DEFAULT_CONFIG_FILE, "utf8")) as Partial<Config>;
  return {
    scope: raw.scope ?? {},
    rules: raw.rules ?? {},
    suppressions: raw.suppressions ?? [],
    failOn: raw.failOn ?? "high",
    report: { dir: raw.report?.dir ?? "reports", formats: raw.report?.formats ?? ["sarif", "json", "md"] },
  };
}
