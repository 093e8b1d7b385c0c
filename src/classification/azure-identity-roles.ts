// Built-in Azure roles that let a holder run code as, or take over, an identity: a managed
// identity attached to a resource in scope, a user-assigned identity's federated credentials, a
// Kubernetes workload identity. Whatever that identity holds (Owner somewhere, a Tier-0 Graph
// permission) the holder holds too, so these roles are privileged although their actions stay
// inside one resource provider. Matched by role definition GUID; reasons are our own words.
//
// The AzTier project (https://github.com/emiliensocchi/azure-tiering) was consulted; its Tier-0
// Azure roles that we do not rate privileged are listed below with our reason, and rendered in
// docs/classification.md.

export interface IdentityRole {
  /** Role definition GUID, lower case. */
  readonly id: string;
  readonly roleName: string;
  /** One line, our own words: how the holder acts as an identity. */
  readonly reason: string;
}

export const IDENTITY_TAKEOVER_ROLES: readonly IdentityRole[] = Object.freeze(
  (
    [
      {
        id: "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
        roleName: "Virtual Machine Contributor",
        reason:
          "Run command and VM extensions execute its code on the VM, which then requests tokens as the VM's managed identities.",
      },
      {
        id: "1c0163c0-47e6-4577-8991-ea5c82e286e4",
        roleName: "Virtual Machine Administrator Login",
        reason:
          "Signs in to Entra-joined VMs as administrator; any process there requests tokens as the VM's identities.",
      },
      {
        id: "fb879df8-f326-4884-b1cf-06f3ad86be52",
        roleName: "Virtual Machine User Login",
        reason:
          "Signs in to Entra-joined VMs; the instance metadata endpoint gives any local user tokens as the VM's identities.",
      },
      {
        id: "f1a07417-d97a-45cb-824c-7a7467783830",
        roleName: "Managed Identity Operator",
        reason:
          "Assigns user-assigned identities to resources; with write access to any compute resource it runs code as them.",
      },
      {
        id: "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59",
        roleName: "Managed Identity Contributor",
        reason:
          "Adds federated credentials to user-assigned identities and signs in as them from an issuer it controls.",
      },
      {
        id: "7e559ce2-48d7-4b27-9128-fa1b247f1308",
        roleName: "Managed Identity Federated Identity Credential Contributor",
        reason:
          "Adds federated credentials to user-assigned identities and signs in as them from an issuer it controls.",
      },
      {
        id: "ef318e2a-8334-4a05-9e4a-295a196c6a6e",
        roleName: "Azure Red Hat OpenShift Federated Credential",
        reason:
          "Writes federated credentials on user-assigned identities: the same sign-in as Managed Identity Contributor.",
      },
      {
        id: "f353d9bd-d4a6-484e-a77a-8050b599b867",
        roleName: "Automation Contributor",
        reason: "Writes and starts runbooks, which run as the Automation account's managed identities.",
      },
      {
        id: "de139f84-1756-47ae-9be6-808fbbe84772",
        roleName: "Website Contributor",
        reason: "Deploys code to web and function apps, which then run as the apps' managed identities.",
      },
      {
        id: "ad710c24-b039-4e85-a019-deb4a06e8570",
        roleName: "Logic Apps Standard Contributor",
        reason: "Writes Logic Apps Standard sites and their code, which run as the apps' managed identities.",
      },
      {
        id: "87a39d53-fc1b-424a-814c-f7e04687dc9e",
        roleName: "Logic App Contributor",
        reason: "Writes workflows whose actions call any API with the logic app's managed identity.",
      },
      {
        id: "f3bd1b5c-91fa-40e7-afe7-0c11d331232c",
        roleName: "Container Apps Operator",
        reason: "Opens a shell in running container apps (exec) and requests tokens as their managed identities.",
      },
      {
        id: "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
        roleName: "Azure Kubernetes Service Cluster Admin Role",
        reason:
          "Lists the cluster-admin kubeconfig and runs commands in the cluster: every workload identity and the kubelet identity are in reach.",
      },
      {
        id: "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8",
        roleName: "Azure Kubernetes Service Contributor Role",
        reason: "Every managed-cluster action, admin credentials and run command included: the cluster-admin path.",
      },
      {
        id: "3498e952-d568-435e-9b2c-8d77e338d7f7",
        roleName: "Azure Kubernetes Service RBAC Admin",
        reason: "Every Kubernetes data action in scope: reads secrets and runs pods as any service account.",
      },
      {
        id: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
        roleName: "Azure Kubernetes Service RBAC Cluster Admin",
        reason: "Every Kubernetes data action on the cluster: reads secrets and runs pods as any service account.",
      },
      {
        id: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
        roleName: "Azure Kubernetes Service RBAC Writer",
        reason:
          "Creates deployments and pods that run as any service account of the namespace, workload-identity ones included.",
      },
      {
        id: "18ab4d3d-a1bf-4477-8ad9-8359bc988f69",
        roleName: "Azure Kubernetes Fleet Manager RBAC Cluster Admin",
        reason: "Every Kubernetes data action across the fleet's member clusters: the cluster-admin path on each.",
      },
    ] satisfies IdentityRole[]
  ).map((e) => Object.freeze(e)),
);

/** AzTier's Tier-0 Azure roles that we do not rate privileged, each with our reason. */
export const AZURE_ROLE_TIER_DIFFERENCES: readonly IdentityRole[] = Object.freeze(
  (
    [
      {
        id: "0f37683f-2463-46b6-9ce7-9b788b988ba2",
        roleName: "App Compliance Automation Administrator",
        reason:
          "Can delete resources and read storage keys: an availability and data risk, not a path to another identity.",
      },
      {
        id: "b78c5d69-af96-48a3-bf8d-a8b4d589de94",
        roleName: "Azure AI Administrator",
        reason:
          "Manages AI resources; code it runs as an AI resource's identity reaches only what that identity holds, which the rules see on the identity.",
      },
      {
        id: "92b92042-07d9-4307-87f7-36a593fc5850",
        roleName: "Azure File Sync Administrator",
        reason:
          "Writes role assignments only under an ABAC condition limited to certain roles (see conditional writers).",
      },
      {
        id: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
        roleName: "Azure Kubernetes Service Cluster User Role",
        reason:
          "On Entra-integrated clusters the user kubeconfig carries no Kubernetes rights by itself; local-account clusters are a cluster finding.",
      },
      {
        id: "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68",
        roleName: "Cognitive Services Contributor",
        reason: "Manages AI accounts and keys: data access to those accounts, not a path to another identity.",
      },
      {
        id: "a001fd3d-188f-4b5d-821b-7da978bf7442",
        roleName: "Cognitive Services OpenAI Contributor",
        reason: "Manages model deployments and content filters: no identity or access control in reach.",
      },
      {
        id: "86240b0e-9422-4c43-887b-b61143f32ba8",
        roleName: "Desktop Virtualization Application Group Contributor",
        reason: "Publishes applications to existing session hosts; running code there needs access to the hosts.",
      },
      {
        id: "082f0a83-3be5-4ba1-904c-961cca79b387",
        roleName: "Desktop Virtualization Contributor",
        reason: "Manages host pools and application groups, not the virtual machines that hold identities.",
      },
      {
        id: "2ad6aaab-ead9-4eaa-8ac5-da422f562408",
        roleName: "Desktop Virtualization Session Host Operator",
        reason: "Manages session host registrations and user sessions, not the virtual machines that hold identities.",
      },
      {
        id: "a959dbd1-f747-45e3-8ba6-dd80f235f97c",
        roleName: "Desktop Virtualization Virtual Machine Contributor",
        reason:
          "Provisions session hosts for a host pool; not reviewed as a general run-command path, so judged by the session hosts' identities.",
      },
      {
        id: "5e93ba01-8f92-4c7a-b12a-801e3df23824",
        roleName: "Defender Containers Sensor",
        reason:
          "Formerly Kubernetes Agent Operator. Binds Azure services to clusters through trusted access; the bound service's rights are fixed by the service.",
      },
      {
        id: "d5a2ae44-610b-4500-93be-660a0c5f5ca6",
        roleName: "Defender Kubernetes API Access",
        reason:
          "Formerly Kubernetes Agentless Operator. Binds Defender's scanners to clusters through trusted access; no workload of the holder's choosing runs.",
      },
      {
        id: "a8889054-8d42-49c9-bc1c-52486c10e7cd",
        roleName: "Reservations Administrator",
        reason:
          "Assignable at tenant scope only, outside the role definitions azaudit reads; billing reach, not an identity path.",
      },
      {
        id: "36243c78-bf99-498c-9df9-86d9f8d28608",
        roleName: "Resource Policy Contributor",
        reason:
          "A remediating policy runs as a managed identity only after someone who can write role assignments grants it a role.",
      },
      {
        id: "fb1c8493-542b-48eb-b624-b4c8fea62acd",
        roleName: "Security Admin",
        reason:
          "Changes Defender settings and policies: weakens detection, but no identity or role assignment is in reach.",
      },
    ] satisfies IdentityRole[]
  ).map((e) => Object.freeze(e)),
);
