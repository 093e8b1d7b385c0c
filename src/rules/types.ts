import type { JSONSchemaType } from "ajv";
import type { Inventory, SupplementarySectionName, SectionName } from "../inventory/types.ts";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ["high", "medium", "low"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const CATEGORIES = ["credentials", "access", "identity", "permissions", "defender", "governance"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * A benchmark or policy a rule maps to. `framework` + `version` + `id` is what users grep for;
 * the meta-test checks each one against the published facts in src/refdata/compliance-facts.json.
 */
export type ComplianceRef =
  | { framework: "CIS Azure"; version: string; id: string }
  | { framework: "Azure Policy"; id: string; displayName: string }
  | { framework: "MCSB"; id: string }
  | { framework: "Entra recommendation"; id: string; displayName: string };

export interface Remediation {
  /** Portal steps, one per entry, in order. */
  portal: string[];
  /** An `az` command (with placeholders) where one exists. */
  cli: string | null;
}

export interface RuleMeta {
  id: string;
  /** Former ids, so configs and SARIF alerts that name them keep working after a rename. */
  aliases: string[];
  /** The secure condition, stated positively (no "Ensure"). */
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: Category;
  description: string;
  rationale: string;
  remediation: Remediation;
  references: string[];
  compliance: ComplianceRef[];
  /** Message templates with `{{placeholder}}`; violations name a key, never a literal. */
  messages: Record<string, string>;
  /** Inventory sections the rule reads; unavailable ones skip the rule with the reason. */
  requires: SectionName[];
  /** Optional sections the rule cannot judge without: absent or unavailable skips the rule, the scan stays complete. */
  requiresOptional?: SupplementarySectionName[];
  /** What one subject is, plural, for "3 of 412 app registrations fail". */
  subjectNoun: string;
  /** Off unless the user's config turns it on (rules that need options to mean anything). */
  enabledByDefault: boolean;
}

export interface RuleContext<O> {
  options: O;
  /** The inventory's collectedAt: a snapshot judged next year gives the same answer. */
  now: Date;
  inventory: Inventory;
}

export interface ResourceRef {
  /** ARM id, or `entra/<collection>/<objectId>` for directory objects. */
  id: string;
  type: string;
  displayName: string | null;
  subscriptionId: string | null;
}

export type Evidence = Record<string, string | number | boolean | null | string[]>;

export interface Violation {
  messageId: string;
  data: Record<string, string | number>;
  resource: ResourceRef;
  /** A stable fact telling apart several violations on one resource (keyId, role+scope…). */
  discriminator: string;
  evidence: Evidence;
  /** A rule may raise or lower severity for one case (e.g. critical at root scope). */
  severity?: Severity;
  /** The compliance references this case maps to, when only some of the rule's apply (default: all). */
  compliance?: ComplianceRef[];
}

export interface Rule<O = unknown, S = unknown> {
  meta: RuleMeta;
  optionsSchema: JSONSchemaType<O>;
  defaultOptions: O;
  /** The subjects the rule judges, counted by the engine for coverage. */
  subjects(inventory: Inventory, options: O): S[];
  check(subject: S, ctx: RuleContext<O>): Violation[];
  /** What JSON Schema cannot say: options that contradict each other (a minimum above a maximum). */
  checkOptions?(options: O): OptionsProblem[];
}

/** A contradiction between options; `path` is a JSON pointer inside the options object. */
export interface OptionsProblem {
  path: string;
  message: string;
  expected: string;
}

/**
 * A rule with its option and subject types erased, so rules of every kind fit one registry.
 * Method syntax keeps parameters bivariant, which is what lets Rule<O, S> be assigned here;
 * the engine only ever passes a rule its own validated options and its own subjects.
 */
export interface AnyRule {
  meta: RuleMeta;
  optionsSchema: object;
  defaultOptions: unknown;
  subjects(inventory: Inventory, options: never): unknown[];
  check(subject: never, ctx: RuleContext<never>): Violation[];
  checkOptions?(options: never): OptionsProblem[];
}

export function defineRule<O, S>(rule: Rule<O, S>): Rule<O, S> {
  return rule;
}
