// The built-in Azure roles the demo tenant uses (wire shape and source: emulator/wire-refdata.ts).
import type { ArmRoleDefinition } from "../emulator/types.ts";
import { builtinRoleDefinitions } from "../emulator/wire-refdata.ts";

export const DEMO_BUILTIN_ROLE_DEFINITIONS: readonly ArmRoleDefinition[] = builtinRoleDefinitions([
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  "b24988ac-6180-42a0-ab88-20f7382dd24c",
  "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
  "4633458b-17de-408a-b874-0445c86b69e6",
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "de139f84-1756-47ae-9be6-808fbbe84772",
  "9980e02c-c2be-4d73-94e8-173b1dc7cf3c",
  "39bc4728-0917-49c7-9d2c-d95423bc2eb4",
  "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  "43d0d8ad-25c7-4714-9337-8ba259a9fe05",
]);
