// How the ARM SDKs want a scope passed; the id grammar itself lives in src/arm/resource-id.ts.

/** SDK scope parameter: never a leading "/" (the SDK adds one; "//providers" would follow) */
export function sdkScope(scope: string): string {
  return scope.replace(/^\/+/, "");
}
