import type { ValidateFunction } from "ajv";
import { createAjv, describeAjvErrors, type SchemaProblem } from "../inventory/validate.ts";
import type { AnyRule } from "../rules/types.ts";

/** Compiles each rule's options schema once per engine instance (no module-level cache). */
export class OptionsValidator {
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ajv = createAjv();

  problems(rule: AnyRule, options: unknown): SchemaProblem[] {
    let validate = this.compiled.get(rule.meta.id);
    if (!validate) {
      validate = this.ajv.compile(rule.optionsSchema);
      this.compiled.set(rule.meta.id, validate);
    }
    if (!validate(options)) return describeAjvErrors(validate.errors);
    // Only once the schema holds: the rule's own check may then rely on the types.
    return rule.checkOptions?.(options as never) ?? [];
  }
}
