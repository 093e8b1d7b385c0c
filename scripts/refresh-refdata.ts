// Regenerates the reference data copied into src/refdata/ from the upstream files.
//
//   npm run refdata -- --from DIR     (or AZAUDIT_UPSTREAM_DIR=DIR; DIR holds the upstream files
//                                     listed in src/refdata/README.md)
//
// Deterministic: the same source files give byte-identical output. Never copies the GPL tier
// files (see src/refdata/README.md).
import { readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderRefdata } from "../src/refdata/transform.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const targetDir = join(projectRoot, "src", "refdata");

function parseArgs(argv: string[]): { from: string } {
  let from = process.env.AZAUDIT_UPSTREAM_DIR ? join(resolve(process.env.AZAUDIT_UPSTREAM_DIR), "refdata") : "";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--from") {
      const v = argv[++i];
      if (!v) throw new Error("--from needs a directory");
      from = resolve(v);
    } else if (a.startsWith("--from=")) {
      from = resolve(a.slice("--from=".length));
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "usage: npm run refdata -- --from DIR   (DIR holds the upstream files listed in src/refdata/README.md)\n",
      );
      process.exit(0);
    } else {
      throw new Error(`unknown argument: ${a}`);
    }
  }
  return { from };
}

function main(): void {
  const { from } = parseArgs(process.argv.slice(2));
  if (!from)
    throw new Error("give the folder of upstream files: npm run refdata -- --from DIR (see src/refdata/README.md)");
  if (!existsSync(from)) throw new Error(`source directory not found: ${from}`);
  const outputs = renderRefdata((file) => readFileSync(join(from, file), "utf8"));
  for (const [file, text] of outputs) {
    const target = join(targetDir, file);
    const before = existsSync(target) ? readFileSync(target, "utf8") : null;
    if (before === text) {
      process.stdout.write(`unchanged ${file}\n`);
      continue;
    }
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, target);
    process.stdout.write(`${before === null ? "created" : "updated"} ${file} (${Buffer.byteLength(text)} bytes)\n`);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`refresh-refdata: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
