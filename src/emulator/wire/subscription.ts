// A subscription as `Subscriptions_List` returns it (2022-12-01), plus the fixture-only link to its
// management group, which the emulator strips before serving.
import { subscriptionScope } from "../../arm/resource-id.ts";
import type { ArmSubscription } from "../types.ts";

export interface SubscriptionSpec {
  subscriptionId: string;
  /** the home tenant; another tenant's for a subscription delegated through Azure Lighthouse */
  tenantId: string;
  displayName: string;
  /** the offer, e.g. EnterpriseAgreement_2014-09-01 or MSDN_2014-09-01 */
  quotaId: string;
  /** absent from the response when the subscription has none */
  tags?: Record<string, string> | null;
  managementGroup: string;
}

export function subscriptionWire(s: SubscriptionSpec): ArmSubscription {
  return {
    id: subscriptionScope(s.subscriptionId),
    authorizationSource: "RoleBased",
    managedByTenants: [],
    ...(s.tags ? { tags: { ...s.tags } } : {}),
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: "Enabled",
    subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: s.quotaId, spendingLimit: "Off" },
    managementGroup: s.managementGroup,
  };
}
