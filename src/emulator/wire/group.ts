// A security group as Graph lists it, plus the fixture-only `members` (object ids, users, groups
// or service principals) the emulator serves at `/groups/{id}/members`.
import type { GraphEntity } from "../types.ts";

export interface SecurityGroupSpec {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  createdDateTime: string;
  /** whether Entra roles may be assigned to it; fixed when the group is created */
  isAssignableToRole?: boolean;
  members: string[];
}

export function securityGroupWire(g: SecurityGroupSpec): GraphEntity {
  return {
    id: g.id,
    deletedDateTime: null,
    createdDateTime: g.createdDateTime,
    description: g.description,
    displayName: g.displayName,
    // no "Unified" (Microsoft 365) and no "DynamicMembership": members are assigned
    groupTypes: [],
    isAssignableToRole: g.isAssignableToRole ?? false,
    mail: null,
    mailEnabled: false,
    mailNickname: g.mailNickname,
    securityEnabled: true,
    members: g.members,
  };
}
