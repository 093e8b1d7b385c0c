import type { AnyRule } from "../rules/types.ts";

interface PropertySchema {
  type?: string | string[];
  description?: string;
  items?: PropertySchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

function typeOf(p: PropertySchema): string {
  if (p.type === "array") return `${p.items ? typeOf(p.items) : "any"}[]`;
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  return Array.isArray(p.type) ? p.type.join(" \\| ") : (p.type ?? "any");
}

/** One row per option: name, type, default, description — straight from the schema. */
export function optionRows(rule: AnyRule): { name: string; type: string; defaultValue: string; description: string }[] {
  const props = (rule.optionsSchema as { properties?: Record<string, PropertySchema> }).properties ?? {};
  const defaults = (rule.defaultOptions ?? {}) as Record<string, unknown>;
  return Object.entries(props).map(([name, p]) => ({
    name,
    type: p.items?.enum ? `(${p.items.enum.map((v) => JSON.stringify(v)).join(" \\| ")})[]` : typeOf(p),
    defaultValue: JSON.stringify(defaults[name]),
    description: p.description ?? "",
  }));
}
