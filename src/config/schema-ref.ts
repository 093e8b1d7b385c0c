import { basename, dirname, relative, sep } from "node:path";

/**
 * Where the `$schema` line of a config written by `config init` points. A relative path works
 * for everyone who clones the user's repository only when the schema ships inside that
 * repository's own tree: azaudit installed in the project's node_modules, or the config written
 * inside a clone of azaudit. From anywhere else (`npx azaudit@…` runs from npm's cache, a global
 * install) a path would resolve on this machine only, so the line names the published schema of
 * this exact version instead.
 */
export function schemaRefFor(configFile: string, schemaFile: string, version: string): string {
  const packageRoot = dirname(dirname(schemaFile));
  const parent = dirname(packageRoot);
  const owner = basename(parent) === "node_modules" ? dirname(parent) : packageRoot;
  const inside = relative(owner, configFile);
  if (
    inside &&
    !inside.startsWith("..") &&
    !inside.startsWith(sep) &&
    !/^[A-Za-z]:/.test(inside) &&
    !/[\\/]_npx[\\/]/.test(owner)
  ) {
    const ref = relative(dirname(configFile), schemaFile).split(sep).join("/");
    return ref.startsWith(".") ? ref : `./${ref}`;
  }
  return `https://unpkg.com/azaudit@${version}/config/azaudit.schema.json`;
}
