/**
 * The stable, relative pseudo-path GitHub code scanning needs for every result:
 * ARM ids become `azure/<lowercased segments>`, Entra ids keep their `entra/...` form; each
 * segment is percent-encoded so hostile names cannot break out of the path.
 */
export function pseudoPath(resourceId: string): string {
  const isEntra = resourceId.startsWith("entra/");
  const segments = resourceId.split("/").filter(Boolean);
  // "." and ".." survive encodeURIComponent; encode them too so no path can climb out.
  const encoded = segments.map((s) =>
    s === "." || s === ".." ? s.replace(/\./g, "%2e") : encodeURIComponent(s.toLowerCase()),
  );
  return isEntra ? encoded.join("/") : ["azure", ...encoded].join("/");
}
