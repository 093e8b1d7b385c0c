import { readFileSync } from "node:fs";

/** The package version, read once at call time (no module-level state). */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
