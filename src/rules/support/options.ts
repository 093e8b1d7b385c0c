import type { JSONSchemaType } from "ajv";

// Option schema fragments more than one rule declares. The descriptions stay the rule's own:
// they are rendered into its README and into the generated config schema.

/** The options type of a rule that takes none. */
export type NoOptions = Record<string, never>;

/** The schema of a rule that takes no options: an empty object, nothing else allowed. */
export function noOptionsSchema<O extends NoOptions = NoOptions>(): JSONSchemaType<O> {
  return { type: "object", properties: {}, required: [], additionalProperties: false } as unknown as JSONSchemaType<O>;
}

/**
 * A list of directory object ids or appIds (GUID-shaped, each once), such as an `allowPrincipalIds`
 * option. Match it with `includesId`: the ids compare case-insensitively.
 */
export function guidList(description: string): JSONSchemaType<string[]> {
  return { type: "array", items: { type: "string", pattern: "^[0-9a-fA-F-]{36}$" }, uniqueItems: true, description };
}

/** Whether `id` is in a `guidList` option, compared case-insensitively. */
export function includesId(list: readonly string[], id: string): boolean {
  const wanted = id.toLowerCase();
  return list.some((entry) => entry.toLowerCase() === wanted);
}

/** A list of ARM resource types (`Microsoft.Web/sites`), each once; `minItems` when the rule needs at least one. */
export function resourceTypeList(description: string, minItems?: number): JSONSchemaType<string[]> {
  return {
    type: "array",
    items: { type: "string", pattern: "^[A-Za-z0-9.]+/[A-Za-z0-9./]+$" },
    ...(minItems === undefined ? {} : { minItems }),
    uniqueItems: true,
    description,
  };
}
