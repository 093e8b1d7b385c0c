// `az ad app list --all`: Graph's application objects as Graph returns them (azure-cli's
// GraphClient follows every nextLink and prints the concatenated `value`), so the collector's
// mapping reads them unchanged. Per app, `az ad app federated-credential list --id ID` and
// `az ad app owner list --id ID` (both bare arrays of Graph objects); `az rest` pages of the same
// sub-collections are read too.
import { toApplication, toFederatedCredentials, toOwnerIds, type RawApp } from "../../collectors/graph/applications.ts";
import type { Application, CoverageGap, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { FILES, PER } from "./layout.ts";
import { missingFile, missingReason, okSection, truncationGap } from "./sections.ts";

const LIST = "az ad app list --all";
const FIC = "az ad app federated-credential list --id APP_OBJECT_ID";
const OWNERS = "az ad app owner list --id APP_OBJECT_ID";

const ITEM = objectWith(
  {
    id: S.str,
    appId: S.str,
    displayName: S.nstr,
    passwordCredentials: { type: ["array", "null"], items: S.obj },
    keyCredentials: { type: ["array", "null"], items: S.obj },
  },
  ["id", "appId"],
);
const FIC_ITEM = objectWith(
  { id: S.str, name: S.str, issuer: S.str, subject: S.nstr, audiences: { type: ["array", "null"], items: S.str } },
  ["name", "issuer"],
);
const OWNER_ITEM = objectWith({ id: S.str }, ["id"]);

export function readApplications(dir: ExportDir): Section<Application> {
  const listed = dir.list<RawApp>(FILES.appList, { command: LIST, item: ITEM });
  if (!listed) return missingFile(FILES.appList, LIST);
  const gaps: CoverageGap[] = [];
  const apps = listed.items.map((raw) => {
    const app = toApplication(raw);
    const sub = (file: string, command: string, item: Record<string, unknown>, what: string) => {
      const read = dir.list<unknown>(file, {
        command: command.replace("APP_OBJECT_ID", app.id),
        item,
        wrappers: ["value"],
        next: "@odata.nextLink",
      });
      if (!read)
        gaps.push({
          scope: `/applications/${app.id}/${what}`,
          reason: missingReason(file, command.replace("APP_OBJECT_ID", app.id)),
        });
      else if (read.truncatedAfter) gaps.push(truncationGap(`/applications/${app.id}/${what}`, read.truncatedAfter));
      return read?.items;
    };
    const fics = sub(PER.federatedCredentials(app.id), FIC, FIC_ITEM, "federatedIdentityCredentials");
    const owners = sub(PER.appOwners(app.id), OWNERS, OWNER_ITEM, "owners");
    // unread stays null, as when the live $batch sub-request failed: the rules treat it as unknown
    return {
      ...app,
      federatedIdentityCredentials: fics ? toFederatedCredentials(fics) : null,
      owners: owners ? toOwnerIds(owners) : null,
    };
  });
  return okSection(apps, (a) => a.id, gaps);
}
