// A fake `az` for running scripts/az-export.sh in a test: a table from each command line the
// script may run to what the real command prints, built from an export folder the test-side
// exporter wrote. Every call is logged; a command not in the table fails as az does (exit 1),
// so a script that runs anything unexpected — or anything that writes — is caught.
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FILES, PER, pageFile } from "../../src/sources/az-export/layout.ts";
import { workloadQuery } from "../../src/collectors/arm/workloads.ts";
import { RESOURCE_APP_ID } from "../../src/refdata/well-known.ts";

type Obj = Record<string, unknown>;
const GRAPH = "https://graph.microsoft.com/v1.0/";
const MG = "/providers/Microsoft.Management/managementGroups/";

export interface FakeAz {
  /** folder to put first on PATH */
  bin: string;
  /** environment the fake needs */
  env: Record<string, string>;
  /** every command line it was called with */
  calls(): string[];
}

/** `fail`: command lines (without `--output json`) that answer like a denied request. */
export function installFakeAz(work: string, source: string, opts: { fail?: string[] } = {}): FakeAz {
  const read = (rel: string) => readFileSync(join(source, rel), "utf8");
  const json = (rel: string) => JSON.parse(read(rel)) as unknown;
  const routes = new Map<string, { file?: string; text?: string }>();
  const file = (cmd: string, rel: string) => routes.set(`${cmd} --output json`, { file: join(source, rel) });
  const tsv = (cmd: string, lines: string[]) =>
    routes.set(`${cmd} --output tsv`, { text: lines.map((l) => `${l}\n`).join("") });

  const stamp = json("stamp.json") as {
    tenantId: string;
    user: { name: string; type: string; objectId?: string | null };
    cloudName: string;
    azVersion: string;
  };
  tsv("account show --query tenantId", [stamp.tenantId]);
  tsv("account show --query user.name", [stamp.user.name]);
  tsv("account show --query user.type", [stamp.user.type]);
  tsv("account show --query environmentName", [stamp.cloudName]);
  tsv('version --query "azure-cli"', [stamp.azVersion]);
  if (stamp.user.objectId && stamp.user.type === "user")
    tsv("ad signed-in-user show --query id", [stamp.user.objectId]);
  if (stamp.user.objectId && stamp.user.type === "servicePrincipal")
    tsv(`ad sp show --id ${stamp.user.name} --query id`, [stamp.user.objectId]);

  const accounts = json(FILES.accountList) as Obj[];
  const subs = accounts.filter((a) => a.tenantId === stamp.tenantId).map((a) => String(a.id));
  file("account list --all", FILES.accountList);
  tsv(`account list --all --query [?tenantId=='${stamp.tenantId}'].id`, subs);
  const mgs = (json(FILES.managementGroupList) as Obj[]).map((m) => String(m.name));
  file("account management-group list", FILES.managementGroupList);
  tsv("account management-group list --query [].name", mgs);
  for (const mg of mgs) {
    file(`account management-group show --name ${mg} --expand`, PER.managementGroupShow(mg));
    file(`role definition list --custom-role-only false --scope ${MG}${mg}`, PER.roleDefinitionsAtManagementGroup(mg));
    file(`role assignment list --scope ${MG}${mg} --include-inherited`, PER.roleAssignmentsAtManagementGroup(mg));
  }
  if (subs.length > 0)
    file(`security assessment-metadata list --subscription ${subs[0]}`, FILES.securityAssessmentMetadata);
  for (const sub of subs) {
    file(`tag list --resource-id /subscriptions/${sub}`, PER.subscriptionTags(sub));
    file(`group list --subscription ${sub}`, PER.resourceGroups(sub));
    file(
      `role definition list --custom-role-only false --scope /subscriptions/${sub}`,
      PER.roleDefinitionsAtSubscription(sub),
    );
    file(
      `role assignment list --all --include-inherited --subscription ${sub}`,
      PER.roleAssignmentsAtSubscription(sub),
    );
    file(`security pricing list --subscription ${sub}`, PER.securityPricings(sub));
    file(`security assessment list --subscription ${sub}`, PER.securityAssessments(sub));
    file(`security secure-scores list --subscription ${sub}`, PER.securitySecureScores(sub));
  }
  // az graph query pages: the first without a token, each next one with the previous page's
  let token: string | null = null;
  for (let n = 1; ; n++) {
    const rel = pageFile(FILES.graphQuery, n);
    if (!readdirSync(source).includes(rel)) break;
    file(`graph query -q ${workloadQuery()} --first 1000${token ? ` --skip-token ${token}` : ""}`, rel);
    token = (json(rel) as { skip_token?: string | null }).skip_token ?? null;
    if (!token) break;
  }
  // az rest: the first page's URL, then each page's @odata.nextLink
  const rest = (rel: string, uri: string) => {
    let url: string | undefined = `${GRAPH}${uri}`;
    for (let n = 1; url; n++) {
      file(`rest --method get --uri ${url}`, pageFile(rel, n));
      url = (json(pageFile(rel, n)) as Obj)["@odata.nextLink"] as string | undefined;
    }
  };
  rest(FILES.organization, "organization");
  rest(FILES.users, "users?$select=id,displayName,userPrincipalName,userType,accountEnabled&$top=999");
  rest(FILES.groups, "groups?$select=id,displayName&$top=999");
  const apps = (json(FILES.appList) as Obj[]).map((a) => String(a.id));
  file("ad app list --all", FILES.appList);
  tsv("ad app list --all --query [].id", apps);
  for (const app of apps) {
    file(`ad app federated-credential list --id ${app}`, PER.federatedCredentials(app));
    file(`ad app owner list --id ${app}`, PER.appOwners(app));
  }
  const sps = json(FILES.spList) as Obj[];
  file("ad sp list --all", FILES.spList);
  const graphSp = sps.find((sp) => sp.appId === RESOURCE_APP_ID.microsoftGraph);
  tsv(
    `ad sp list --filter appId eq '${RESOURCE_APP_ID.microsoftGraph}' --query [0].id`,
    graphSp ? [String(graphSp.id)] : [],
  );
  if (graphSp) rest(FILES.graphAppRoleAssignedTo, `servicePrincipals/${String(graphSp.id)}/appRoleAssignedTo?$top=999`);
  for (const api of ["00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000"]) {
    const apiSp = sps.find((sp) => sp.appId === api);
    tsv(`ad sp list --filter appId eq '${api}' --query [0].id`, apiSp ? [String(apiSp.id)] : []);
    if (apiSp) rest(PER.appRoleAssignedTo(api), `servicePrincipals/${String(apiSp.id)}/appRoleAssignedTo?$top=999`);
  }
  rest(FILES.oauth2PermissionGrants, "oauth2PermissionGrants?$top=999");
  rest(FILES.directoryRoleAssignments, "roleManagement/directory/roleAssignments");
  rest(FILES.directoryRoleDefinitions, "roleManagement/directory/roleDefinitions?$select=id,templateId,displayName");
  for (const f of opts.fail ?? []) routes.delete(`${f} --output json`);

  const bin = join(work, "bin");
  mkdirSync(bin, { recursive: true });
  const routesFile = join(work, "routes.json");
  const logFile = join(work, "calls.log");
  writeFileSync(routesFile, JSON.stringify(Object.fromEntries(routes)));
  writeFileSync(logFile, "");
  writeFileSync(
    join(bin, "az"),
    `#!${process.execPath}
const fs = require("node:fs");
const line = process.argv.slice(2).join(" ");
fs.appendFileSync(process.env.FAKE_AZ_LOG, JSON.stringify(line) + "\\n");
const route = JSON.parse(fs.readFileSync(process.env.FAKE_AZ_ROUTES, "utf8"))[line];
if (!route) { process.stderr.write("ERROR: (AuthorizationFailed) the fake az has no answer for: " + line + "\\n"); process.exit(1); }
process.stdout.write(route.file ? fs.readFileSync(route.file, "utf8") : route.text);
`,
  );
  chmodSync(join(bin, "az"), 0o755);
  return {
    bin,
    env: { FAKE_AZ_ROUTES: routesFile, FAKE_AZ_LOG: logFile },
    calls: () =>
      readFileSync(logFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string),
  };
}
