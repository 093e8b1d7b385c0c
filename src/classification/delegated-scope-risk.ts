// High-risk *delegated* permission scopes, for tenant-wide consent (oauth2PermissionGrants with
// consentType AllPrincipals). A delegated grant lets the client act as whoever signs in, within
// that user's own rights; consented for all principals, it acts as every user of the tenant,
// administrators included, without asking them.
//
//   tier0 — when a privileged administrator uses the app, the scope lets it create or become a
//           Global Administrator (or take over accounts tenant-wide).
//   high  — reads or changes sensitive data (mail, files, chats) or directory objects as every
//           user who signs in.
//
// Grants carry scope *names* (space-separated in the API), not ids, so entries are keyed by
// (resource appId, scope name). Names compare case-insensitively.
import { RESOURCE_APP_ID } from "../refdata/well-known.ts";

export const MICROSOFT_GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;
export const EXCHANGE_ONLINE_APP_ID = RESOURCE_APP_ID.exchangeOnline;
export const SHAREPOINT_ONLINE_APP_ID = RESOURCE_APP_ID.sharePointOnline;
export const AZURE_SERVICE_MANAGEMENT_APP_ID = RESOURCE_APP_ID.azureServiceManagement;
export const AZURE_KEY_VAULT_APP_ID = RESOURCE_APP_ID.azureKeyVault;
/** The retired Azure AD Graph; old grants to it still exist. */
export const AZURE_AD_GRAPH_APP_ID = RESOURCE_APP_ID.azureAdGraph;

export type DelegatedScopeRiskLevel = "tier0" | "high";

export interface DelegatedScopeRisk {
  readonly scope: string;
  /** Resource appIds that define this scope with this meaning. */
  readonly resourceAppIds: readonly string[];
  readonly risk: DelegatedScopeRiskLevel;
  /** One line, our own words. */
  readonly reason: string;
}

/** Scope names that many APIs define (e.g. `user_impersonation`): matched only when the resource is known. */
export const GENERIC_SCOPE_NAMES: ReadonlySet<string> = Object.freeze(new Set(["user_impersonation"]));

const G = [MICROSOFT_GRAPH_APP_ID];

export const DELEGATED_SCOPE_RISKS: readonly DelegatedScopeRisk[] = Object.freeze(
  (
    [
      // --- tier 0 ---
      {
        scope: "Directory.AccessAsUser.All",
        resourceAppIds: [MICROSOFT_GRAPH_APP_ID, AZURE_AD_GRAPH_APP_ID],
        risk: "tier0",
        reason:
          "Acts with every directory right of the signed-in user: each administrator who uses the app lends it their role.",
      },
      {
        scope: "RoleManagement.ReadWrite.Directory",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Assigns directory roles as the signed-in user: one privileged administrator's use lets the app create Global Administrators.",
      },
      {
        scope: "RoleAssignmentSchedule.ReadWrite.Directory",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Creates PIM role assignments as the signed-in user, Global Administrator included when an administrator uses the app.",
      },
      {
        scope: "RoleEligibilitySchedule.ReadWrite.Directory",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Creates PIM role eligibilities as the signed-in user, Global Administrator included when an administrator uses the app.",
      },
      {
        scope: "PrivilegedAccess.ReadWrite.AzureADGroup",
        resourceAppIds: G,
        risk: "tier0",
        reason: "Changes PIM group memberships as the signed-in user, including groups that hold Global Administrator.",
      },
      {
        scope: "Directory.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason: "Writes users, groups and apps directory-wide as the signed-in user.",
      },
      {
        scope: "Application.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Adds credentials to apps as the signed-in user: an application administrator's use hands over every privileged app.",
      },
      {
        scope: "AppRoleAssignment.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Grants application permissions as the signed-in user, including Graph permissions to an app the attacker controls.",
      },
      {
        scope: "DelegatedPermissionGrant.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason: "Grants delegated permissions to any app on behalf of users, widening its own consent.",
      },
      {
        scope: "Policy.ReadWrite.PermissionGrant",
        resourceAppIds: G,
        risk: "tier0",
        reason: "Changes which permissions need admin consent, so further dangerous grants need nobody's approval.",
      },
      {
        scope: "Policy.ReadWrite.ConditionalAccess",
        resourceAppIds: G,
        risk: "tier0",
        reason: "Rewrites Conditional Access as the signed-in user: removes the controls guarding administrators.",
      },
      {
        scope: "UserAuthenticationMethod.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Registers sign-in methods on other users as the signed-in user: account takeover when an administrator uses the app.",
      },
      {
        scope: "Domain.ReadWrite.All",
        resourceAppIds: G,
        risk: "tier0",
        reason:
          "Adds and federates domains as the signed-in user, letting an outside identity provider sign in as tenant users.",
      },
      // --- high ---
      {
        scope: "User.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Changes any user the signed-in user may manage, including attributes that drive dynamic groups.",
      },
      {
        scope: "Group.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Changes groups and memberships as the signed-in user; groups often hold Azure or app access.",
      },
      {
        scope: "GroupMember.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Changes group memberships as the signed-in user; groups often hold Azure or app access.",
      },
      {
        scope: "Mail.ReadWrite",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads, changes and deletes the mail of every user who signs in.",
      },
      { scope: "Mail.Read", resourceAppIds: G, risk: "high", reason: "Reads the mail of every user who signs in." },
      {
        scope: "Mail.Send",
        resourceAppIds: G,
        risk: "high",
        reason: "Sends mail as every user who signs in, for convincing internal phishing.",
      },
      {
        scope: "Mail.Read.Shared",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads the mail of every mailbox shared with or delegated to each user who signs in.",
      },
      {
        scope: "Mail.ReadWrite.Shared",
        resourceAppIds: G,
        risk: "high",
        reason:
          "Reads, changes and deletes the mail of every mailbox shared with or delegated to each user who signs in.",
      },
      {
        scope: "Mail.Send.Shared",
        resourceAppIds: G,
        risk: "high",
        reason: "Sends mail as every mailbox each user who signs in may send as or on behalf of.",
      },
      {
        scope: "Calendars.ReadWrite.Shared",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes every calendar shared with or delegated to each user who signs in.",
      },
      {
        scope: "Contacts.ReadWrite.Shared",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes every contact folder shared with each user who signs in.",
      },
      {
        scope: "MailboxSettings.ReadWrite",
        resourceAppIds: G,
        risk: "high",
        reason: "Sets forwarding and other mailbox rules for every user who signs in.",
      },
      {
        scope: "EWS.AccessAsUser.All",
        resourceAppIds: [MICROSOFT_GRAPH_APP_ID, EXCHANGE_ONLINE_APP_ID],
        risk: "high",
        reason: "Full Exchange Web Services access to the mailboxes of every user who signs in.",
      },
      {
        scope: "full_access_as_user",
        resourceAppIds: [EXCHANGE_ONLINE_APP_ID],
        risk: "high",
        reason: "Full access to the mailboxes of every user who signs in, through Exchange Web Services.",
      },
      {
        scope: "IMAP.AccessAsUser.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads every signed-in user's mailbox over IMAP.",
      },
      {
        scope: "POP.AccessAsUser.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads every signed-in user's mailbox over POP.",
      },
      {
        scope: "SMTP.Send",
        resourceAppIds: G,
        risk: "high",
        reason: "Sends mail over SMTP as every user who signs in.",
      },
      {
        scope: "EAS.AccessAsUser.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Full Exchange ActiveSync access to the mailboxes of every user who signs in.",
      },
      {
        scope: "Calendars.ReadWrite",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes the calendars of every user who signs in.",
      },
      {
        scope: "Contacts.ReadWrite",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes the contacts of every user who signs in.",
      },
      {
        scope: "Files.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads, changes and deletes every file the signed-in user can reach in OneDrive and SharePoint.",
      },
      {
        scope: "Files.Read.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads every file the signed-in user can reach in OneDrive and SharePoint.",
      },
      {
        scope: "Sites.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "Sites.FullControl.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Full control, permissions included, of every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "Sites.Manage.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Creates and deletes lists and content in every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "Sites.Read.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "AllSites.Read",
        resourceAppIds: [SHAREPOINT_ONLINE_APP_ID],
        risk: "high",
        reason: "Reads every SharePoint site the signed-in user can reach, through the SharePoint API.",
      },
      {
        scope: "AllSites.FullControl",
        resourceAppIds: [SHAREPOINT_ONLINE_APP_ID],
        risk: "high",
        reason: "Full control of every SharePoint site the signed-in user can reach, through the SharePoint API.",
      },
      {
        scope: "AllSites.Manage",
        resourceAppIds: [SHAREPOINT_ONLINE_APP_ID],
        risk: "high",
        reason: "Manages lists and content of every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "AllSites.Write",
        resourceAppIds: [SHAREPOINT_ONLINE_APP_ID],
        risk: "high",
        reason: "Changes content of every SharePoint site the signed-in user can reach.",
      },
      {
        scope: "Notes.ReadWrite.All",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and changes every OneNote notebook the signed-in user can reach.",
      },
      {
        scope: "Chat.ReadWrite",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads and sends Teams chat messages as every user who signs in.",
      },
      {
        scope: "Chat.Read",
        resourceAppIds: G,
        risk: "high",
        reason: "Reads the Teams chats of every user who signs in.",
      },
      {
        scope: "user_impersonation",
        resourceAppIds: [AZURE_SERVICE_MANAGEMENT_APP_ID],
        risk: "high",
        reason:
          "Calls Azure Resource Manager as the signed-in user: every Azure Owner who uses the app lends it their access.",
      },
      {
        scope: "user_impersonation",
        resourceAppIds: [AZURE_KEY_VAULT_APP_ID],
        risk: "high",
        reason: "Reads and uses Key Vault secrets, keys and certificates as the signed-in user.",
      },
    ] satisfies DelegatedScopeRisk[]
  ).map((e) => Object.freeze({ ...e, resourceAppIds: Object.freeze([...e.resourceAppIds]) })),
);
