// Which Defender for Cloud assessments azaudit keeps: the identity-related ones. Shared by the
// collector (which drops every other assessment of every resource) and the rule that judges them.

/**
 * Identity-related Defender for Cloud recommendations, by assessment key, as published by
 * Microsoft (src/rules/defender-unhealthy-assessment/README.md, Notes, names the pages each key
 * was confirmed on). The name is for people reading this list; matching is by key.
 */
export const IDENTITY_ASSESSMENTS: Readonly<Record<string, string>> = Object.freeze({
  // Identity recommendations V2 (GA 2023).
  "6240402e-f77c-46fa-9060-a7ce53997754": "Accounts with owner permissions on Azure resources should be MFA enabled",
  "c0cb17b2-0607-48a7-b0e0-903ed22de39b": "Accounts with write permissions on Azure resources should be MFA enabled",
  "dabc9bc4-b8a8-45bd-9a5a-43000df8aa1c": "Accounts with read permissions on Azure resources should be MFA enabled",
  "20606e75-05c4-48c0-9d97-add6daa2109a": "Guest accounts with owner permissions on Azure resources should be removed",
  "0354476c-a12a-4fcc-a79d-f0ab7ffffdbb": "Guest accounts with write permissions on Azure resources should be removed",
  "fde1c0c9-0fd2-4ecc-87b5-98956cbc1095": "Guest accounts with read permissions on Azure resources should be removed",
  "050ac097-3dda-4d24-ab6d-82568e7a50cf":
    "Blocked accounts with owner permissions on Azure resources should be removed",
  "1ff0b4c9-ed56-4de6-be9c-d7ab39645926":
    "Blocked accounts with read and write permissions on Azure resources should be removed",
  // Identity recommendations V1 (deprecated in 2023; still found in older snapshots and some tenants).
  "94290b00-4d0c-d7b4-7cea-064a9554e681": "MFA should be enabled on accounts with owner permissions on subscriptions",
  "57e98606-6b1e-6193-0e3d-fe621387c16b": "MFA should be enabled on accounts with write permissions on subscriptions",
  "151e82c5-5341-a74b-1eb0-bc38d2c84bb5": "MFA should be enabled on accounts with read permissions on subscriptions",
  "c3b6ae71-f1f0-31b4-e6c1-d5951285d03d":
    "External accounts with owner permissions should be removed from subscriptions",
  "04e7147b-0deb-9796-2e5c-0336343ceb3d":
    "External accounts with write permissions should be removed from subscriptions",
  "a8c6a4ad-d51e-88fe-2979-d3ee3c864f8b":
    "External accounts with read permissions should be removed from subscriptions",
  "e52064aa-6853-e252-a11e-dffc675689c2":
    "Deprecated accounts with owner permissions should be removed from subscriptions",
  "00c6d40b-e990-6acf-d4f3-471e747a27c4": "Deprecated accounts should be removed from subscriptions",
  // Subscription owners.
  "6f90a6d6-d4d6-0794-0ec1-98fa77878c2e": "A maximum of 3 owners should be designated for subscriptions",
  "2c79b4af-f830-b61e-92b9-63dfa30f16e4": "There should be more than one owner assigned to subscriptions",
  // Permissions management (CIEM) and privileged access.
  "8b0bd683-bcfe-4ab1-96b9-f15a60eaa89d":
    "Permissions of inactive identities in your Azure subscription should be revoked",
  "dcedec72-5b25-45b3-b8b9-0ed9219f8f29": "Azure overprovisioned identities should have only the necessary permissions",
  "fe7d5a87-36fc-4530-99b5-1848512a3209": "Super identities in your Azure environment should be removed",
  "706b33f0-129e-4ed0-a179-f450b9ee4145":
    "Privileged roles should not have permanent access at the subscription and resource group level",
  "effc9a76-a5a6-40ac-b20d-59dc45bddf99":
    "Service Principals should not be assigned with administrative roles at the subscription and resource group level",
  // Managed identities on App Service.
  "4a3d7cd3-f17c-637a-1ffc-614a01dd03cf": "Managed identity should be used in web apps",
  "23aa9cbe-c2fb-6a2f-6c97-885a6d48c4d1": "Managed identity should be used in function apps",
  "cc6d1865-7617-3cb2-cf7d-4cfc01ece1df": "Managed identity should be used in API apps",
});

/** The assessment-metadata category of identity recommendations (SecurityAssessmentMetadataProperties.categories). */
export const IDENTITY_CATEGORY = "IdentityAndAccess";

/** Whether an assessment is identity-related: a known identity key, or metadata that says so. */
export function isIdentityAssessment(key: string, categories: readonly string[] | undefined): boolean {
  return (
    Object.hasOwn(IDENTITY_ASSESSMENTS, key.toLowerCase()) ||
    (categories ?? []).some((c) => c.toLowerCase() === IDENTITY_CATEGORY.toLowerCase())
  );
}
