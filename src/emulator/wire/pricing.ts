// A Defender for Cloud plan's pricing on a subscription; `properties` vary by plan and tier.
import { extensionResourceId, subscriptionScope } from "../../arm/resource-id.ts";
import type { JsonObject } from "../types.ts";

export function pricingWire(subscriptionId: string, plan: string, properties: JsonObject): JsonObject {
  return {
    id: extensionResourceId(subscriptionScope(subscriptionId), "Microsoft.Security/pricings", plan),
    name: plan,
    type: "Microsoft.Security/pricings",
    properties,
  };
}
