// The Exchange Online and SharePoint Online service principals of the demo tenant, with the app
// roles the demo grants, in the wire shape of a servicePrincipal's `appRoles` (Graph's
// servicePrincipal resource). Ids and values as Microsoft documents them (sources in
// src/classification/resource-api-permissions.ts); display names and descriptions in our words.
import { RESOURCE_APP_ID } from "../refdata/well-known.ts";
import type { GraphAppRole } from "./graph-app-roles.ts";

export const EXCHANGE_ONLINE_APP_ID = RESOURCE_APP_ID.exchangeOnline;
export const SHAREPOINT_ONLINE_APP_ID = RESOURCE_APP_ID.sharePointOnline;

const role = (id: string, value: string, displayName: string, description: string): GraphAppRole => ({
  allowedMemberTypes: ["Application"],
  description,
  displayName,
  id,
  isEnabled: true,
  origin: "Application",
  value,
});

export const EXCHANGE_APP_ROLES: readonly GraphAppRole[] = [
  role(
    "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
    "full_access_as_app",
    "Use Exchange Web Services with full access to all mailboxes",
    "Lets the app use Exchange Web Services with full access to every mailbox, without a signed-in user.",
  ),
  role(
    "dc50a0fb-09a3-484d-be87-e023b12c6440",
    "Exchange.ManageAsApp",
    "Manage Exchange As Application",
    "Lets the app manage the organisation's Exchange environment without a signed-in user, within the roles it holds.",
  ),
];

export const SHAREPOINT_APP_ROLES: readonly GraphAppRole[] = [
  role(
    "678536fe-1083-478a-9c59-b99265e6b0d3",
    "Sites.FullControl.All",
    "Have full control of all site collections",
    "Lets the app have full control of every site collection without a signed-in user.",
  ),
  role(
    "20d37865-089c-4dee-8c41-6967602d4ac8",
    "Sites.Selected",
    "Access selected site collections",
    "Lets the app reach only the site collections an administrator grants it, without a signed-in user.",
  ),
];
