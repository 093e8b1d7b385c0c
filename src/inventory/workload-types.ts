// The ARM resource types azaudit counts as workloads: resources that run code and so may hold a
// managed identity or a stored credential. The workloads collector lists them (with extras of its
// own); workload-managed-identity and required-tags judge them by default.

export const WORKLOAD_TYPES: string[] = [
  "Microsoft.Web/sites",
  "Microsoft.Web/sites/slots",
  "Microsoft.App/containerApps",
  "Microsoft.App/jobs",
  "Microsoft.Compute/virtualMachines",
  "Microsoft.Compute/virtualMachineScaleSets",
  "Microsoft.ContainerService/managedClusters",
  "Microsoft.Logic/workflows",
  "Microsoft.Automation/automationAccounts",
  "Microsoft.DataFactory/factories",
];
