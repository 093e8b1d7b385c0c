// A federatedIdentityCredential on an application, as Graph lists it.
import type { JsonObject } from "../types.ts";

export const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";
/** the audience Entra expects in every federated token */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

export interface FederatedIdentityCredentialSpec {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  description: string | null;
}

export function federatedIdentityCredentialWire(f: FederatedIdentityCredentialSpec): JsonObject {
  return {
    id: f.id,
    name: f.name,
    issuer: f.issuer,
    subject: f.subject,
    description: f.description,
    audiences: [TOKEN_EXCHANGE_AUDIENCE],
  };
}
