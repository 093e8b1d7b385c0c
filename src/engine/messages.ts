/**
 * Renders `{{name}}` placeholders. A missing value is a bug in the rule, so it throws rather
 * than printing a message with a hole in it.
 */
export function renderMessage(template: string, data: Record<string, string | number>, where: string): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`${where}: message placeholder {{${name}}} has no value`);
    return String(value);
  });
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}
