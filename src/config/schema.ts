import type { AnyRule } from "../rules/types.ts";
import { SEVERITIES } from "../rules/types.ts";
import { FAIL_ON_LEVELS, REPORT_FORMATS } from "./types.ts";
import { MAX_GLOB_LENGTH } from "../engine/glob.ts";

export const CONFIG_SCHEMA_ID = "https://azaudit.dev/schemas/azaudit.schema.json";

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/** Per-rule settings, with the rule's own options schema inlined so editors complete options too. */
function ruleEntry(rule: AnyRule): Record<string, unknown> {
  const m = rule.meta;
  return {
    description: `${m.title} (${m.severity}). ${m.enabledByDefault ? "On" : "Off"} by default. \`off\` turns it off.`,
    anyOf: [
      { enum: ["off", "on"] },
      {
        type: "object",
        properties: {
          enabled: { type: "boolean", description: "Turn the rule on or off." },
          severity: { enum: [...SEVERITIES], description: `Override the rule's severity (default ${m.severity}).` },
          options: { ...rule.optionsSchema, required: [] },
        },
        additionalProperties: false,
      },
    ],
  };
}

/** The JSON Schema of azaudit.yaml, generated from the rule metas (config/azaudit.schema.json). */
export function buildConfigSchema(rules: readonly AnyRule[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const r of rules) {
    ruleProps[r.meta.id] = ruleEntry(r);
    for (const alias of r.meta.aliases)
      ruleProps[alias] = { ...ruleEntry(r), deprecated: true, description: `Former id of ${r.meta.id}.` };
  }
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: CONFIG_SCHEMA_ID,
    title: "azaudit configuration (azaudit.yaml)",
    type: "object",
    additionalProperties: false,
    properties: {
      scope: {
        type: "object",
        description: "What a live scan reads. Command-line flags override these.",
        additionalProperties: false,
        properties: {
          tenant: { type: "string", pattern: GUID, description: "Tenant id to scan." },
          subscriptions: {
            type: "array",
            items: { type: "string", pattern: GUID },
            uniqueItems: true,
            description: "Only these subscriptions (default: every one the identity can read).",
          },
          excludeSubscriptions: {
            type: "array",
            items: { type: "string", pattern: GUID },
            uniqueItems: true,
            description: "Subscriptions to skip.",
          },
          includeOtherTenants: {
            type: "boolean",
            description:
              "Also scan subscriptions whose home tenant is another one (delegated through Azure Lighthouse); by default they are left out and named in the coverage.",
          },
        },
      },
      rules: {
        type: "object",
        description: "Per-rule settings: `off`, `on`, or { enabled, severity, options }.",
        properties: ruleProps,
        additionalProperties: false,
      },
      suppressions: {
        type: "array",
        description:
          "Accepted risks. Each needs a reason and an expiry date; an expired suppression stops applying and is reported.",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["rule", "resource", "reason", "expires"],
          properties: {
            rule: {
              type: "string",
              description: "Rule id, or * for every rule.",
              anyOf: [{ const: "*" }, { enum: Object.keys(ruleProps) }],
            },
            resource: {
              type: "string",
              minLength: 1,
              maxLength: MAX_GLOB_LENGTH,
              description:
                "Resource id or glob (* within a path segment, ** across segments, ? one character), case-insensitive.",
            },
            reason: {
              type: "string",
              minLength: 3,
              description: "Why the risk is accepted: who decided and where it is tracked.",
            },
            expires: { type: "string", format: "date", description: "YYYY-MM-DD: last day the suppression applies." },
          },
        },
      },
      failOn: { enum: [...FAIL_ON_LEVELS], description: "Exit 1 when an open finding is at or above this severity." },
      report: {
        type: "object",
        additionalProperties: false,
        properties: {
          dir: { type: "string", minLength: 1, description: "Folder the reports are written to." },
          formats: {
            type: "array",
            items: { enum: [...REPORT_FORMATS] },
            minItems: 1,
            uniqueItems: true,
            description: "Reports to write.",
          },
        },
      },
    },
  };
}
