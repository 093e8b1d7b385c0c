// Our classification of Entra ID built-in directory roles, by role template id.
//
//   tier0 — the role reaches Global Administrator or a tenant-wide takeover by itself, or through
//           a step most tenants make possible (a non-admin user who owns a privileged app or holds
//           Azure Owner; a security group that is not role-assignable but holds Azure Owner).
//   high  — the role is sensitive (Microsoft flags it privileged, or it has a conditional path to
//           tier 0) but has no such path by itself.
//   (not listed) — unclassified.
//
// Microsoft's own "privileged" flag (src/refdata/entra-directory-roles.json) is reported next to
// ours; docs/classification.md lists every role where the two disagree and why we follow ours.
// Reasons are our own words; the AzTier project (https://github.com/emiliensocchi/azure-tiering)
// was consulted as a reference.

export type EntraRoleTier = "tier0" | "high";

export interface EntraRoleClass {
  /** Role template id (GUID, lower case). */
  readonly templateId: string;
  readonly displayName: string;
  readonly tier: EntraRoleTier;
  /** One line, our own words: why this tier. */
  readonly reason: string;
}

export const ENTRA_ROLE_CLASSES: readonly EntraRoleClass[] = Object.freeze(
  (
    [
      // --- tier 0 ---
      {
        templateId: "62e90394-69f5-4237-9190-012177145e10",
        displayName: "Global Administrator",
        tier: "tier0",
        reason:
          "Full control of Entra ID and every Microsoft 365 service; can also elevate itself to User Access Administrator over all Azure subscriptions.",
      },
      {
        templateId: "e8611ab8-c189-46e8-94e1-60213ab1f814",
        displayName: "Privileged Role Administrator",
        tier: "tier0",
        reason: "Assigns any directory role, Global Administrator included, to anyone, itself included.",
      },
      {
        templateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13",
        displayName: "Privileged Authentication Administrator",
        tier: "tier0",
        reason: "Resets passwords and authentication methods of every user, Global Administrators included.",
      },
      {
        templateId: "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8",
        displayName: "Partner Tier2 Support",
        tier: "tier0",
        reason: "Resets passwords of every user, Global Administrators included (a legacy partner role).",
      },
      {
        templateId: "4ba39ca4-527c-499a-b93d-d9b492c50246",
        displayName: "Partner Tier1 Support",
        tier: "tier0",
        reason:
          "Manages app credentials and non-admin users and groups (a legacy partner role): the Application Administrator and group paths.",
      },
      {
        templateId: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
        displayName: "Application Administrator",
        tier: "tier0",
        reason:
          "Adds credentials to any app or service principal and signs in as one that holds privileged Graph permissions or directory roles.",
      },
      {
        templateId: "158c047a-c907-4556-b7ef-446551a6b5f7",
        displayName: "Cloud Application Administrator",
        tier: "tier0",
        reason: "Same app-credential takeover as Application Administrator, without App Proxy settings.",
      },
      {
        templateId: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
        displayName: "Hybrid Identity Administrator",
        tier: "tier0",
        reason:
          "Manages federation and sync settings and app credentials: can sign in as federated users or take over privileged apps.",
      },
      {
        templateId: "8329153b-31d0-4727-b945-745eb3bc5f31",
        displayName: "Domain Name Administrator",
        tier: "tier0",
        reason: "Adds and federates domains, so an identity provider the attacker runs can sign in as tenant users.",
      },
      {
        templateId: "be2f45a1-457d-42af-a067-6ec1fa63bc45",
        displayName: "External Identity Provider Administrator",
        tier: "tier0",
        reason:
          "Configures federation with identity providers, including domain federation that lets an outside provider vouch for tenant users.",
      },
      {
        templateId: "194ae4cb-b126-40b2-bd5b-6091b380977d",
        displayName: "Security Administrator",
        tier: "tier0",
        reason:
          "Changes Conditional Access, identity protection and other security policies that guard every administrator.",
      },
      {
        templateId: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
        displayName: "Conditional Access Administrator",
        tier: "tier0",
        reason:
          "Rewrites every Conditional Access policy: strips MFA and device controls from administrators or locks the whole tenant out.",
      },
      {
        templateId: "3a2c62db-5318-420d-8d74-23affee5d9d5",
        displayName: "Intune Administrator",
        tier: "tier0",
        reason:
          "Runs code as SYSTEM on managed devices, administrators' included, and manages security group membership.",
      },
      {
        templateId: "fe930be7-5e62-47db-91af-98c3a49a38b1",
        displayName: "User Administrator",
        tier: "tier0",
        reason:
          "Manages groups and resets passwords of non-admin users and limited admins, who often own privileged apps or hold Azure Owner.",
      },
      {
        templateId: "c4e39bd9-1100-46d3-8c65-fb160da0071f",
        displayName: "Authentication Administrator",
        tier: "tier0",
        reason:
          "Resets passwords and MFA methods of non-admin users and limited admins, who often own privileged apps or hold Azure Owner.",
      },
      {
        templateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        displayName: "Helpdesk Administrator",
        tier: "tier0",
        reason:
          "Resets passwords of non-admin users and limited admins, who often own privileged apps or hold Azure Owner.",
      },
      {
        templateId: "966707d0-3269-4727-9be2-8c3a10f19b9d",
        displayName: "Password Administrator",
        tier: "tier0",
        reason: "Resets passwords of non-admin users, who often own privileged apps or hold Azure Owner.",
      },
      {
        templateId: "9360feb5-f418-4baa-8175-e2a00bac4301",
        displayName: "Directory Writers",
        tier: "tier0",
        reason:
          "Changes membership of groups that are not role-assignable, which routinely hold Azure Owner or own privileged apps.",
      },
      {
        templateId: "fdd7a751-b60b-444a-984c-02652fe8fa1c",
        displayName: "Groups Administrator",
        tier: "tier0",
        reason:
          "Changes membership of every group that is not role-assignable, which routinely hold Azure Owner or own privileged apps.",
      },
      {
        templateId: "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",
        displayName: "Identity Governance Administrator",
        tier: "tier0",
        reason:
          "Edits access packages and their policies, so one that hands out a privileged role or group can be requested without approval.",
      },
      {
        templateId: "59d46f88-662b-457b-bceb-5c3809e5908f",
        displayName: "Lifecycle Workflows Administrator",
        tier: "tier0",
        reason:
          "Builds workflows whose tasks add accounts to groups that are not role-assignable, which routinely hold Azure Owner or own privileged apps.",
      },
      {
        templateId: "db506228-d27e-4b7d-95e5-295956d6615f",
        displayName: "Agent ID Administrator",
        tier: "tier0",
        reason:
          "Manages agent identities and blueprints, credentials included, and can act as an agent that holds privileged Graph permissions.",
      },
      {
        templateId: "d2562ede-74db-457e-a7b6-544e236ebb61",
        displayName: "AI Administrator",
        tier: "tier0",
        reason:
          "Manages AI agents and their identities: the agent-credential path of Agent ID Administrator (as AzTier reports; Microsoft does not flag it).",
      },
      // --- high ---
      {
        templateId: "29232cdf-9323-42fd-ade2-1d097af3e4de",
        displayName: "Exchange Administrator",
        tier: "high",
        reason:
          "Full control of Exchange Online (every mailbox) and of Microsoft 365 group membership; tier 0 only if such a group is privileged.",
      },
      {
        templateId: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
        displayName: "SharePoint Administrator",
        tier: "high",
        reason: "Full control of SharePoint and OneDrive content and of Microsoft 365 group membership.",
      },
      {
        templateId: "69091246-20e8-4a56-aa4d-066075b2a7a8",
        displayName: "Teams Administrator",
        tier: "high",
        reason: "Full control of Teams and of Microsoft 365 group membership.",
      },
      {
        templateId: "11451d60-acb2-45eb-a7d6-43d0f0125c13",
        displayName: "Windows 365 Administrator",
        tier: "high",
        reason: "Manages Cloud PCs and the security groups used to provision them.",
      },
      {
        templateId: "810a2642-a034-447f-a5e8-41beaa378541",
        displayName: "Yammer Administrator",
        tier: "high",
        reason: "Manages Viva Engage and Microsoft 365 group membership.",
      },
      {
        templateId: "b5a8dcf3-09d5-43a9-a639-8e29ef291470",
        displayName: "Knowledge Administrator",
        tier: "high",
        reason: "Manages knowledge and content settings and the groups behind them.",
      },
      {
        templateId: "744ec460-397e-42ad-a462-8b3f9747a02c",
        displayName: "Knowledge Manager",
        tier: "high",
        reason: "Manages knowledge content and the groups behind it.",
      },
      {
        templateId: "e3973bdf-4987-49ae-837a-ba8e231c7286",
        displayName: "Azure DevOps Administrator",
        tier: "high",
        reason:
          "Manages Azure DevOps organization policy; pipelines it reaches may hold privileged Azure or Entra access.",
      },
      {
        templateId: "0526716b-113d-4c15-b2c8-68e3c22b9f80",
        displayName: "Authentication Policy Administrator",
        tier: "high",
        reason:
          "Turns authentication methods such as Temporary Access Pass on or off tenant-wide; needs a second role to issue one.",
      },
      {
        templateId: "7698a772-787b-4ac8-901f-60d6b08affd2",
        displayName: "Cloud Device Administrator",
        tier: "high",
        reason: "Manages devices and reads BitLocker recovery keys of every device.",
      },
      {
        templateId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
        displayName: "Global Reader",
        tier: "high",
        reason: "Reads every setting in Entra ID and Microsoft 365, a complete map for an attacker.",
      },
      {
        templateId: "5d6b6bb7-de71-4623-b4af-96380a352509",
        displayName: "Security Reader",
        tier: "high",
        reason: "Reads security reports, alerts and policies across the tenant.",
      },
      {
        templateId: "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
        displayName: "Security Operator",
        tier: "high",
        reason: "Responds to security alerts and manages security actions across the tenant.",
      },
      {
        templateId: "cf1c38e5-3621-4004-a7cb-879624dced7c",
        displayName: "Application Developer",
        tier: "high",
        reason:
          "Registers apps and consents to them for itself; Microsoft flags it privileged, but it reaches no other account.",
      },
      {
        templateId: "ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe",
        displayName: "Attribute Provisioning Administrator",
        tier: "high",
        reason: "Maps custom security attributes into provisioning, which access decisions may rely on.",
      },
      {
        templateId: "422218e4-db15-4ef9-bbe0-8afb41546d79",
        displayName: "Attribute Provisioning Reader",
        tier: "high",
        reason: "Reads custom security attribute provisioning mappings.",
      },
      {
        templateId: "25a516ed-2fa0-40ea-a2d0-12923a21473a",
        displayName: "Authentication Extensibility Administrator",
        tier: "high",
        reason:
          "Configures custom authentication extensions that call out to external code during sign-in and token issuance.",
      },
      {
        templateId: "aaf43236-0c0d-4d5f-883a-6955382ac081",
        displayName: "B2C IEF Keyset Administrator",
        tier: "high",
        reason: "Manages the signing and encryption keys of Azure AD B2C custom policies.",
      },
      {
        templateId: "d29b2b05-8046-44ba-8758-1e26182fcf32",
        displayName: "Directory Synchronization Accounts",
        tier: "high",
        reason:
          "The sync service's role: writes synced users and groups; tier 0 whenever on-premises AD is compromised.",
      },
      {
        templateId: "a92aed5d-d78a-4d16-b381-09adb37eb3b0",
        displayName: "On Premises Directory Sync Account",
        tier: "high",
        reason:
          "The cloud sync service's role: writes synced users and groups; tier 0 whenever on-premises AD is compromised.",
      },
      {
        templateId: "b0f54661-2d74-4c50-afa3-1ec803f12efe",
        displayName: "Billing Administrator",
        tier: "high",
        reason: "Buys and manages subscriptions and licences for the tenant.",
      },
      {
        templateId: "17315797-102d-40b4-93e0-432062caca18",
        displayName: "Compliance Administrator",
        tier: "high",
        reason: "Manages compliance and data-governance policies, including eDiscovery over all content.",
      },
    ] satisfies EntraRoleClass[]
  ).map((e) => Object.freeze(e)),
);

/** Global Administrator's template id. */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = "62e90394-69f5-4237-9190-012177145e10";
/** Privileged Role Administrator's template id. */
export const PRIVILEGED_ROLE_ADMINISTRATOR_TEMPLATE_ID = "e8611ab8-c189-46e8-94e1-60213ab1f814";
