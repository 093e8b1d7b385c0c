// A user as Graph lists it: the default properties in Graph's order, then those a scan selects
// (userType, accountEnabled, …). A guest invited through B2B has the invitation's fields.
import type { GraphEntity } from "../types.ts";

export interface UserSpec {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  mail: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  /** a guest's is `<local>_<home domain>#EXT#@<tenant domain>` */
  userPrincipalName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  department?: string | null;
  createdDateTime?: string | null;
}

export function userWire(u: UserSpec): GraphEntity {
  const user: GraphEntity = {
    id: u.id,
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: u.officeLocation ?? null,
    preferredLanguage: u.preferredLanguage ?? null,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    department: u.department ?? null,
    createdDateTime: u.createdDateTime ?? null,
  };
  if (u.userType === "Guest") {
    user.externalUserState = "Accepted";
    user.creationType = "Invitation";
  }
  return user;
}
