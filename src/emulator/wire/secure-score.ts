// A subscription's Defender for Cloud secure score (`secureScores/ascScore`).
import { extensionResourceId, subscriptionScope } from "../../arm/resource-id.ts";
import type { JsonObject } from "../types.ts";

export function secureScoreWire(subscriptionId: string, current: number, max: number, weight: number): JsonObject {
  return {
    id: extensionResourceId(subscriptionScope(subscriptionId), "Microsoft.Security/secureScores", "ascScore"),
    name: "ascScore",
    type: "Microsoft.Security/secureScores",
    properties: {
      displayName: "ASC score",
      score: { max, current, percentage: Math.round((current / max) * 10000) / 10000 },
      weight,
    },
  };
}
