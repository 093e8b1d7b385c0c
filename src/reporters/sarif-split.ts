import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import type { Finding } from "../engine/finding.ts";
import type { ScanResult } from "../engine/result.ts";
import type { Inventory } from "../inventory/types.ts";
import { UsageError } from "../errors.ts";
import { federatedRepositories } from "../remediation/github.ts";
import { groupBy, optionalItems } from "../rules/support/sections.ts";
import type { ReportFile } from "../report-set.ts";
import { inertJson } from "../text/inert.ts";
import type { ReportContext } from "./context.ts";
import { renderSarif } from "./sarif.ts";

// `--split-sarif-by-tag NAME`: findings on a resource tagged NAME go to one SARIF per tag value
// (one per repository, for `repository`), so each team's code scanning shows its own findings;
// the rest stay in azaudit.sarif. Every file is a whole SARIF run: the full rule catalogue and the
// scan's coverage notifications, with its share of the results.

export const MAIN_SARIF = "azaudit.sarif";
export const SPLIT_INDEX = "azaudit.by-tag.json";
const SPLIT_FILE = /^azaudit\.by-tag\.[a-z0-9-]+\.[0-9a-f]{8}\.sarif$/;
const ARM_ROLE_GRANT = /^(.*)\/roleGrants\/[^/]+\/[^/]+$/i;
const ENTRA_OBJECT = /^entra\/(applications|servicePrincipals)\/([^/]+)$/;

/**
 * A file name for a tag value that cannot leave the report folder or collide: a readable slug
 * (lower case letters, digits, `-`) plus 8 hex of the value's sha256.
 */
export function splitFileName(value: string): string {
  const slug =
    value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "tag";
  const hash = createHash("sha256").update(value).digest("hex").slice(0, 8);
  return `azaudit.by-tag.${slug}.${hash}.sarif`;
}

/**
 * The tag value a finding belongs to: the tag on the resource it names (a workload or a
 * subscription), on the scope of the role grant it names, or, for the `repository` tag, the one
 * GitHub repository an app registration federates with (apps carry no ARM tags). null: untagged.
 */
export function tagRouter(inventory: Inventory, tag: string): (f: Finding) => string | null {
  const tagged = new Map<string, Record<string, string>>();
  for (const w of optionalItems(inventory, "workloads")) tagged.set(w.id.toLowerCase(), w.tags);
  for (const s of optionalItems(inventory, "subscriptions")) tagged.set(s.id.toLowerCase(), s.tags);
  const apps = optionalItems(inventory, "applications");
  const appRepo = new Map<string, string>();
  if (tag === "repository") {
    const byAppId = new Map<string, string>();
    for (const a of apps) {
      const repos = federatedRepositories(a);
      if (repos.length === 1 && repos[0]) {
        appRepo.set(a.id.toLowerCase(), repos[0]);
        byAppId.set(a.appId.toLowerCase(), repos[0]);
      }
    }
    for (const sp of optionalItems(inventory, "servicePrincipals")) {
      const repo = byAppId.get(sp.appId.toLowerCase());
      if (repo) appRepo.set(sp.id.toLowerCase(), repo);
    }
  }
  const valueOf = (tags: Record<string, string> | undefined) => {
    const v = tags?.[tag];
    return v !== undefined && v.trim() !== "" ? v : null;
  };
  return (f) => {
    const id = f.resource.id;
    const entra = ENTRA_OBJECT.exec(id);
    if (entra?.[2]) return appRepo.get(entra[2].toLowerCase()) ?? null;
    const scope = ARM_ROLE_GRANT.exec(id)?.[1] ?? id;
    return valueOf(tagged.get(scope.toLowerCase()));
  };
}

export interface SplitReports {
  files: ReportFile[];
  /** Names this run may write: anything else of this kind in the folder is an older run's. */
  known: string[];
}

/**
 * The report set with azaudit.sarif split by `tag` (or, without a tag, as it is), and every
 * split file an earlier run left in `dir` named for removal, so the folder never mixes two scans.
 */
export function splitSarifReports(
  files: readonly ReportFile[],
  opts: {
    result: ScanResult;
    inventory: Inventory;
    tag: string | undefined;
    ctx: ReportContext;
    redact: (text: string) => string;
    dir: string;
  },
): SplitReports {
  const earlier = listSplitFiles(opts.dir);
  if (opts.tag === undefined || !files.some((f) => f.name === MAIN_SARIF))
    return { files: [...files], known: [...earlier, SPLIT_INDEX] };
  const route = tagRouter(opts.inventory, opts.tag);
  const byValue = groupBy(opts.result.findings, route);
  const untagged = byValue.get(null) ?? [];
  const groups = new Map([...byValue].filter((g): g is [string, Finding[]] => g[0] !== null));
  const render = (findings: Finding[]) => opts.redact(renderSarif({ ...opts.result, findings }, opts.ctx));
  const values = [...groups.keys()].sort();
  const split = values.map((value) => ({ value, name: splitFileName(value), findings: groups.get(value) ?? [] }));
  const index = {
    tag: opts.tag,
    untagged: { file: MAIN_SARIF, results: untagged.length },
    files: split.map((s) => ({ value: s.value, file: s.name, results: s.findings.length })),
  };
  return {
    files: [
      ...files.map((f) => (f.name === MAIN_SARIF ? { name: f.name, body: render(untagged) } : f)),
      ...split.map((s) => ({ name: s.name, body: render(s.findings) })),
      { name: SPLIT_INDEX, body: opts.redact(`${inertJson(index, 2)}\n`) },
    ],
    known: [...earlier, SPLIT_INDEX],
  };
}

/** The flag's value: a tag name, and a SARIF to split. */
export function checkSplitTag(tag: string | undefined, formats: readonly string[]): void {
  if (tag === undefined) return;
  if (tag.trim() === "" || tag.length > 512)
    throw new UsageError(
      `--split-sarif-by-tag needs a tag name, got ${JSON.stringify(tag)}`,
      "e.g. --split-sarif-by-tag repository",
    );
  if (!formats.includes("sarif"))
    throw new UsageError("--split-sarif-by-tag splits the SARIF, but --format writes none", "add sarif to --format");
}

function listSplitFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => SPLIT_FILE.test(n));
  } catch {
    return [];
  }
}
