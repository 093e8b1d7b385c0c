// Our classification of Microsoft Graph *application* permissions (app roles of the Microsoft
// Graph service principal, appId 00000003-0000-0000-c000-000000000000).
//
//   tier0 — holding it alone (or with a precondition most tenants meet) reaches Global
//           Administrator, a tenant-wide account takeover, or control of the whole tenant.
//   high  — tenant-wide read or write of sensitive data, or a weakening of tenant defences that
//           needs a second step to become a takeover.
//   (not listed) — unclassified.
//
// Keyed by app role id, the only stable key; `value` is kept for readability and checked against
// src/refdata/graph-app-roles.json by a test. Reasons are our own words. The AzTier project
// (https://github.com/emiliensocchi/azure-tiering) was consulted as a reference; where we differ
// is written down in docs/classification.md.

export type GraphPermissionTier = "tier0" | "high";

export interface GraphPermissionClass {
  /** App role id (GUID, lower case). */
  readonly id: string;
  /** Permission value, e.g. `RoleManagement.ReadWrite.Directory`. */
  readonly value: string;
  readonly tier: GraphPermissionTier;
  /** One line, our own words: why this tier. */
  readonly reason: string;
}

export const GRAPH_PERMISSION_CLASSES: readonly GraphPermissionClass[] = Object.freeze(
  (
    [
      // --- tier 0 ---
      {
        id: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
        value: "RoleManagement.ReadWrite.Directory",
        tier: "tier0",
        reason: "Assigns any directory role, Global Administrator included, to a principal it controls.",
      },
      {
        id: "dd199f4a-f148-40a4-a2ec-f0069cc799ec",
        value: "RoleAssignmentSchedule.ReadWrite.Directory",
        tier: "tier0",
        reason:
          "Creates active PIM assignments of any directory role, so it can make a principal it controls Global Administrator.",
      },
      {
        id: "fee28b28-e1f3-4841-818e-2704dc62245f",
        value: "RoleEligibilitySchedule.ReadWrite.Directory",
        tier: "tier0",
        reason:
          "Makes a principal it controls eligible for Global Administrator; that principal then activates the role.",
      },
      {
        id: "06b708a9-e830-4db3-a914-8e69da51d44f",
        value: "AppRoleAssignment.ReadWrite.All",
        tier: "tier0",
        reason:
          "Grants application permissions without admin consent, including RoleManagement.ReadWrite.Directory to itself.",
      },
      {
        id: "81adad77-a25a-489d-ac43-321115620139",
        value: "PrivilegedAssignmentSchedule.ReadWrite.EntraAppRole",
        tier: "tier0",
        reason:
          "Creates PIM assignments of application permissions to any API, Microsoft Graph included, so it can grant itself RoleManagement.ReadWrite.Directory.",
      },
      {
        id: "7f4c39f1-1aa7-44b7-ab05-38df2609c37a",
        value: "PrivilegedEligibilitySchedule.ReadWrite.EntraAppRole",
        tier: "tier0",
        reason:
          "Makes a principal eligible for any application permission, Microsoft Graph's included, which it then activates.",
      },
      {
        id: "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
        value: "Application.ReadWrite.All",
        tier: "tier0",
        reason:
          "Adds a secret or certificate to any app or service principal and signs in as one that holds stronger permissions.",
      },
      {
        id: "fc023787-fd04-4e44-9bc7-d454f00c0f0a",
        value: "Application.ReadUpdate.All",
        tier: "tier0",
        reason:
          "Updates any app or service principal, credentials included: the same takeover as Application.ReadWrite.All.",
      },
      {
        id: "0510736e-bdfb-4b37-9a1f-89b4a074763a",
        value: "AgentIdentityBlueprint.AddRemoveCreds.All",
        tier: "tier0",
        reason:
          "Adds credentials to any agent identity blueprint and acts as its agent identities, which may hold privileged Graph permissions.",
      },
      {
        id: "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
        value: "Directory.ReadWrite.All",
        tier: "tier0",
        reason:
          "Writes users, groups and apps directory-wide: joins groups that hold Azure Owner or own privileged apps and escalates from there.",
      },
      {
        id: "62a82d76-70ea-41e2-9197-370581804d09",
        value: "Group.ReadWrite.All",
        tier: "tier0",
        reason:
          "Changes membership and owners of every group that is not role-assignable; such groups routinely hold Azure Owner or own privileged apps.",
      },
      {
        id: "dbaae8cf-10b5-4b86-a4a1-f871c94c6695",
        value: "GroupMember.ReadWrite.All",
        tier: "tier0",
        reason:
          "Adds any principal to any group that is not role-assignable: the same escalation as Group.ReadWrite.All.",
      },
      {
        id: "cc117bb9-00cf-4eb8-b580-ea2a878fe8f7",
        value: "User-PasswordProfile.ReadWrite.All",
        tier: "tier0",
        reason: "Resets the passwords of non-administrator users, who often own privileged apps or hold Azure Owner.",
      },
      {
        id: "f6d38dfd-ec08-4995-8f07-23e929df0936",
        value: "UserAuthMethod-Password.ReadWrite.All",
        tier: "tier0",
        reason:
          "Resets users' password authentication method: the same account takeover as User-PasswordProfile.ReadWrite.All.",
      },
      {
        id: "50483e42-d915-4231-9639-7fdb7fd190e5",
        value: "UserAuthenticationMethod.ReadWrite.All",
        tier: "tier0",
        reason:
          "Registers sign-in methods such as a Temporary Access Pass on any user, administrators included, and signs in as them.",
      },
      {
        id: "627169a8-8c15-451c-861a-5b80e383de5c",
        value: "UserAuthMethod-TAP.ReadWrite.All",
        tier: "tier0",
        reason: "Issues a Temporary Access Pass for any user, administrators included, and signs in with it.",
      },
      {
        id: "6e85d483-7092-4375-babe-0a94a8213a58",
        value: "UserAuthMethod-Phone.ReadWrite.All",
        tier: "tier0",
        reason:
          "Points any user's phone method at a number the attacker holds and signs in with the SMS code where SMS sign-in is allowed.",
      },
      {
        id: "4869299f-18c3-40c8-98f2-222657e67db1",
        value: "UserAuthMethod-QR.ReadWrite.All",
        tier: "tier0",
        reason: "Creates a QR code and PIN sign-in method for any user and signs in with it.",
      },
      {
        id: "7e9ebcc1-90aa-4471-8051-e68d6b4e9c89",
        value: "UserAuthMethod-HardwareOATH.ReadWrite.All",
        tier: "tier0",
        reason: "Assigns a hardware OATH token the attacker holds to any user, defeating that user's MFA.",
      },
      {
        id: "7e05723c-0bb0-42da-be95-ae9f08a6e53c",
        value: "Domain.ReadWrite.All",
        tier: "tier0",
        reason:
          "Adds and federates domains, so an identity provider the attacker runs can sign in as tenant users, administrators included.",
      },
      {
        id: "292d869f-3427-49a8-9dab-8c70152b74e9",
        value: "Organization.ReadWrite.All",
        tier: "tier0",
        reason:
          "Edits tenant settings including the certificate authorities trusted for certificate-based sign-in: sign in as any user where CBA is on.",
      },
      {
        id: "01c0a623-fc9b-48e9-b794-0756f8e8f067",
        value: "Policy.ReadWrite.ConditionalAccess",
        tier: "tier0",
        reason:
          "Rewrites every Conditional Access policy: strips the MFA and device controls that guard administrators, or locks the whole tenant out.",
      },
      {
        id: "a402ca1c-2696-4531-972d-6e5ee4aa11ea",
        value: "Policy.ReadWrite.PermissionGrant",
        tier: "tier0",
        reason:
          "Decides which permissions can be consented without an admin, so the app can consent itself to RoleManagement.ReadWrite.Directory.",
      },
      {
        id: "2f6817f8-7b12-4f0f-bc18-eeaf60705a9e",
        value: "PrivilegedAccess.ReadWrite.AzureADGroup",
        tier: "tier0",
        reason:
          "Adds members and owners to PIM-managed groups, including role-assignable groups that hold Global Administrator.",
      },
      {
        id: "41202f2c-f7ab-45be-b001-85c9728b9d69",
        value: "PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup",
        tier: "tier0",
        reason:
          "Creates active PIM memberships in any PIM-managed group, including groups that hold Global Administrator.",
      },
      {
        id: "618b6020-bca8-4de6-99f6-ef445fa4d857",
        value: "PrivilegedEligibilitySchedule.ReadWrite.AzureADGroup",
        tier: "tier0",
        reason:
          "Makes a principal eligible for membership of a group that holds Global Administrator; the principal activates it.",
      },
      {
        id: "854d9ab1-6657-4ec8-be45-823027bcd009",
        value: "PrivilegedAccess.ReadWrite.AzureAD",
        tier: "tier0",
        reason: "Legacy PIM permission over directory role assignments: treated as tier 0 until Microsoft retires it.",
      },
      {
        id: "6f9d5abc-2db6-400b-a267-7de22a40fb87",
        value: "PrivilegedAccess.ReadWrite.AzureResources",
        tier: "tier0",
        reason: "Legacy PIM permission over Azure role assignments: treated as tier 0 until Microsoft retires it.",
      },
      {
        id: "9acd699f-1e81-4958-b001-93b1d2506e19",
        value: "EntitlementManagement.ReadWrite.All",
        tier: "tier0",
        reason:
          "Edits access packages and their policies, so a package that hands out a privileged role or group can be requested without approval.",
      },
      {
        id: "9241abd9-d0e6-425a-bd4f-47ba86e767a4",
        value: "DeviceManagementConfiguration.ReadWrite.All",
        tier: "tier0",
        reason:
          "Pushes Intune configuration and scripts that run as SYSTEM on managed devices, administrators' workstations included.",
      },
      {
        id: "9255e99d-faf5-445e-bbf7-cb71482737c4",
        value: "DeviceManagementScripts.ReadWrite.All",
        tier: "tier0",
        reason: "Deploys Intune scripts that run as SYSTEM on managed devices, administrators' workstations included.",
      },
      {
        id: "e330c4f0-4170-414e-a55a-2f022ec2b57b",
        value: "DeviceManagementRBAC.ReadWrite.All",
        tier: "tier0",
        reason: "Grants itself Intune roles, then deploys code to administrators' managed devices.",
      },
      {
        id: "cc13eba4-8cd8-44c6-b4d4-f93237adce58",
        value: "DelegatedAdminRelationship.ReadWrite.All",
        tier: "tier0",
        reason:
          "In a partner tenant, adds users to the groups GDAP approved and gains the admin roles, often Global Administrator, they hold in customer tenants.",
      },
      // --- high ---
      {
        id: "18a4783c-866b-4cc7-a460-3d5e5662c884",
        value: "Application.ReadWrite.OwnedBy",
        tier: "high",
        reason:
          "Manages credentials of the apps it owns only: tier 0 when it owns a privileged app, which ownership analysis shows.",
      },
      {
        id: "31e08e0a-d3f7-4ca2-ac39-7343fb83e8ad",
        value: "RoleManagementPolicy.ReadWrite.Directory",
        tier: "high",
        reason:
          "Removes PIM activation guardrails (MFA, approval) on directory roles; needs another path to hold the role.",
      },
      {
        id: "b38dcc4d-a239-4ed6-aa84-6c65b284f97c",
        value: "RoleManagementPolicy.ReadWrite.AzureADGroup",
        tier: "high",
        reason: "Removes PIM activation guardrails on privileged groups; needs another path to become eligible.",
      },
      {
        id: "ec563bdb-80dc-47c0-81d3-bff47cc6ac06",
        value: "RoleManagementPolicy.ReadWrite.EntraAppRole",
        tier: "high",
        reason: "Removes PIM activation guardrails on application permissions; needs another path to become eligible.",
      },
      {
        id: "29c18626-4985-4dcd-85c0-193eef327366",
        value: "Policy.ReadWrite.AuthenticationMethod",
        tier: "high",
        reason:
          "Turns sign-in methods such as Temporary Access Pass on or off tenant-wide; pairs with an authentication-method write permission to take over accounts.",
      },
      {
        id: "fb221be6-99f2-473f-bd32-01c6a0e9ca3b",
        value: "Policy.ReadWrite.Authorization",
        tier: "high",
        reason: "Changes tenant-wide authorization defaults, such as what users and guests may do and consent to.",
      },
      {
        id: "338163d7-f101-4c92-94ba-ca46fe52447c",
        value: "Policy.ReadWrite.CrossTenantAccess",
        tier: "high",
        reason: "Changes which external tenants are trusted for B2B access and MFA or device claims.",
      },
      {
        id: "2dcf8603-09eb-4078-b1ec-d30a1a76b873",
        value: "Policy.ReadWrite.IdentityProtection",
        tier: "high",
        reason: "Changes risk-based sign-in and user-risk policies that protect every account.",
      },
      {
        id: "5eb59dd3-1da2-4329-8733-9dabdc435916",
        value: "AdministrativeUnit.ReadWrite.All",
        tier: "high",
        reason:
          "Moves accounts in and out of restricted administrative units, removing a protection that other access could then bypass.",
      },
      {
        id: "741f803b-c850-494e-b5df-cde7c675a1ca",
        value: "User.ReadWrite.All",
        tier: "high",
        reason:
          "Updates any non-administrator user, including attributes that drive dynamic group membership; tier 0 only where such groups are privileged.",
      },
      {
        id: "5639c449-cfd9-4088-bc48-3e16da108bf8",
        value: "User.ReadUpdate.All",
        tier: "high",
        reason:
          "Updates any non-administrator user: the same reach as User.ReadWrite.All without creating or deleting users.",
      },
      {
        id: "7fc588a2-ea2d-4d1f-bcf7-33c324b149b8",
        value: "SignInIdentifier.ReadWrite.All",
        tier: "high",
        reason: "Changes users' sign-in names, which can move them into dynamic groups or break sign-in.",
      },
      {
        id: "3011c876-62b7-4ada-afa2-506cbbecc68c",
        value: "User.EnableDisableAccount.All",
        tier: "high",
        reason: "Disables any non-protected account: can lock users and many administrators out of the tenant.",
      },
      {
        id: "eccc023d-eccf-4e7b-9683-8813ab36cecc",
        value: "User.DeleteRestore.All",
        tier: "high",
        reason: "Deletes and restores users: can take the tenant's accounts out of service.",
      },
      {
        id: "af2bf46f-7bf1-4be3-8bad-e17e279e8462",
        value: "SecurityIdentitiesActions.ReadWrite.All",
        tier: "high",
        reason:
          "Marks accounts compromised or disables them through Defender for Identity actions: can lock users out.",
      },
      {
        id: "9b50c33d-700f-43b1-b2eb-87e89b703581",
        value: "Synchronization.ReadWrite.All",
        tier: "high",
        reason: "Configures provisioning and directory synchronization jobs, which create and change accounts.",
      },
      {
        id: "c22a92cc-79bf-4bb1-8b6c-e0a05d3d80ce",
        value: "OnPremDirectorySynchronization.ReadWrite.All",
        tier: "high",
        reason: "Changes directory synchronization settings between on-premises AD and Entra ID.",
      },
      {
        id: "2d9bd318-b883-40be-9df7-63ec4fcdc424",
        value: "Group-OnPremisesSyncBehavior.ReadWrite.All",
        tier: "high",
        reason:
          "Switches groups between cloud and on-premises management, handing their membership to whoever controls on-premises AD.",
      },
      {
        id: "64d40371-8d58-4270-bc8a-b4a66de36b9a",
        value: "Domain-InternalFederation.ReadWrite.All",
        tier: "high",
        reason: "Changes the federation settings of domains that are already federated.",
      },
      {
        id: "90db2b9a-d928-4d33-a4dd-8442ae3d41e4",
        value: "IdentityProvider.ReadWrite.All",
        tier: "high",
        reason: "Adds or changes identity providers trusted for external sign-in.",
      },
      {
        id: "8e8e4742-1d95-4f68-9d56-6ee75648c72a",
        value: "DelegatedPermissionGrant.ReadWrite.All",
        tier: "high",
        reason: "Grants delegated permissions to any client on behalf of any user, without their consent.",
      },
      {
        id: "de89b5e4-5b8f-48eb-8925-29c2b33bd8bd",
        value: "CustomSecAttributeAssignment.ReadWrite.All",
        tier: "high",
        reason: "Sets custom security attributes, which Azure ABAC conditions and policies may rely on.",
      },
      {
        id: "7fddd33b-d884-4ec0-8696-72cff90ff825",
        value: "AgentIdentityBlueprint.ReadWrite.All",
        tier: "high",
        reason: "Creates and changes agent identity blueprints, from which agent identities get their permissions.",
      },
      {
        id: "1138cb37-bd11-4084-a2b7-9f71582aeddb",
        value: "Device.ReadWrite.All",
        tier: "high",
        reason:
          "Changes any device object, including the compliance and trust properties Conditional Access relies on.",
      },
      {
        id: "78145de6-330d-4800-a6ce-494ff2d33d07",
        value: "DeviceManagementApps.ReadWrite.All",
        tier: "high",
        reason: "Deploys applications through Intune to managed devices.",
      },
      {
        id: "243333ab-4d21-40cb-a475-36241daa0842",
        value: "DeviceManagementManagedDevices.ReadWrite.All",
        tier: "high",
        reason: "Manages every Intune-managed device (remote actions, ownership, configuration).",
      },
      {
        id: "884b599e-4d48-43a5-ba94-15c414d00588",
        value: "DeviceLocalCredential.Read.All",
        tier: "high",
        reason: "Reads the local administrator passwords (LAPS) of every Entra-joined device.",
      },
      {
        id: "57f1cf28-c0c4-4ec3-9a30-19a2eaaf2f6e",
        value: "BitlockerKey.Read.All",
        tier: "high",
        reason: "Reads the BitLocker recovery keys of every device.",
      },
      {
        id: "025d3225-3f02-4882-b4c0-cd5b541a4e80",
        value: "RoleManagement.ReadWrite.Exchange",
        tier: "high",
        reason: "Assigns any Exchange Online role, including organization-wide mailbox access.",
      },
      {
        id: "8b7e8c0a-7e9d-4049-97ec-04b5e1bcaf05",
        value: "RoleManagement.ReadWrite.Defender",
        tier: "high",
        reason: "Assigns Microsoft Defender roles, including response actions on devices.",
      },
      {
        id: "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
        value: "Mail.ReadWrite",
        tier: "high",
        reason: "Reads, changes and deletes mail in every mailbox.",
      },
      {
        id: "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
        value: "Mail.Read",
        tier: "high",
        reason: "Reads mail in every mailbox.",
      },
      {
        id: "b633e1c5-b582-4048-a93e-9f11b44c7e96",
        value: "Mail.Send",
        tier: "high",
        reason: "Sends mail as any user, for convincing internal phishing.",
      },
      {
        id: "6931bccd-447a-43d1-b442-00a195474933",
        value: "MailboxSettings.ReadWrite",
        tier: "high",
        reason: "Changes any mailbox's settings, such as forwarding and automatic replies.",
      },
      {
        id: "1583d471-fede-4e7c-b062-57e9d60cfb49",
        value: "MailboxItem.ReadWrite.All",
        tier: "high",
        reason: "Reads and changes items in every mailbox.",
      },
      {
        id: "937550e9-33a3-494b-88ae-d9cd394b1fbb",
        value: "MailboxItem.Export.All",
        tier: "high",
        reason: "Exports items from every mailbox.",
      },
      {
        id: "76577085-e73d-4f1d-b26a-85fb33892327",
        value: "MailboxItem.ImportExport.All",
        tier: "high",
        reason: "Imports and exports items in every mailbox.",
      },
      {
        id: "e118f1da-5c1c-46cf-bff6-8858d786f46f",
        value: "Mail-Advanced.ReadWrite.All",
        tier: "high",
        reason: "Reads and changes mail in every mailbox, including advanced properties.",
      },
      {
        id: "75359482-378d-4052-8f01-80520e7db3cd",
        value: "Files.ReadWrite.All",
        tier: "high",
        reason: "Reads, changes and deletes every file in OneDrive and SharePoint.",
      },
      {
        id: "01d4889c-1287-42c6-ac1f-5d1e02578ef6",
        value: "Files.Read.All",
        tier: "high",
        reason: "Reads every file in OneDrive and SharePoint.",
      },
      {
        id: "a82116e5-55eb-4c41-a434-62fe8a61c773",
        value: "Sites.FullControl.All",
        tier: "high",
        reason: "Full control of every SharePoint site, including its permissions.",
      },
      {
        id: "9492366f-7969-46a4-8d15-ed1a20078fff",
        value: "Sites.ReadWrite.All",
        tier: "high",
        reason: "Reads, changes and deletes content in every SharePoint site.",
      },
      {
        id: "0c0bf378-bf22-4481-8f81-9e89a9b4960a",
        value: "Sites.Manage.All",
        tier: "high",
        reason: "Creates, changes and deletes lists and content in every SharePoint site.",
      },
      {
        id: "332a536c-c7ef-4017-ab91-336970924f0d",
        value: "Sites.Read.All",
        tier: "high",
        reason: "Reads content in every SharePoint site.",
      },
      {
        id: "6b7d71aa-70aa-4810-a8d9-5d9fb2830017",
        value: "Chat.Read.All",
        tier: "high",
        reason: "Reads every Teams chat message.",
      },
      {
        id: "294ce7c9-31ba-490a-ad7d-97a7d075e4ed",
        value: "Chat.ReadWrite.All",
        tier: "high",
        reason: "Reads and sends Teams chat messages across the tenant.",
      },
      {
        id: "7b2449af-6ccd-4f4d-9f78-e550c193f0d1",
        value: "ChannelMessage.Read.All",
        tier: "high",
        reason: "Reads every Teams channel message.",
      },
      {
        id: "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
        value: "Calendars.ReadWrite",
        tier: "high",
        reason: "Reads and changes every user's calendar.",
      },
      {
        id: "6918b873-d17a-4dc1-b314-35f528134491",
        value: "Contacts.ReadWrite",
        tier: "high",
        reason: "Reads and changes every user's contacts.",
      },
      {
        id: "0c458cef-11f3-48c2-a568-c66751c238c0",
        value: "Notes.ReadWrite.All",
        tier: "high",
        reason: "Reads and changes every OneNote notebook.",
      },
      {
        id: "b2620db1-3bf7-4c5b-9cb9-576d29eac736",
        value: "eDiscovery.ReadWrite.All",
        tier: "high",
        reason: "Creates eDiscovery cases that search and export content from the whole tenant.",
      },
      {
        id: "b0afded3-3588-46d8-8b3d-9842eff778da",
        value: "AuditLog.Read.All",
        tier: "high",
        reason: "Reads sign-in and audit logs for every account.",
      },
    ] satisfies GraphPermissionClass[]
  ).map((e) => Object.freeze(e)),
);
