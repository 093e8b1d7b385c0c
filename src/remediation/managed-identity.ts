import type { Workload } from "../inventory/types.ts";
import type { FixCommand } from "./commands.ts";
import { sh } from "./shell.ts";

// Turning on a system-assigned managed identity, per resource type where the CLI has a command
// for it, else through ARM's generic update; then the role assignment that replaces what the
// workload's secret was given (the role and scope are the secret's, a person fills them in).

const ASSIGN: Record<string, string> = {
  "microsoft.web/sites": "az webapp identity assign --ids",
  "microsoft.compute/virtualmachines": "az vm identity assign --ids",
  "microsoft.compute/virtualmachinescalesets": "az vmss identity assign --ids",
  "microsoft.app/containerapps": "az containerapp identity assign --system-assigned --ids",
};

export function managedIdentityCommand(w: Workload): FixCommand[] {
  const known = ASSIGN[w.type.toLowerCase()];
  const enable = known
    ? `${known} ${sh(w.id)} --query principalId -o tsv`
    : `az resource update --ids ${sh(w.id)} --set identity.type=SystemAssigned --query identity.principalId -o tsv`;
  return [
    {
      purpose: "turn on a system-assigned managed identity and keep its object id",
      command: `principal=$(${enable})`,
    },
    {
      purpose: "give the identity the role the workload's secret had, then delete the secret",
      command: `az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role <role the secret's app holds> --scope <scope it holds it at>`,
    },
  ];
}
