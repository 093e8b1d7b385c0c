#!/usr/bin/env node
// The published package runs the compiled JavaScript in dist/ (no TypeScript toolchain at run
// time). A clone of the repository has src/ and, after `npm ci`, tsx (a devDependency): there the
// sources run directly, so `npm ci && npx azaudit demo` needs no build and an edited source never
// runs through a stale dist/. AZAUDIT_RUN_FROM=dist forces the compiled code (after `npm run build`).
import { existsSync } from "node:fs";

const sources = new URL("../src/cli.ts", import.meta.url);
const compiled = new URL("../dist/cli.js", import.meta.url);

async function entry() {
  if (process.env.AZAUDIT_RUN_FROM !== "dist" && existsSync(sources)) {
    try {
      const { register } = await import("tsx/esm/api");
      register();
      return sources;
    } catch {
      // no devDependencies installed: fall through to the build
    }
  }
  if (existsSync(compiled)) return compiled;
  process.stderr.write(
    "azaudit: no compiled code in dist/ and no TypeScript runner: run `npm ci` (in a clone) or `npm run build`\n",
  );
  process.exit(2);
}

const { main, endQuietlyOnClosedPipe } = await import((await entry()).href);
endQuietlyOnClosedPipe(process.stdout, () => process.exit(process.exitCode ?? 0));
endQuietlyOnClosedPipe(process.stderr, () => process.exit(process.exitCode ?? 0));
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
