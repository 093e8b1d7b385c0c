// A Defender for Cloud assessment (Microsoft.Security/assessments, 2021-06-01) of a subscription or
// a resource. The fixture keeps the assessment's metadata inline: the emulator strips it from
// Assessments_List, as the API does, and serves it from AssessmentsMetadata_List.
import { extensionResourceId } from "../../arm/resource-id.ts";
import type { JsonObject } from "../types.ts";

export interface AssessmentStatusSpec {
  code: "Healthy" | "Unhealthy" | "NotApplicable";
  /** why it is NotApplicable, e.g. NoResourcesFound or OffByPolicy */
  cause?: string;
  description?: string;
  firstEvaluationDate?: string;
}

export interface SecurityAssessmentSpec {
  /** the assessment key, the same for every resource it assesses */
  key: string;
  /** the subscription scope or resource id assessed */
  resourceId: string;
  displayName: string;
  status: AssessmentStatusSpec;
  severity: "High" | "Medium" | "Low";
}

export function securityAssessmentWire(a: SecurityAssessmentSpec): JsonObject {
  const status: JsonObject = { code: a.status.code };
  if (a.status.cause !== undefined) status.cause = a.status.cause;
  if (a.status.description !== undefined) status.description = a.status.description;
  if (a.status.firstEvaluationDate !== undefined) status.firstEvaluationDate = a.status.firstEvaluationDate;
  return {
    id: extensionResourceId(a.resourceId, "Microsoft.Security/assessments", a.key),
    name: a.key,
    type: "Microsoft.Security/assessments",
    properties: {
      resourceDetails: { source: "Azure", id: a.resourceId },
      displayName: a.displayName,
      status,
      metadata: { displayName: a.displayName, severity: a.severity, assessmentType: "BuiltIn" },
    },
  };
}
