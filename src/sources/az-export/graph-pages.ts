// `az rest --method get --uri https://graph.microsoft.com/v1.0/…` prints Graph's answer as it
// comes: one page, `{ "@odata.context", "value": [...], "@odata.nextLink"? }`. az rest does not
// follow nextLink, so the export script saves each page (NAME.json, NAME.2.json…).
import type { ListShape } from "./files.ts";

export function restShape(uri: string, item: Record<string, unknown>): ListShape {
  return {
    command: `az rest --method get --uri "https://graph.microsoft.com/v1.0/${uri}"`,
    item,
    wrappers: ["value"],
    next: "@odata.nextLink",
  };
}

/** The Graph path a gap names for a list, e.g. `/v1.0/oauth2PermissionGrants`. */
export function graphScope(uri: string): string {
  return `/v1.0/${uri.split("?")[0]}`;
}
