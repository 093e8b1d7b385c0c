import { describe, expect, it } from "vitest";
import {
  enclosingScopes,
  extensionResourceId,
  isAtOrUnder,
  isManagementGroupScope,
  isSubscriptionScope,
  lastSegment,
  mgScope,
  normalizeSlashes,
  parseScope,
  providerTypeAndName,
  resourceGroupOf,
  resourceGroupScope,
  resourceId,
  resourceTypeOf,
  roleDefinitionIdAt,
  scopeKey,
  scopeLevel,
  subscriptionIdOf,
  subscriptionScope,
} from "./resource-id.ts";

const SUB_ID = "22222222-2222-4222-8222-222222222222";
const SUB = `/subscriptions/${SUB_ID}`;
const RG = `${SUB}/resourceGroups/rg-App`;
const SITE = `${RG}/providers/Microsoft.Web/sites/web-1`;
const SLOT = `${SITE}/slots/staging`;
const MG = "/providers/Microsoft.Management/managementGroups/Corp";
const ASSESSMENT = `${SITE}/providers/Microsoft.Security/assessments/abc`;

describe("ARM resource ids", () => {
  it.each([
    ["/", { kind: "root" }],
    ["", { kind: "root" }],
    [MG, { kind: "mg", name: "Corp" }],
    [SUB.toUpperCase(), { kind: "sub", subId: SUB_ID }],
    [`${RG}/`, { kind: "rg", subId: SUB_ID, rg: "rg-App" }],
    [SITE, { kind: "resource", subId: SUB_ID, rg: "rg-App" }],
    [SLOT, { kind: "resource", subId: SUB_ID, rg: "rg-App" }],
    [`${MG}/extra`, undefined],
    [`${SUB}/resourceGroups`, undefined],
    [`${SUB}/locations/westeurope`, undefined],
    [`${RG}/providers/Microsoft.Web`, undefined],
    ["/tenants/x", undefined],
  ])("parses %j", (id, parsed) => {
    expect(parseScope(id)).toEqual(parsed);
  });

  it.each([
    ["/", "root"],
    [MG, "managementGroup"],
    [MG.toLowerCase(), "managementGroup"],
    [SUB, "subscription"],
    [`${SUB}/`, "subscription"],
    [RG, "resourceGroup"],
    [SITE, "resource"],
    [`${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`, "resource"],
    ["/something/else", "resource"],
  ])("puts %j at level %s", (id, level) => {
    expect(scopeLevel(id)).toBe(level);
  });

  it.each([
    [" /Subscriptions/ABC/ ", "/subscriptions/abc"],
    ["/", "/"],
    ["", "/"],
    ["subscriptions//abc", "/subscriptions/abc"],
    [MG, MG.toLowerCase()],
  ])("keys %j as %j", (id, key) => {
    expect(scopeKey(id)).toBe(key);
  });

  it("normalises slashes and keeps the casing", () => {
    expect(normalizeSlashes("Subscriptions//ABC/")).toBe("/Subscriptions/ABC");
    expect(normalizeSlashes("")).toBe("/");
  });

  it.each([
    [SITE, SUB_ID, "rg-App"],
    [SUB.toUpperCase(), SUB_ID, null],
    [`${SUB}/RESOURCEGROUPS/Rg-X`, SUB_ID, "Rg-X"],
    [MG, null, null],
    ["/", null, null],
  ])("finds the subscription and resource group of %j", (id, sub, rg) => {
    expect(subscriptionIdOf(id)).toBe(sub);
    expect(resourceGroupOf(id)).toBe(rg);
  });

  it.each([
    [SUB, true],
    [`${SUB}/`, true],
    [RG, false],
    [MG, false],
  ])("knows whether %j is a subscription scope", (id, yes) => {
    expect(isSubscriptionScope(id)).toBe(yes);
  });

  it("knows management group scopes", () => {
    expect(isManagementGroupScope(MG.toUpperCase())).toBe(true);
    expect(isManagementGroupScope(SUB)).toBe(false);
  });

  it.each([
    [SLOT, { type: "Microsoft.Web/sites/slots", name: "web-1/staging" }],
    [`${SITE}/`, { type: "Microsoft.Web/sites", name: "web-1" }],
    [ASSESSMENT, { type: "Microsoft.Security/assessments", name: "abc" }],
    [SUB, null],
    [`${RG}/providers/Microsoft.Web/sites`, null],
  ])("reads the provider type and name of %j", (id, expected) => {
    expect(providerTypeAndName(id)).toEqual(expected);
  });

  it.each([
    [SLOT, "Microsoft.Web/sites/slots"],
    [ASSESSMENT, "Microsoft.Security/assessments"],
    [RG, "Microsoft.Resources/resourceGroups"],
    [SUB.toUpperCase(), "Microsoft.Resources/subscriptions"],
    [MG, "Microsoft.Management/managementGroups"],
    ["/", "unknown"],
  ])("reads the resource type of %j", (id, type) => {
    expect(resourceTypeOf(id)).toBe(type);
  });

  it("builds ids the way ARM spells them", () => {
    expect(mgScope("Corp")).toBe(MG);
    expect(subscriptionScope(SUB_ID)).toBe(SUB);
    expect(resourceGroupScope(SUB_ID, "rg-App")).toBe(RG);
    expect(resourceId(SUB_ID, "rg-App", "Microsoft.Web/sites", "web-1")).toBe(SITE);
    expect(resourceId(SUB_ID, "rg-App", "Microsoft.Web/sites/slots", "web-1/staging")).toBe(SLOT);
    expect(extensionResourceId("/", "Microsoft.Authorization/roleAssignments", "a")).toBe(
      "/providers/Microsoft.Authorization/roleAssignments/a",
    );
    expect(extensionResourceId(SITE, "Microsoft.Security/assessments", "abc")).toBe(ASSESSMENT);
  });

  it.each([
    ["/", "/providers/Microsoft.Authorization/roleDefinitions/r"],
    [MG, "/providers/Microsoft.Authorization/roleDefinitions/r"],
    [SITE, `${SUB}/providers/Microsoft.Authorization/roleDefinitions/r`],
  ])("spells a role definition id for an assignment at %j", (scope, id) => {
    expect(roleDefinitionIdAt(scope, "r")).toBe(id);
  });

  it("compares scopes segment-wise and case-insensitively", () => {
    expect(isAtOrUnder(SLOT, RG.toUpperCase())).toBe(true);
    expect(isAtOrUnder(RG, RG)).toBe(true);
    expect(isAtOrUnder(RG, SITE)).toBe(false);
    expect(isAtOrUnder(`${SUB}/resourceGroups/rg-Apps`, RG)).toBe(false);
    expect(isAtOrUnder(SUB, "/")).toBe(true);
  });

  it("lists the scopes an id sits in by its own segments, nearest first", () => {
    expect(enclosingScopes(SLOT)).toEqual([`${SITE}/slots`.toLowerCase(), SITE.toLowerCase(), RG.toLowerCase(), SUB]);
    expect(enclosingScopes(SUB)).toEqual([]);
    expect(enclosingScopes(MG)).toEqual([]);
  });

  it("takes the last segment as the name", () => {
    expect(lastSegment(`${MG}/`)).toBe("Corp");
    expect(lastSegment("")).toBe("");
  });
});
