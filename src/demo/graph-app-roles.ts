// The Microsoft Graph application permissions the demo tenant grants (wire shape and source:
// emulator/wire-refdata.ts).
import { graphAppRoles } from "../emulator/wire-refdata.ts";

export type GraphAppRole = {
  allowedMemberTypes: string[];
  description: string;
  displayName: string;
  id: string;
  isEnabled: boolean;
  origin: string;
  value: string;
};

export const DEMO_GRAPH_APP_ROLES: readonly GraphAppRole[] = graphAppRoles([
  "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
  "06b708a9-e830-4db3-a914-8e69da51d44f",
  "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9",
  "df021288-bdef-4463-88db-98f22de89214",
  "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
  "5b567255-7703-4780-807c-7be8301ae99b",
  "e2a3a72e-5f79-4c64-b1b1-878b674786c9",
  "b633e1c5-b582-4048-a93e-9f11b44c7e96",
  "332a536c-c7ef-4017-ab91-336970924f0d",
  "b0afded3-3588-46d8-8b3d-9842eff778da",
  "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30",
]) as unknown as GraphAppRole[];
