#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx's loader, so a fresh `npm ci` is all it needs:
// no build step can go stale between the sources and what `npx azaudit` runs.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
