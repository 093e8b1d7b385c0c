import { beforeAll, describe, expect, it } from "vitest";
import { builtInDefaults } from "../src/config/defaults.ts";
import { DEMO_NOW } from "../src/demo/tenant.ts";
import type { ScanResult } from "../src/engine/result.ts";
import { scan } from "../src/engine/scan.ts";
import { defaultSettings } from "../src/engine/settings.ts";
import type { IdentityEntry } from "../src/identities/types.ts";
import type { Inventory } from "../src/inventory/types.ts";
import { RULES } from "../src/rules/index.ts";
import { collectDemoInventory } from "./support/demo-inventory.ts";

const NOW = new Date(DEMO_NOW);
let inventory: Inventory;
let result: ScanResult;

function judge(inv: Inventory): ScanResult {
  return scan({
    inventory: inv,
    rules: RULES,
    settings: defaultSettings(RULES),
    config: builtInDefaults(),
    failOn: "high",
    baseline: null,
    startedAt: NOW,
    toolVersion: "0.0.0-test",
  });
}

function byName(name: string): IdentityEntry {
  const e = result.identities.find((i) => i.displayName === name);
  if (!e) throw new Error(`no identity ${name}`);
  return e;
}

beforeAll(async () => {
  inventory = await collectDemoInventory(NOW);
  result = judge(inventory);
}, 120_000);

describe("identities of the demo tenant", () => {
  it("lists every holder once, ranked 1..n by score, with stable keys", () => {
    const ids = result.identities;
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.map((i) => i.rank)).toEqual(ids.map((_, n) => n + 1));
    expect(new Set(ids.map((i) => i.key)).size).toBe(ids.length);
    for (const [a, b] of ids.slice(1).map((b, n) => [ids[n]!, b] as const))
      expect(a.risk.score).toBeGreaterThanOrEqual(b.risk.score);
    for (const i of ids) {
      expect(i.key).toBe(`${i.kind}:${i.objectId}`);
      expect(i.credentials.length + i.privileges.length).toBeGreaterThan(0);
      expect(i.findings).toEqual([...i.findings].sort());
    }
    expect(new Set(ids.map((i) => i.kind))).toEqual(
      new Set(["application", "servicePrincipal", "managedIdentity", "user", "group"]),
    );
  });

  it("is deterministic: the same inventory gives byte-identical identities", () => {
    expect(JSON.stringify(judge(inventory).identities)).toBe(JSON.stringify(result.identities));
  });

  it("folds an app registration and its service principal into one identity with both's findings", () => {
    const tf = byName("terraform-sandbox");
    expect(tf.kind).toBe("application");
    expect(tf.credentials.map((c) => [c.type, c.on])).toEqual([["password", "application"]]);
    expect(tf.credentials[0]!.ageDays).toBe(5);
    // the demo tenant has the credential activity report: it signed in the day before the scan
    expect(tf.credentials[0]!.lastUseKnown).toBe(true);
    expect(tf.credentials[0]!.lastUsedOn).toBe("2026-10-31T00:00:00.000Z");
    expect(tf.privileges).toContainEqual(
      expect.objectContaining({ kind: "azureRole", name: "Owner", targetName: "Contoso Sandbox", tier: "owner" }),
    );
    const rules = result.findings.filter((f) => tf.findings.includes(f.fingerprint)).map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(["privileged-identity-with-secret", "secret-where-federation-fits"]));
    expect(tf.risk.level).toBe("critical");
  });

  it("gives an app owner the owned app's privileges, one escalation step away, with the edges' sources", () => {
    const ivan = result.identities.find(
      (i) => i.kind === "user" && i.privileges.some((p) => p.kind === "owner" && p.targetName === "terraform-sandbox"),
    )!;
    const path = ivan.blastRadius.find((p) => p.steps[0]?.to === "terraform-sandbox");
    expect(path?.steps.map((s) => s.edge)).toEqual([
      "owns the app registration, so can add a secret to",
      "holds Azure role",
    ]);
    expect(path?.reach).toMatch(/^Owner at Contoso Sandbox \(\/subscriptions\/[0-9a-f-]+\), as terraform-sandbox$/);
    for (const s of path!.steps) expect(s.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    // Ivan also holds Contributor over the sandbox management group through sg-sandbox-users, which
    // outweighs the escalation: the reason names the strongest reach and how it is held
    expect(ivan.risk.reason).toMatch(/^holds Contributor at Sandbox \(.*\) via group /);
  });

  it("gives a group its Owner role, and a Contributor over an Automation account its identity's roles", () => {
    const admins = result.identities.find((i) => i.kind === "group" && i.displayName === "sg-platform-admins");
    expect(admins?.privileges).toContainEqual(
      expect.objectContaining({ kind: "azureRole", name: "Owner", targetName: "Contoso Corp Production", via: [] }),
    );
    const runCode = admins?.blastRadius.find((p) => p.steps[1]?.edge === "can run code as the managed identity of");
    expect(runCode?.steps[1]?.to).toBe("aa-platform-runbooks");
    expect(runCode?.reach).toMatch(/^Contributor at Contoso Platform Management .*, as aa-platform-runbooks$/);
  });

  it("shows what User Access Administrator, Application.ReadWrite.All and AppRoleAssignment.ReadWrite.All lead to", () => {
    const edges = (e: IdentityEntry) => e.blastRadius.flatMap((p) => p.steps.map((s) => s.edge));
    expect(edges(byName("id-platform-deploy"))).toContain("can assign itself Owner at");
    const bot = byName("app-provisioning-bot");
    expect(
      bot.blastRadius.some((p) => p.steps[1]?.edge === "can add a secret to any app registration, including"),
    ).toBe(true);
    expect(bot.blastRadius.find((p) => p.steps[1]?.to === "terraform-sandbox")?.reach).toMatch(
      /^Owner at Contoso Sandbox/,
    );
    expect(edges(byName("identity-governance-sync"))).toContain(
      "can grant itself any application permission, including",
    );
  });

  it("ranks a Global Administrator app with a secret above a certificate-only Tier 0 app, and a reader low", () => {
    const glass = byName("Ops Break-Glass Automation");
    const igs = byName("identity-governance-sync");
    expect(glass.rank).toBeLessThan(igs.rank);
    expect(glass.risk.reason).toContain("a live client secret");
    const readers = result.identities.find((i) => i.displayName === "sg-security-readers");
    expect(readers?.risk.level).toBe("low");
  });
});

describe("commands ready to run on the demo tenant's findings", () => {
  // What azaudit cannot know: a person's choice (role, scope, owner, tag value) or a file they make.
  const UNKNOWABLE = new Set([
    "<new-certificate.pem>",
    "<narrower role>",
    "<narrower data role>",
    "<narrower scope id>",
    "<narrow role>",
    "<resource id>",
    "<resource group id>",
    "<owner object id>",
    "<value>",
    "<role the secret's app holds>",
    "<scope it holds it at>",
    "<name>",
    "<owner>",
    "<repository>",
    "<environment>",
  ]);

  it("fills every id it knows: no placeholder but those naming a person's choice", () => {
    const withFix = result.findings.filter((f) => f.fix);
    expect(result.findings.filter((f) => !f.fix).map((f) => `${f.ruleId} ${JSON.stringify(f.evidence)}`)).toEqual([]);
    expect(withFix.length).toBe(result.findings.length);
    for (const f of withFix) {
      expect(f.fix!.note).toBe("Review before running: azaudit never runs these commands.");
      for (const c of f.fix!.commands) {
        const left = c.command.match(/<[^<>]*>/g) ?? [];
        for (const p of left) expect(UNKNOWABLE, `${f.ruleId}: ${c.command}`).toContain(p);
        // a role held through a group is fixed in the group (member out), an eligible one by a PIM
        // removal request: neither names the assignment, both name the holder
        const groups = Array.isArray(f.evidence.viaGroupIds) ? f.evidence.viaGroupIds : [];
        const viaGroup = groups.length > 0;
        const held = viaGroup || f.evidence.eligible === true;
        if (held) expect(f.fix!.commands.map((x) => x.command).join(" ")).toContain(String(f.evidence.principalId));
        if (viaGroup) expect(f.fix!.commands.map((x) => x.command).join(" ")).toContain(groups[0]);
        for (const key of ["appId", "keyId", "assignmentId", "grantId"] as const) {
          if (held && key === "assignmentId") continue;
          const v = f.evidence[key];
          if (typeof v === "string" && f.ruleId !== "app-without-owner" && key !== "appId")
            expect(c.command + f.fix!.commands.map((x) => x.command).join(" "), `${f.ruleId} ${key}`).toContain(v);
        }
      }
    }
  });

  it("proposes federation with the repository of a sibling app instead of a new secret", () => {
    const f = result.findings.find(
      (x) => x.ruleId === "secret-where-federation-fits" && x.resource.displayName === "terraform-sandbox",
    )!;
    const [federate, remove] = f.fix!.commands;
    expect(federate?.command).toBe(
      `az ad app federated-credential create --id ${String(f.evidence.appId)} --parameters '{"name":"github-contoso-logistics-platform-infra-main","issuer":"https://token.actions.githubusercontent.com","subject":"repo:contoso-logistics/platform-infra:ref:refs/heads/main","audiences":["api://AzureADTokenExchange"]}'`,
    );
    expect(remove?.command).toMatch(/^az ad app credential delete --id [0-9a-f-]{36} --key-id [0-9a-f-]{36}$/);
  });

  it("enables a managed identity on a workload without one, then the role assignment", () => {
    const f = result.findings.find(
      (x) => x.ruleId === "workload-managed-identity" && x.resource.displayName === "vm-wms-db01",
    )!;
    expect(f.fix!.commands.map((c) => c.command)).toEqual([
      `principal=$(az vm identity assign --ids ${f.resource.id} --query principalId -o tsv)`,
      `az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role <role the secret's app holds> --scope <scope it holds it at>`,
    ]);
  });

  it("quotes hostile names: the app named like a formula keeps its command one word per value", () => {
    const f = result.findings.find((x) => x.resource.displayName === '=HYPERLINK("http://x")' && x.fix)!;
    for (const c of f.fix!.commands) expect(c.command).not.toContain("HYPERLINK");
  });
});
