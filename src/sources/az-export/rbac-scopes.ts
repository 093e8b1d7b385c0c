// The scopes an export lists role definitions and assignments at: each subscription of the
// tenant and each management group (a group without subscriptions has assignments too).
import { MG_PROVIDER, subscriptionScope } from "../../arm/resource-id.ts";

export interface RbacScope {
  /** ARM scope, for gaps */
  scope: string;
  /** the export file holding this scope's list */
  file: string;
  /** the command that wrote it */
  command: string;
}

export function rbacScopes(
  subscriptionIds: string[],
  mgNames: string[],
  files: { sub: (id: string) => string; mg: (name: string) => string },
  commands: { sub: (id: string) => string; mg: (scope: string) => string },
): RbacScope[] {
  return [
    ...mgNames.map((n) => ({
      scope: `${MG_PROVIDER}${n}`,
      file: files.mg(n),
      command: commands.mg(`${MG_PROVIDER}${n}`),
    })),
    ...subscriptionIds.map((s) => ({ scope: subscriptionScope(s), file: files.sub(s), command: commands.sub(s) })),
  ];
}
