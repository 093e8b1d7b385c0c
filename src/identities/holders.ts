import type { Application, Inventory, ServicePrincipal } from "../inventory/types.ts";
import { isManagedIdentity } from "../rules/support/credentials.ts";
import { optionalItems } from "../rules/support/sections.ts";
import type { IdentityKind } from "./types.ts";

/** Who an object id is, as an identity: an app registration absorbs its own service principal. */
export interface Holder {
  key: string;
  kind: IdentityKind;
  objectId: string;
  appId: string | null;
  displayName: string | null;
  app: Application | null;
  servicePrincipal: ServicePrincipal | null;
}

export interface HolderIndex {
  /** The identity an object id (service principal, user, group, app object) stands for; null when unknown or deleted. */
  of(objectId: string, typeHint?: string): Holder | null;
  applications: Application[];
  servicePrincipals: ServicePrincipal[];
}

export function holderIndex(inventory: Inventory): HolderIndex {
  const applications = optionalItems(inventory, "applications");
  const servicePrincipals = optionalItems(inventory, "servicePrincipals");
  const appByAppId = new Map(applications.map((a) => [a.appId.toLowerCase(), a]));
  const appById = new Map(applications.map((a) => [a.id.toLowerCase(), a]));
  const spById = new Map(servicePrincipals.map((s) => [s.id.toLowerCase(), s]));
  const spByAppId = new Map(servicePrincipals.map((s) => [s.appId.toLowerCase(), s]));
  const principals = new Map(optionalItems(inventory, "principals").map((p) => [p.id.toLowerCase(), p]));

  const ofApp = (app: Application): Holder => ({
    key: `application:${app.id.toLowerCase()}`,
    kind: "application",
    objectId: app.id.toLowerCase(),
    appId: app.appId,
    displayName: app.displayName,
    app,
    servicePrincipal: spByAppId.get(app.appId.toLowerCase()) ?? null,
  });
  const ofSp = (sp: ServicePrincipal): Holder => {
    const app = appByAppId.get(sp.appId.toLowerCase());
    if (app) return ofApp(app);
    const kind: IdentityKind = isManagedIdentity(sp) ? "managedIdentity" : "servicePrincipal";
    return {
      key: `${kind}:${sp.id.toLowerCase()}`,
      kind,
      objectId: sp.id.toLowerCase(),
      appId: sp.appId,
      displayName: sp.displayName,
      app: null,
      servicePrincipal: sp,
    };
  };
  const plain = (kind: IdentityKind, id: string, name: string | null): Holder => ({
    key: `${kind}:${id}`,
    kind,
    objectId: id,
    appId: null,
    displayName: name,
    app: null,
    servicePrincipal: null,
  });

  return {
    applications,
    servicePrincipals,
    of(objectId, typeHint) {
      const id = objectId.toLowerCase();
      const sp = spById.get(id);
      if (sp) return ofSp(sp);
      const app = appById.get(id);
      if (app) return ofApp(app);
      const p = principals.get(id);
      if (p && !p.found) return null;
      const type = (p?.type ?? typeHint ?? "").toLowerCase();
      const name = p?.displayName ?? null;
      if (type === "user") return plain("user", id, name);
      if (type === "group") return plain("group", id, name);
      if (type === "serviceprincipal") return plain("servicePrincipal", id, name);
      return null;
    },
  };
}
