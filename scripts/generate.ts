// Regenerates everything derived from the rule metas (config schema, docs/rules.md, the
// generated block of each rule README). Run after changing a rule: `npm run gen`.
import { readFileSync, existsSync } from "node:fs";
import { generatedFiles } from "../src/docs/generated-files.ts";
import { writeFileAtomic } from "../src/fs-atomic.ts";
import { RULES } from "../src/rules/index.ts";
import { REPORT_SCRIPT_PATH, reportScriptModule } from "./report-script.ts";

let changed = 0;
for (const f of generatedFiles(RULES)) {
  const before = existsSync(f.path) ? readFileSync(f.path, "utf8") : null;
  if (before === f.content) continue;
  await writeFileAtomic(f.path, f.content);
  changed += 1;
  process.stdout.write(`updated ${f.path}\n`);
}
process.stdout.write(`${changed} file(s) updated\n`);

// The page script of report.html, bundled from its TypeScript sources.
const scriptBefore = existsSync(REPORT_SCRIPT_PATH) ? readFileSync(REPORT_SCRIPT_PATH, "utf8") : null;
const scriptNow = reportScriptModule();
if (scriptBefore !== scriptNow) {
  await writeFileAtomic(REPORT_SCRIPT_PATH, scriptNow);
  process.stdout.write(`updated ${REPORT_SCRIPT_PATH}\n`);
}
