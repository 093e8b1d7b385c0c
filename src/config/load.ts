import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { OptionsValidator } from "../engine/options.ts";
import { defaultSettings, type RuleSettings } from "../engine/settings.ts";
import { InputError } from "../errors.ts";
import { readInputText } from "../input/read-text.ts";
import { createAjv, describeAjvErrors } from "../inventory/validate.ts";
import { findRule, suggestRuleId } from "../rules/index.ts";
import type { AnyRule } from "../rules/types.ts";
import { builtInDefaults } from "./defaults.ts";
import { buildConfigSchema } from "./schema.ts";
import type { Config, RuleConfig } from "./types.ts";
import { globProblem } from "../engine/glob.ts";

/** The line of the YAML node at a JSON pointer, or of its nearest existing parent. */
function lineOf(doc: Document, lines: LineCounter, pointer: string): number | null {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node: unknown = doc.contents;
  let found = node as Node | null;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((it) => String((it.key as { value?: unknown } | null)?.value ?? it.key) === part);
      if (!pair) break;
      node = pair.value ?? pair.key;
      found = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node)) {
      const next = node.items[Number(part)];
      if (!next) break;
      node = next;
      found = next as Node;
    } else break;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : null;
}

/**
 * Parses, validates and merges a config over the built-in defaults; `file` names it in errors.
 * With `now` (`config validate`), a suppression that has already expired is an error too: a scan
 * only warns about it, so that a date passing overnight does not break CI.
 */
export function parseConfig(text: string, file: string, rules: readonly AnyRule[], now?: Date): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const e = doc.errors[0];
  if (e) {
    throw new InputError({
      file,
      path: `line ${e.linePos?.[0]?.line ?? "?"}`,
      message: `not valid YAML: ${e.message.split("\n")[0]}`,
      hint: "fix the YAML syntax at that line",
    });
  }
  const parsed = (doc.toJS() ?? {}) as unknown;
  // `rules:` followed only by comments is null in YAML; treat an empty top-level key as absent.
  const data =
    parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== null))
      : parsed;
  const validate = createAjv().compile(buildConfigSchema(rules));
  const problem = validate(data) ? undefined : describeAjvErrors(validate.errors)[0];
  if (problem) {
    const line = lineOf(doc, lines, problem.path);
    const where = `${problem.path}${line ? ` (line ${line})` : ""}`;
    // an unknown rule id, under `rules:` or in a suppression: say which, and the nearest real one
    const unknown = unknownRuleAt(problem.path, data, rules);
    if (unknown) {
      const near = suggestRuleId(rules, unknown.id);
      throw new InputError({
        file,
        path: where,
        message: `unknown rule "${unknown.id}"`,
        expected: unknown.expected,
        hint: near ? `did you mean "${near}"?` : "run `azaudit rules` for the list of ids",
      });
    }
    throw new InputError({
      file,
      path: where,
      message: problem.message,
      expected: problem.expected,
      hint: "the schema is config/azaudit.schema.json; `azaudit config init` writes a commented starter file",
    });
  }
  const user = data as Partial<Config>;
  for (const [i, sup] of (user.suppressions ?? []).entries()) {
    const at = (key: string) => {
      const line = lineOf(doc, lines, `/suppressions/${i}/${key}`);
      return `/suppressions/${i}/${key}${line ? ` (line ${line})` : ""}`;
    };
    const problem = globProblem(sup.resource);
    if (problem) {
      throw new InputError({
        file,
        path: at("resource"),
        message: `the resource pattern ${problem}`,
        expected: "a resource id, or a glob with * (within a segment), ** (across segments) and ? (one character)",
      });
    }
    if (now && new Date(`${sup.expires}T23:59:59.999Z`).getTime() < now.getTime()) {
      throw new InputError({
        file,
        path: at("expires"),
        message: `the suppression of ${sup.rule} for ${sup.resource} expired on ${sup.expires}`,
        expected: `a date on or after ${now.toISOString().slice(0, 10)}`,
        hint: "fix the finding and remove the suppression, or review the risk again and set a new expiry date",
      });
    }
  }
  const defaults = builtInDefaults();
  const config: Config = {
    scope: { ...defaults.scope, ...user.scope },
    rules: { ...defaults.rules, ...user.rules },
    // A suppression may name a rule by a former id: it then suppresses the rule under its current one.
    suppressions: [...defaults.suppressions, ...(user.suppressions ?? [])].map((s) =>
      s.rule === "*" ? s : { ...s, rule: findRule(rules, s.rule)?.meta.id ?? s.rule },
    ),
    failOn: user.failOn ?? defaults.failOn,
    report: { ...defaults.report, ...user.report },
  };
  // Settings are resolved here so option errors point at the file and line that caused them.
  resolveRuleSettings(
    config,
    rules,
    (pointer) => {
      const line = lineOf(doc, lines, pointer);
      return `${pointer}${line ? ` (line ${line})` : ""}`;
    },
    file,
  );
  return config;
}

export async function loadConfig(file: string, rules: readonly AnyRule[], now?: Date): Promise<Config> {
  const text = await readInputText(file, {
    noun: "the config",
    hint: "check the path given to --config, or run `azaudit config init`",
  });
  return parseConfig(text, file, rules, now);
}

/**
 * Turns `rules:` entries into engine settings: options merged over the rule's defaults and
 * validated against the rule's full schema. `where` maps a JSON pointer to a location string.
 */
export function resolveRuleSettings(
  config: Config,
  rules: readonly AnyRule[],
  where: (pointer: string) => string = (p) => p,
  file: string | null = null,
): RuleSettings {
  const settings = defaultSettings(rules);
  const validator = new OptionsValidator();
  for (const [key, entry] of Object.entries(config.rules)) {
    const rule = findRule(rules, key);
    if (!rule)
      throw new InputError({
        file,
        path: where(`/rules/${key}`),
        message: `unknown rule "${key}"`,
        hint: "run `azaudit rules` for the list of ids",
      });
    // defaultSettings has every rule findRule can return; the fallback is the same default
    const current = settings.get(rule.meta.id) ?? {
      enabled: rule.meta.enabledByDefault,
      severity: null,
      options: structuredClone(rule.defaultOptions),
    };
    settings.set(rule.meta.id, current);
    const e: RuleConfig = entry;
    if (e === "off") current.enabled = false;
    else if (e === "on") current.enabled = true;
    else {
      // Giving a rule settings turns it on unless it says otherwise: `required-tags: {options: …}` is enough.
      current.enabled = e.enabled ?? true;
      current.severity = e.severity ?? null;
      if (e.options) {
        current.options = { ...(rule.defaultOptions as object), ...e.options };
        const problems = validator.problems(rule, current.options);
        const p = problems[0];
        if (p) {
          throw new InputError({
            file,
            path: where(`/rules/${key}/options${p.path === "/" ? "" : p.path}`),
            message: p.message,
            expected: p.expected,
            hint: `see \`azaudit explain ${rule.meta.id}\` for its options`,
          });
        }
      }
    }
  }
  return settings;
}

/** The unknown rule id an ajv error path points at (`/rules/<id>` or `/suppressions/<n>/rule`), if it is one. */
function unknownRuleAt(
  path: string,
  data: unknown,
  rules: readonly AnyRule[],
): { id: string; expected: string } | undefined {
  const underRules = /^\/rules\/([^/]+)$/.exec(path);
  const id = underRules?.[1];
  if (id !== undefined && !findRule(rules, id)) return { id, expected: "a rule id from `azaudit rules`" };
  const inSuppression = /^\/suppressions\/(\d+)\/rule$/.exec(path);
  const named = inSuppression
    ? (data as { suppressions?: { rule?: unknown }[] }).suppressions?.[Number(inSuppression[1])]?.rule
    : undefined;
  if (typeof named === "string" && named !== "*" && !findRule(rules, named))
    return { id: named, expected: "a rule id from `azaudit rules`, or * for every rule" };
  return undefined;
}
