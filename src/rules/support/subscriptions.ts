import type { Subscription } from "../../inventory/types.ts";

/**
 * Subscription states in which nothing runs and nothing can be fixed: Disabled (expired, cancelled
 * or disabled for non-payment), Warned (about to be disabled: read-only for most operations) and
 * Deleted. Judging their Defender plans or owners would only be noise
 * (https://learn.microsoft.com/en-us/azure/cost-management-billing/manage/subscription-states).
 */
const INACTIVE_STATES: ReadonlySet<string> = new Set(["disabled", "warned", "deleted"]);

export function isInactiveSubscription(subscription: Pick<Subscription, "state"> | undefined): boolean {
  return subscription !== undefined && INACTIVE_STATES.has(subscription.state.trim().toLowerCase());
}
