// A test-side stand-in for a client running scripts/az-export.sh: it asks the emulator the very
// requests each `az` command sends, and writes each answer reshaped exactly as that command
// prints it, under the file names src/sources/az-export/layout.ts gives. What it mirrors, per
// command (azure-cli sources, Azure/azure-cli on GitHub):
//
// - az account list --all: src/azure-cli-core/azure/cli/core/_profile.py, Profile._normalize_properties
//   (id = the bare subscription GUID, name = displayName, state, tenantId, homeTenantId,
//   isDefault, managedByTenants, cloudName, user {name, type}; no tags).
// - az tag list --resource-id /subscriptions/ID: command_modules/resource/custom.py get_tag_at_scope
//   → TagsResource {id: …/providers/Microsoft.Resources/tags/default, name: "default", properties: {tags}, type}.
//   The emulator has no Tags API: the tags are the subscription's own, as ARM keeps them.
// - az account management-group list / show --expand: command_modules/resource (managementgroups)
//   → the Python SDK's ManagementGroupInfo / ManagementGroup with `properties` flattened.
// - az role definition list --scope S: command_modules/role/custom.py list_role_definitions →
//   definitions_client.list(scope) (no filter), SDK RoleDefinition flattened (roleType = properties.type).
// - az role assignment list --all / --scope S --include-inherited: role/custom.py
//   list_role_assignments + _search_role_assignments: `list()` for the subscription, or
//   list_for_scope(scope, 'atScope()') kept where re.match(a.scope, scope) or a.scope == scope;
//   then roleDefinitionName (the role's *name*) and principalName from directoryObjects/getByIds.
// - az ad app list --all, az ad sp list --all, az ad app federated-credential list, az ad app
//   owner list: role/_msgrpah/_graph_client.py GraphClient._send — Graph's objects as returned,
//   every nextLink followed, the `value` arrays concatenated into one bare array.
// - az rest: the one answer as Graph sends it (one page; the export script follows nextLink).
// - az graph query --first 1000: the resource-graph extension's `{count, data, skip_token, total_records}`.
// - az group list --subscription ID: command_modules/resource/custom.py list_resource_groups →
//   resource_groups.list(), the SDK's ResourceGroup (id, location, managedBy, name,
//   properties.provisioningState, tags, type: `properties` stays nested), None printed as null.
// - az security pricing list (PricingList: {value}), assessment list, secure-scores list:
//   command_modules/security/custom.py → the Python SDK's models, `properties` flattened
//   (SecureScoreItem also lifts properties.score.{max,current,percentage}).
import { request } from "node:https";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { workloadQuery } from "../../src/collectors/arm/workloads.ts";
import type { RunningEmulator } from "../../src/emulator/index.ts";
import { FILES, PER, STAMP, pageFile } from "../../src/sources/az-export/layout.ts";
import { GROUPS_URI, ORGANIZATION_URI, USERS_URI } from "../../src/sources/az-export/directory.ts";
import {
  DIRECTORY_ROLE_ASSIGNMENTS_URI,
  DIRECTORY_ROLE_DEFINITIONS_URI,
} from "../../src/sources/az-export/directory-roles.ts";
import {
  APP_ROLE_ASSIGNED_TO_URI,
  GRAPH_APP_ROLE_ASSIGNED_TO_URI,
  OAUTH2_GRANTS_URI,
} from "../../src/sources/az-export/grants.ts";
import { RESOURCE_APP_ID } from "../../src/refdata/well-known.ts";

type Obj = Record<string, unknown>;
const MG = "/providers/Microsoft.Management/managementGroups/";
const GRAPH_APP_ID = RESOURCE_APP_ID.microsoftGraph;

export interface ExportOptions {
  /** the stamp's time */
  now: Date;
  /** leave these files out (paths relative to the folder), as if their command failed */
  skip?: string[];
}

class Wire {
  private tokens = new Map<string, string>();
  constructor(private readonly emu: RunningEmulator) {}

  private async token(resource: string): Promise<string> {
    const cached = this.tokens.get(resource);
    if (cached) return cached;
    const url = `${this.emu.env.IDENTITY_ENDPOINT}?resource=${encodeURIComponent(resource)}&api-version=2019-08-01`;
    const r = await fetch(url, { headers: { "X-IDENTITY-HEADER": this.emu.env.IDENTITY_HEADER } });
    const body = (await r.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token for ${resource}: ${JSON.stringify(body)}`);
    this.tokens.set(resource, body.access_token);
    return body.access_token;
  }

  /** the `oid` claim of the Graph token: the identity az is signed in as */
  async signedInObjectId(): Promise<string> {
    const token = await this.token("https://graph.microsoft.com");
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { oid?: string };
    if (!claims.oid) throw new Error("the emulator's token names no oid");
    return claims.oid.toLowerCase();
  }

  async call(method: "GET" | "POST", url: string, body?: unknown): Promise<Obj> {
    const resource = new URL(url).pathname.startsWith("/v1.0/")
      ? "https://graph.microsoft.com"
      : "https://management.azure.com";
    const token = await this.token(resource);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.emu.caPem,
          headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json" } : {}) },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            if ((res.statusCode ?? 0) >= 400) {
              reject(new Error(`${method} ${url} -> ${res.statusCode}: ${text}`));
              return;
            }
            resolve(JSON.parse(text) as Obj);
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  arm(path: string, apiVersion: string, query = ""): string {
    return `${this.emu.url}${path}?api-version=${apiVersion}${query}`;
  }

  graph(uri: string): string {
    return `${this.emu.url}/v1.0/${uri}`;
  }

  /** every page of an ARM or Graph list, concatenated (what the SDKs' pagers and GraphClient._send do) */
  async all(url: string): Promise<Obj[]> {
    const out: Obj[] = [];
    for (let next: string | undefined = url; next;) {
      const page: Obj = await this.call("GET", next);
      out.push(...((page.value as Obj[] | undefined) ?? []));
      next = (page.nextLink ?? page["@odata.nextLink"]) as string | undefined;
    }
    return out;
  }
}

/** The Python SDK's msrest flattening of an ARM resource: `properties` lifted to the top level. */
function flatten(resource: Obj): Obj {
  const { properties, ...rest } = resource;
  return { ...rest, ...((properties as Obj | undefined) ?? {}) };
}

export async function exportTenant(emu: RunningEmulator, folder: string, opts: ExportOptions): Promise<void> {
  const w = new Wire(emu);
  const skip = new Set(opts.skip ?? []);
  const write = (rel: string, data: unknown) => {
    if (skip.has(rel)) return;
    const file = join(folder, rel);
    mkdirSync(dirname(file), { recursive: true });
    // az prints JSON indented by two spaces
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  };
  /** `az rest` pages, saved one by one as the export script saves them */
  const restPages = async (rel: string, uri: string) => {
    let n = 1;
    for (let next: string | undefined = w.graph(uri); next; n++) {
      const page: Obj = await w.call("GET", next);
      write(pageFile(rel, n), page);
      next = page["@odata.nextLink"] as string | undefined;
    }
  };

  // az signed in as the scanner's service principal (`az login --service-principal` or a federated
  // login): `az account show` names its appId, and the script resolves its object id with
  // `az ad sp show --id APP_ID --query id`
  // `az ad sp show --id APP_ID --query id`. When the tenant holds no service principal for the
  // token's oid, az is taken as signed in with a managed identity: `az account show` then names
  // "systemAssignedIdentity", and the script cannot resolve an object id.
  const objectId = await w.signedInObjectId();
  const self = await w.call("GET", w.graph(`servicePrincipals/${objectId}?$select=id,appId`)).catch(() => undefined);
  const SIGNED_IN = self
    ? { name: String(self.appId), type: "servicePrincipal", objectId }
    : { name: "systemAssignedIdentity", type: "servicePrincipal", objectId: null };
  const org = await w.call("GET", w.graph(ORGANIZATION_URI));
  const tenantId = ((org.value as Obj[])[0]!.id as string).toLowerCase();
  write(STAMP, {
    format: "azaudit-az-export/v1",
    createdAt: opts.now.toISOString(),
    tenantId,
    cloudName: "AzureCloud",
    user: { name: SIGNED_IN.name, type: SIGNED_IN.type, objectId: SIGNED_IN.objectId },
    azVersion: "2.67.0",
  });
  write(FILES.organization, org);

  // ── ARM ──
  const subs = await w.all(w.arm("/subscriptions", "2022-12-01"));
  write(
    FILES.accountList,
    subs.map((s, i) => ({
      cloudName: "AzureCloud",
      homeTenantId: (s.tenantId as string | undefined) ?? tenantId,
      id: s.subscriptionId,
      isDefault: i === 0,
      managedByTenants: [],
      name: s.displayName,
      state: s.state,
      tenantId: (s.tenantId as string | undefined) ?? tenantId,
      user: { name: SIGNED_IN.name, type: SIGNED_IN.type },
    })),
  );
  const subIds = subs.map((s) => String(s.subscriptionId).toLowerCase());
  for (const s of subs) {
    const id = String(s.subscriptionId).toLowerCase();
    write(PER.subscriptionTags(id), {
      id: `/subscriptions/${id}/providers/Microsoft.Resources/tags/default`,
      name: "default",
      properties: { tags: s.tags ?? {} },
      type: "Microsoft.Resources/tags",
    });
  }

  const mgs = await w.all(w.arm(MG.slice(0, -1), "2021-04-01"));
  write(FILES.managementGroupList, mgs.map(flatten));
  for (const mg of mgs) {
    const name = String(mg.name);
    write(
      PER.managementGroupShow(name),
      flatten(await w.call("GET", w.arm(`${MG}${name}`, "2021-04-01", "&$expand=children"))),
    );
  }

  const scopes = [
    ...mgs.map((m) => ({ scope: `${MG}${String(m.name)}`, mg: String(m.name) })),
    ...subIds.map((id) => ({ scope: `/subscriptions/${id}`, sub: id })),
  ];
  for (const s of scopes) {
    const defs = (await w.all(w.arm(`${s.scope}/providers/Microsoft.Authorization/roleDefinitions`, "2022-04-01"))).map(
      (d): Obj => {
        const f = flatten(d);
        // the SDK names properties.type role_type; `type` stays the resource type
        return { ...f, roleType: (d.properties as Obj).type, type: d.type };
      },
    );
    write("sub" in s ? PER.roleDefinitionsAtSubscription(s.sub) : PER.roleDefinitionsAtManagementGroup(s.mg), defs);

    const listed =
      "sub" in s
        ? await w.all(w.arm(`/subscriptions/${s.sub}/providers/Microsoft.Authorization/roleAssignments`, "2022-04-01"))
        : (
            await w.all(
              w.arm(`${s.scope}/providers/Microsoft.Authorization/roleAssignments`, "2022-04-01", "&$filter=atScope()"),
            )
          ).filter((a) => {
            const scope = String((a.properties as Obj).scope);
            return new RegExp(`^(?:${scope})`, "i").test(s.scope) || scope.toLowerCase() === s.scope.toLowerCase();
          });
    const names = new Map(defs.map((d) => [String(d.id).toLowerCase(), d.roleName]));
    const principalIds = [...new Set(listed.map((a) => String((a.properties as Obj).principalId)))];
    const stubs = principalIds.length
      ? ((await w.call("POST", w.graph("directoryObjects/getByIds"), { ids: principalIds })).value as Obj[])
      : [];
    const display = new Map(
      stubs.map((o) => [
        String(o.id),
        (o.userPrincipalName ??
          (o.servicePrincipalNames as string[] | undefined)?.[0] ??
          o.displayName ??
          "") as string,
      ]),
    );
    const assignments = listed.map((a) => {
      const f = flatten(a);
      return {
        ...f,
        principalName: display.get(String(f.principalId)) ?? "",
        roleDefinitionName: names.get(String(f.roleDefinitionId).toLowerCase()) ?? null,
      };
    });
    write(
      "sub" in s ? PER.roleAssignmentsAtSubscription(s.sub) : PER.roleAssignmentsAtManagementGroup(s.mg),
      assignments,
    );
  }

  // az graph query: pages of 1000 with skip_token
  const query = workloadQuery();
  let skipToken: string | undefined;
  let page = 1;
  do {
    const options: Obj = { $top: 1000, resultFormat: "objectArray", ...(skipToken ? { $skipToken: skipToken } : {}) };
    const r = await w.call("POST", w.arm("/providers/Microsoft.ResourceGraph/resources", "2021-03-01"), {
      subscriptions: subIds,
      query,
      options,
    });
    skipToken = (r.$skipToken as string | undefined) ?? undefined;
    write(pageFile(FILES.graphQuery, page++), {
      count: r.count,
      data: r.data,
      skip_token: skipToken ?? null,
      total_records: r.totalRecords,
    });
  } while (skipToken);

  // az group list: the SDK's ResourceGroup as is (properties nested, not flattened), every
  // attribute printed, null when ARM left it out, keys sorted as az prints them
  for (const id of subIds) {
    write(
      PER.resourceGroups(id),
      (await w.all(w.arm(`/subscriptions/${id}/resourcegroups`, "2022-09-01"))).map((rg) => ({
        id: rg.id,
        location: rg.location,
        managedBy: rg.managedBy ?? null,
        name: rg.name,
        properties: rg.properties ?? null,
        tags: rg.tags ?? null,
        type: rg.type,
      })),
    );
  }

  if (subIds.length > 0)
    write(
      FILES.securityAssessmentMetadata,
      (await w.all(w.arm("/providers/Microsoft.Security/assessmentMetadata", "2021-06-01"))).map(flatten),
    );
  for (const id of subIds) {
    const pricings = await w.all(w.arm(`/subscriptions/${id}/providers/Microsoft.Security/pricings`, "2022-03-01"));
    write(PER.securityPricings(id), { value: pricings.map(flatten) });
    write(
      PER.securityAssessments(id),
      (await w.all(w.arm(`/subscriptions/${id}/providers/Microsoft.Security/assessments`, "2020-01-01"))).map(flatten),
    );
    write(
      PER.securitySecureScores(id),
      (await w.all(w.arm(`/subscriptions/${id}/providers/Microsoft.Security/secureScores`, "2020-01-01"))).map((s) => {
        const { score, ...f } = flatten(s) as Obj & { score?: Obj };
        return { ...f, ...(score ?? {}) };
      }),
    );
  }

  // ── Graph ──
  const apps = await w.all(w.graph("applications"));
  write(FILES.appList, apps);
  for (const app of apps) {
    const id = String(app.id);
    write(PER.federatedCredentials(id), await w.all(w.graph(`applications/${id}/federatedIdentityCredentials`)));
    write(PER.appOwners(id), await w.all(w.graph(`applications/${id}/owners`)));
  }
  const sps = await w.all(w.graph("servicePrincipals"));
  write(FILES.spList, sps);
  const graphSp = sps.find((sp) => sp.appId === GRAPH_APP_ID);
  await restPages(FILES.users, USERS_URI);
  await restPages(FILES.groups, GROUPS_URI);
  if (graphSp)
    await restPages(
      FILES.graphAppRoleAssignedTo,
      GRAPH_APP_ROLE_ASSIGNED_TO_URI.replace("GRAPH_SP_ID", String(graphSp.id)),
    );
  for (const api of ["00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000"]) {
    const apiSp = sps.find((sp) => sp.appId === api);
    if (apiSp)
      await restPages(PER.appRoleAssignedTo(api), APP_ROLE_ASSIGNED_TO_URI.replace("RESOURCE_SP_ID", String(apiSp.id)));
  }
  await restPages(FILES.oauth2PermissionGrants, OAUTH2_GRANTS_URI);
  await restPages(FILES.directoryRoleAssignments, DIRECTORY_ROLE_ASSIGNMENTS_URI);
  await restPages(FILES.directoryRoleDefinitions, DIRECTORY_ROLE_DEFINITIONS_URI);
}
