// `npm run build`: compiles src/ to dist/ with the project's own TypeScript (tsconfig.build.json
// rewrites the sources' `.ts` import specifiers to `.js`) and copies the files the code reads at
// run time (reference data, rule READMEs for `azaudit explain`, the bench's preload) beside it.
// Plain JavaScript, so building needs nothing but `npm ci`.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

// Every non-TypeScript file under src/ is data the code opens by a path relative to itself.
function assets(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "testing" ? [] : assets(p);
    return /\.ts$/.test(name) ? [] : [p];
  });
}
let copied = 0;
for (const file of assets(src)) {
  cpSync(file, join(dist, relative(src, file)), { recursive: false });
  copied++;
}
process.stdout.write(`built ${relative(root, dist)}/ (${copied} data files copied)\n`);
