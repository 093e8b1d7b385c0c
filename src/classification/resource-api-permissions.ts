// Application permissions (app roles) of resource APIs other than Microsoft Graph that reach
// tenant-wide data: Exchange Online and SharePoint Online. Their app roles live on the resource's
// own service principal (not Graph's), so a grant is matched by (resource appId, app role id).
//
// Tiers mean what they mean for Graph (graph-permission-tiers.ts). None of these reaches Global
// Administrator by itself, so none is Tier 0: they are "high", tenant-wide data access. Each entry
// names the Microsoft page that documents the permission, our source for its id and meaning.
//
// `dataArea` marks what the tenant-wide-data-app-permission rule reports: permissions that read or
// change every mailbox, every file or every site. Graph's own mail, files and sites permissions
// are listed in GRAPH_DATA_AREAS below, by app role id, beside their Graph tiers.

import { EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID, SHAREPOINT_ONLINE_APP_ID } from "./delegated-scope-risk.ts";
import type { GraphPermissionTier } from "./graph-permission-tiers.ts";

export type DataArea = "mail" | "files" | "sites";

export interface ResourceApiPermissionClass {
  /** The resource API's appId (lower case). */
  readonly resourceAppId: string;
  /** The resource API's name, for messages. */
  readonly resourceName: string;
  /** App role id on the resource's service principal (lower case). */
  readonly id: string;
  readonly value: string;
  readonly tier: GraphPermissionTier;
  readonly dataArea: DataArea | null;
  /** One line, our own words. */
  readonly reason: string;
  /** The Microsoft page documenting the permission. */
  readonly source: string;
}

/** The resource APIs whose application permissions azaudit collects and judges. */
export const JUDGED_RESOURCE_APIS: readonly { readonly appId: string; readonly name: string }[] = Object.freeze([
  { appId: MICROSOFT_GRAPH_APP_ID, name: "Microsoft Graph" },
  { appId: EXCHANGE_ONLINE_APP_ID, name: "Office 365 Exchange Online" },
  { appId: SHAREPOINT_ONLINE_APP_ID, name: "Office 365 SharePoint Online" },
]);

const EXO = { resourceAppId: EXCHANGE_ONLINE_APP_ID, resourceName: "Office 365 Exchange Online" } as const;
const SPO = { resourceAppId: SHAREPOINT_ONLINE_APP_ID, resourceName: "Office 365 SharePoint Online" } as const;
const SPO_APP_ONLY = "https://learn.microsoft.com/en-us/sharepoint/dev/solution-guidance/security-apponly-azuread";

export const RESOURCE_API_PERMISSION_CLASSES: readonly ResourceApiPermissionClass[] = Object.freeze(
  (
    [
      {
        ...EXO,
        id: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
        value: "full_access_as_app",
        tier: "high",
        dataArea: "mail",
        reason:
          "Full access to every mailbox through Exchange Web Services, without a signed-in user: reads, sends and deletes anyone's mail unless an RBAC for Applications scope limits it.",
        source:
          "https://learn.microsoft.com/en-us/exchange/client-developer/exchange-web-services/how-to-authenticate-an-ews-application-by-using-oauth",
      },
      {
        ...EXO,
        id: "dc50a0fb-09a3-484d-be87-e023b12c6440",
        value: "Exchange.ManageAsApp",
        tier: "high",
        dataArea: "mail",
        reason:
          "Runs Exchange Online PowerShell as the app; with the Exchange Administrator role it holds it can grant itself full access to any mailbox.",
        source: "https://learn.microsoft.com/en-us/powershell/exchange/app-only-auth-powershell-v2",
      },
      {
        ...SPO,
        id: "678536fe-1083-478a-9c59-b99265e6b0d3",
        value: "Sites.FullControl.All",
        tier: "high",
        dataArea: "sites",
        reason: "Full control of every SharePoint site and OneDrive, permissions included, without a signed-in user.",
        source: SPO_APP_ONLY,
      },
      {
        ...SPO,
        id: "9bff6588-13f2-4c48-bbf2-ddab62256b36",
        value: "Sites.Manage.All",
        tier: "high",
        dataArea: "sites",
        reason: "Creates and deletes lists and items in every SharePoint site without a signed-in user.",
        source: SPO_APP_ONLY,
      },
      {
        ...SPO,
        id: "fbcd29d2-fcca-4405-aded-518d457caae4",
        value: "Sites.ReadWrite.All",
        tier: "high",
        dataArea: "sites",
        reason: "Reads and changes the documents and list items of every SharePoint site without a signed-in user.",
        source: SPO_APP_ONLY,
      },
      {
        ...SPO,
        id: "d13f72ca-a275-4b96-b789-48ebcc4da984",
        value: "Sites.Read.All",
        tier: "high",
        dataArea: "sites",
        reason: "Reads the documents and list items of every SharePoint site without a signed-in user.",
        source: SPO_APP_ONLY,
      },
    ] satisfies ResourceApiPermissionClass[]
  ).map((e) => Object.freeze(e)),
);

/**
 * Microsoft Graph application permissions over every mailbox, file or site, by app role id (their
 * tiers are in graph-permission-tiers.ts). `Sites.Selected` and `Files.SelectedOperations.Selected`
 * are left out: they reach only what an administrator granted one by one.
 */
export const GRAPH_DATA_AREAS: ReadonlyMap<string, DataArea> = Object.freeze(
  new Map<string, DataArea>([
    ["810c84a8-4a9e-49e6-bf7d-12d183f40d01", "mail"], // Mail.Read
    ["e2a3a72e-5f79-4c64-b1b1-878b674786c9", "mail"], // Mail.ReadWrite
    ["b633e1c5-b582-4048-a93e-9f11b44c7e96", "mail"], // Mail.Send
    ["6931bccd-447a-43d1-b442-00a195474933", "mail"], // MailboxSettings.ReadWrite
    ["1583d471-fede-4e7c-b062-57e9d60cfb49", "mail"], // MailboxItem.ReadWrite.All
    ["937550e9-33a3-494b-88ae-d9cd394b1fbb", "mail"], // MailboxItem.Export.All
    ["76577085-e73d-4f1d-b26a-85fb33892327", "mail"], // MailboxItem.ImportExport.All
    ["e118f1da-5c1c-46cf-bff6-8858d786f46f", "mail"], // Mail-Advanced.ReadWrite.All
    ["01d4889c-1287-42c6-ac1f-5d1e02578ef6", "files"], // Files.Read.All
    ["75359482-378d-4052-8f01-80520e7db3cd", "files"], // Files.ReadWrite.All
    ["a82116e5-55eb-4c41-a434-62fe8a61c773", "sites"], // Sites.FullControl.All
    ["9492366f-7969-46a4-8d15-ed1a20078fff", "sites"], // Sites.ReadWrite.All
    ["0c0bf378-bf22-4481-8f81-9e89a9b4960a", "sites"], // Sites.Manage.All
    ["332a536c-c7ef-4017-ab91-336970924f0d", "sites"], // Sites.Read.All
  ]),
);
