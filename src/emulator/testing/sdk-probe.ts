// A client process for the emulator's process-level test: it gets nothing but the environment
// the emulator printed (NODE_EXTRA_CA_CERTS, IDENTITY_*, AZAUDIT_*), drives the real SDKs and
// prints one JSON summary on stdout. Nothing here trusts the CA by hand: that is the point.
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { SubscriptionClient } from "@azure/arm-resources-subscriptions";
import { DefaultAzureCredential } from "@azure/identity";
import { Client, type PageCollection } from "@microsoft/microsoft-graph-client";

function fromEmulator(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`sdk-probe: ${name} is not set (run with the environment the emulator printed)`);
  return value;
}

/** a field the emulator always serves; the SDK types every response field as optional */
function served<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`sdk-probe: the emulator served no ${what}`);
  return value;
}

const arm = fromEmulator("AZAUDIT_ARM_ENDPOINT");
const graphBase = fromEmulator("AZAUDIT_GRAPH_ENDPOINT");
const cred = new DefaultAzureCredential();
const armScope = "https://management.azure.com/.default";

const subClient = new SubscriptionClient(cred, { endpoint: arm, credentialScopes: [armScope] });
const subscriptions: string[] = [];
for await (const s of subClient.subscriptions.list()) subscriptions.push(served(s.subscriptionId, "subscriptionId"));

const authz = new AuthorizationManagementClient(cred, served(subscriptions[0], "subscription"), {
  endpoint: arm,
  credentialScopes: [armScope],
});
const assignmentIds: string[] = [];
for await (const a of authz.roleAssignments.listForSubscription())
  assignmentIds.push(served(a.id, "role assignment id"));

const graph = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => (await cred.getToken("https://graph.microsoft.com/.default")).token },
  baseUrl: graphBase,
  customHosts: new Set([new URL(graphBase).hostname]),
});
const appNames: string[] = [];
let pages = 0;
let page = (await graph.api("/applications").select("id,appId,displayName").top(2).get()) as PageCollection;
for (;;) {
  pages++;
  for (const app of page.value as Array<{ displayName: string }>) appNames.push(app.displayName);
  if (!page["@odata.nextLink"]) break;
  page = (await graph.api(page["@odata.nextLink"]).get()) as PageCollection;
}
const org = (await graph.api("/organization").get()) as PageCollection;

process.stdout.write(
  JSON.stringify({ subscriptions, assignmentIds, appNames, pages, tenantId: (org.value[0] as { id: string }).id }) +
    "\n",
);
