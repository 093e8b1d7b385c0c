// The Microsoft Graph application permissions the demo tenant grants (wire shape and source:
// emulator/wire-refdata.ts).
import { graphAppRoles } from "../emulator/wire-refdata.ts";
import { GRAPH_APP_ROLE } from "../refdata/well-known.ts";

export type GraphAppRole = {
  allowedMemberTypes: string[];
  description: string;
  displayName: string;
  id: string;
  isEnabled: boolean;
  origin: string;
  value: string;
};

export const DEMO_GRAPH_APP_ROLES: readonly GraphAppRole[] = graphAppRoles(
  (
    [
      "RoleManagement.ReadWrite.Directory",
      "AppRoleAssignment.ReadWrite.All",
      "Application.ReadWrite.All",
      "User.Read.All",
      "Directory.Read.All",
      "Group.Read.All",
      "Mail.ReadWrite",
      "Mail.Send",
      "Sites.Read.All",
      "AuditLog.Read.All",
      "Application.Read.All",
    ] as const
  ).map((v) => GRAPH_APP_ROLE[v]),
) as unknown as GraphAppRole[];
