// PIM lists in a tenant without Microsoft Entra ID P2 (or Entra ID Governance): Graph's
// roleEligibilityScheduleInstances and ARM's answer HTTP 400 AadPremiumLicenseRequired
// (docs/fidelity.md, "PIM"). Such a tenant cannot have eligible assignments: the answer is
// "none", named in the coverage as a note, not a gap.

const NO_P2_CODE = "aadpremiumlicenserequired";

export const NO_P2_NOTE =
  "the tenant has no Microsoft Entra ID P2 or Governance licence (AadPremiumLicenseRequired): PIM is not available, so there are no eligible assignments";

export function isNoP2Answer(err: unknown): boolean {
  const e = err as { statusCode?: unknown; code?: unknown } | null;
  return e?.statusCode === 400 && typeof e.code === "string" && e.code.toLowerCase() === NO_P2_CODE;
}
