// Reference data the generator and the example fixture need (wire shapes and sources: wire-refdata.ts).
import type { ArmRoleDefinition, JsonObject } from "./types.ts";
import { builtinRoleDefinitions, graphAppRoles } from "./wire-refdata.ts";

export const ROLE = {
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
} as const;

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export const GRAPH_APP_ROLE = {
  roleManagementReadWriteDirectory: "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
  applicationReadWriteAll: "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  appRoleAssignmentReadWriteAll: "06b708a9-e830-4db3-a914-8e69da51d44f",
  userReadAll: "df021288-bdef-4463-88db-98f22de89214",
  directoryReadAll: "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
} as const;

export const BUILTIN_ROLE_DEFINITIONS: ArmRoleDefinition[] = builtinRoleDefinitions([
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  "b24988ac-6180-42a0-ab88-20f7382dd24c",
  "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  "4633458b-17de-408a-b874-0445c86b69e6",
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "de139f84-1756-47ae-9be6-808fbbe84772",
  "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
  "f1a07417-d97a-45cb-824c-7a7467783830",
]);

export const GRAPH_APP_ROLES: JsonObject[] = graphAppRoles([
  "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
  "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  "06b708a9-e830-4db3-a914-8e69da51d44f",
  "df021288-bdef-4463-88db-98f22de89214",
  "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
  "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
  "62a82d76-70ea-41e2-9197-370581804d09",
  "5b567255-7703-4780-807c-7be8301ae99b",
  "b0afded3-3588-46d8-8b3d-9842eff778da",
  "810c84a8-4a9e-49e6-bf7d-12d183f40d01",
]);
