// A resource's `identity` block and a user-assigned identity's `properties`, as ARM returns them.
import type { JsonObject } from "../types.ts";

export interface UserAssignedIdentityRef {
  /** the identity resource's ARM id */
  id: string;
  principalId: string;
  clientId: string;
}

/**
 * `type` is passed as spelled: ARM accepts and echoes both "SystemAssigned, UserAssigned" and
 * "SystemAssigned,UserAssigned", and scans must read either.
 */
export function resourceIdentityWire(
  type: string,
  system: { principalId: string; tenantId: string } | null,
  userAssigned: readonly UserAssignedIdentityRef[] | null,
): JsonObject {
  const identity: JsonObject = { type };
  if (system) {
    identity.principalId = system.principalId;
    identity.tenantId = system.tenantId;
  }
  if (userAssigned) {
    identity.userAssignedIdentities = Object.fromEntries(
      userAssigned.map((u) => [u.id, { principalId: u.principalId, clientId: u.clientId }]),
    );
  }
  return identity;
}

/** `properties` of a Microsoft.ManagedIdentity/userAssignedIdentities resource */
export function userAssignedIdentityPropertiesWire(
  tenantId: string,
  principalId: string,
  clientId: string,
): JsonObject {
  return { tenantId, principalId, clientId };
}
