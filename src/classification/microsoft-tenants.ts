// The tenants Microsoft publishes its own applications from. A service principal whose
// `appOwnerOrganizationId` is one of them is a Microsoft first-party app: its application object
// (and so its credentials) lives in Microsoft's tenant, not the customer's. Every rule and every
// piece of evidence asks `isMicrosoftTenant`, so they all agree on what "Microsoft's" means.

export interface MicrosoftTenant {
  id: string;
  name: string;
  /** where the tenant is documented as an owner of Microsoft applications */
  source: string;
}

/** The owner tenant of most first-party apps (Microsoft Graph, Exchange Online…). */
export const MICROSOFT_SERVICES_TENANT_ID = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

export const MICROSOFT_TENANTS: readonly MicrosoftTenant[] = Object.freeze([
  {
    id: MICROSOFT_SERVICES_TENANT_ID,
    name: "Microsoft Services",
    source:
      'Microsoft Learn, "Verify first-party Microsoft applications in sign-in reports" (learn.microsoft.com/troubleshoot/entra/entra-id/governance/verify-first-party-apps-sign-in): the owner tenant of most first-party apps (Microsoft Graph, Exchange Online, SharePoint…)',
  },
  {
    id: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    name: "Microsoft (corporate tenant)",
    source:
      "Microsoft Learn, the same page: first-party apps also published from Microsoft's own corporate tenant; merill/microsoft-info lists apps owned by both tenants",
  },
  {
    id: "cdc5aeea-15c5-4db6-b079-fcadd2505dc2",
    name: "Microsoft (Graph developer tools)",
    source:
      "owner organization of Microsoft Graph Command Line Tools (14d82eec-204b-4c2f-b7e8-296a70dab67e) and Graph Explorer (de8bc8b5-d9f9-48b1-a8ad-b748da725064), as their service principals in every tenant show",
  },
]);

const IDS: ReadonlySet<string> = new Set(MICROSOFT_TENANTS.map((t) => t.id));

/** Whether a tenant id (e.g. a service principal's appOwnerOrganizationId) is one of Microsoft's. */
export function isMicrosoftTenant(id: string | null | undefined): boolean {
  return typeof id === "string" && IDS.has(id.trim().toLowerCase());
}
