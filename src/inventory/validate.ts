import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { inventorySchema } from "./schema.ts";

// ajv-formats is CommonJS: depending on the loader the plugin is the module itself or its .default.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsModule = addFormatsModule as unknown as FormatsPlugin & { default?: FormatsPlugin };
const addFormats: FormatsPlugin = formatsModule.default ?? formatsModule;

export interface SchemaProblem {
  /** JSON pointer inside the document, e.g. `/applications/items/3/keyCredentials/0/endDateTime`. */
  path: string;
  message: string;
  expected: string;
}

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/** Turns ajv's errors into problems a person can act on, most specific first, one per path. */
export function describeAjvErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  const problems = new Map<string, SchemaProblem>();
  for (const e of errors ?? []) {
    // oneOf/anyOf/if summarise their branches' errors, which are reported on their own.
    if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if") continue;
    let path = e.instancePath || "/";
    let expected: string;
    switch (e.keyword) {
      case "required":
        path = `${e.instancePath}/${String(e.params.missingProperty)}`;
        expected = `a "${String(e.params.missingProperty)}" property`;
        break;
      case "additionalProperties":
        path = `${e.instancePath}/${String(e.params.additionalProperty)}`;
        expected = `no "${String(e.params.additionalProperty)}" property here (unknown key; check its spelling)`;
        break;
      case "enum":
        expected = `one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "const":
        expected = JSON.stringify(e.params.allowedValue);
        break;
      case "type":
        expected = `a value of type ${String(e.params.type).replace(",", " or ")}`;
        break;
      case "format":
        expected =
          e.params.format === "date-time"
            ? "an ISO 8601 date-time such as 2026-01-31T00:00:00Z"
            : `a string in ${String(e.params.format)} format`;
        break;
      default:
        expected = e.message ?? e.keyword;
    }
    if (!problems.has(path)) problems.set(path, { path, message: e.message ?? e.keyword, expected });
  }
  // The deepest path is the most specific: for `anyOf` alternatives (e.g. a rule given as
  // `off` or as an object) it is the branch the user evidently meant.
  const depth = (p: string) => p.split("/").length;
  return [...problems.values()].sort((a, b) => depth(b.path) - depth(a.path));
}

/** The most specific problem; ajv reports a failed validation with at least one error, but say so if not. */
export function firstAjvProblem(errors: ErrorObject[] | null | undefined): SchemaProblem {
  return (
    describeAjvErrors(errors)[0] ?? { path: "/", message: "does not match the schema", expected: "a valid document" }
  );
}

export function compileInventoryValidator(): ValidateFunction {
  return createAjv().compile(inventorySchema);
}
