// stamp.json, written by the export script: when the export was made, by whom, with which az.
// Without it the export's time is its newest file's and the author is taken from `az account
// list` (the signed-in user each subscription entry names), so a report can still cite it.
import type { ExportProvenance } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { STAMP } from "./layout.ts";
import { isGuid } from "../../inventory/guid.ts";

export interface Stamp {
  format: "azaudit-az-export/v1";
  createdAt: string;
  tenantId: string;
  cloudName?: string | null;
  /** objectId: the signed-in identity's (az ad signed-in-user show / az ad sp show), when the script could resolve it */
  user?: { name?: string | null; type?: string | null; objectId?: string | null } | null;
  azVersion?: string | null;
}

const SCHEMA = objectWith(
  {
    format: { const: "azaudit-az-export/v1" },
    createdAt: { type: "string", format: "date-time" },
    tenantId: S.str,
    cloudName: S.nstr,
    user: { type: ["object", "null"], properties: { name: S.nstr, type: S.nstr, objectId: S.nstr } },
    azVersion: S.nstr,
  },
  ["format", "createdAt", "tenantId"],
);

export function readStamp(dir: ExportDir): Stamp | undefined {
  return dir.object<Stamp>(STAMP, "scripts/az-export.sh (or .ps1), which writes the stamp", SCHEMA);
}

/** The stamp is the client's text and goes to a terminal and every report: no control characters. */
function printable(v: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex -- the stamp must not carry control characters
  return typeof v === "string" && v !== "" ? v.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD") : null;
}

export function provenanceOf(
  stamp: Stamp | undefined,
  newestMtimeMs: number,
  fallbackUser: string | null,
): ExportProvenance {
  if (stamp) {
    return {
      madeAt: new Date(stamp.createdAt).toISOString(),
      madeAtFrom: "stamp",
      madeBy: printable(stamp.user?.name) ?? printable(fallbackUser),
      azVersion: printable(stamp.azVersion),
    };
  }
  return {
    madeAt: new Date(newestMtimeMs).toISOString(),
    madeAtFrom: "file times",
    madeBy: printable(fallbackUser),
    azVersion: null,
  };
}

/** The identity that made the export, as the scanner's own object id: only a GUID is believed. */
export function exporterObjectId(stamp: Stamp | undefined): string | null {
  const id = stamp?.user?.objectId;
  return isGuid(id) ? id.toLowerCase() : null;
}
