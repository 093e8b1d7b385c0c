// For action.yml: reads DIR/findings.json and prints GitHub step outputs (name=value lines):
// counts of open findings by severity, whether the scan was complete, and the report paths
// (empty when a report was not written, e.g. after a usage error). Plain JavaScript, no
// dependencies, so it runs before and without anything else of azaudit.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node scripts/action-outputs.mjs REPORT_DIR\n");
  process.exit(2);
}
const path = (name) => (existsSync(join(dir, name)) ? join(dir, name) : "");
const lines = [
  `report-dir=${dir}`,
  `sarif=${path("azaudit.sarif")}`,
  `findings=${path("findings.json")}`,
  `summary=${path("summary.md")}`,
];
let summary = null;
if (path("findings.json")) {
  try {
    summary = JSON.parse(readFileSync(join(dir, "findings.json"), "utf8")).summary ?? null;
  } catch {
    summary = null;
  }
}
const count = (v) => (Number.isInteger(v) && v >= 0 ? String(v) : "");
lines.push(`complete=${summary?.complete === true ? "true" : "false"}`, `open=${count(summary?.open)}`);
for (const sev of ["critical", "high", "medium", "low", "info"])
  lines.push(`${sev}=${count(summary?.bySeverity?.[sev])}`);
process.stdout.write(`${lines.join("\n")}\n`);
