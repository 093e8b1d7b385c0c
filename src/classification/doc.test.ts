import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLASSIFICATION_DOC_PATH, renderClassificationDoc } from "./doc.ts";
import { DELEGATED_SCOPE_RISKS, ENTRA_ROLE_CLASSES, GRAPH_PERMISSION_CLASSES } from "./index.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("docs/classification.md", () => {
  it("is in sync with the data (regenerate with renderClassificationDoc(), npm run gen)", () => {
    const committed = readFileSync(root + CLASSIFICATION_DOC_PATH, "utf8");
    expect(committed).toBe(renderClassificationDoc());
  });

  it("rendering is deterministic", () => {
    expect(renderClassificationDoc()).toBe(renderClassificationDoc());
  });

  it("lists every Tier-0 Graph permission, every Tier-0 Entra role and every delegated scope with its reason", () => {
    const doc = renderClassificationDoc();
    for (const e of GRAPH_PERMISSION_CLASSES.filter((x) => x.tier === "tier0"))
      expect(doc).toContain(`| \`${e.value}\` | \`${e.id}\` | ${e.reason} |`);
    for (const e of ENTRA_ROLE_CLASSES.filter((x) => x.tier === "tier0"))
      expect(doc).toContain(`| ${e.displayName} | \`${e.templateId}\` |`);
    for (const d of DELEGATED_SCOPE_RISKS) expect(doc).toContain(d.reason);
    expect(doc).toContain("https://github.com/emiliensocchi/azure-tiering");
  });
});
