// Graph collection helpers: credential mapping shared by applications and service principals.
import type { KeyCredential, PasswordCredential } from "../../inventory/types.ts";
import { sortBy, str } from "../section.ts";
import { RESOURCE_APP_ID } from "../../refdata/well-known.ts";

export const MICROSOFT_GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;

interface RawPassword {
  keyId?: string;
  displayName?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
}

interface RawKey extends RawPassword {
  type?: string | null;
  usage?: string | null;
  customKeyIdentifier?: string | null;
}

/**
 * Never copies secretText (Graph returns null for it on reads, but a fixture or a future API might
 * not) nor `hint`, which is the secret's first characters.
 */
export function passwordCredentials(v: unknown): PasswordCredential[] {
  if (!Array.isArray(v)) return [];
  return sortBy(
    (v as RawPassword[]).map((c) => ({
      keyId: (c.keyId ?? "").toLowerCase(),
      displayName: str(c.displayName),
      startDateTime: str(c.startDateTime),
      endDateTime: str(c.endDateTime),
    })),
    (c) => c.keyId,
  );
}

export function keyCredentials(v: unknown): KeyCredential[] {
  if (!Array.isArray(v)) return [];
  return sortBy(
    (v as RawKey[]).map((c) => ({
      keyId: (c.keyId ?? "").toLowerCase(),
      displayName: str(c.displayName),
      type: str(c.type),
      usage: str(c.usage),
      startDateTime: str(c.startDateTime),
      endDateTime: str(c.endDateTime),
      customKeyIdentifier: str(c.customKeyIdentifier),
    })),
    (c) => c.keyId,
  );
}
