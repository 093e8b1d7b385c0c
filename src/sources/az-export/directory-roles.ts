// Entra directory role assignments as `az rest` pages of Graph (az has no command for them),
// named through the directory's role definitions: the live collector's two lists and mapping.
import {
  directoryRoleNames,
  toDirectoryRoleAssignment,
  type RawAssignment,
  type RawDefinition,
} from "../../collectors/graph/directoryRoles.ts";
import type { CoverageGap, DirectoryRoleAssignment, Section } from "../../inventory/types.ts";
import { S, objectWith, type ExportDir } from "./files.ts";
import { graphScope, restShape } from "./graph-pages.ts";
import { FILES } from "./layout.ts";
import { missingFile, okSection, truncationGap } from "./sections.ts";

export const DIRECTORY_ROLE_ASSIGNMENTS_URI = "roleManagement/directory/roleAssignments";
export const DIRECTORY_ROLE_DEFINITIONS_URI =
  "roleManagement/directory/roleDefinitions?$select=id,templateId,displayName";

const ASSIGNMENT_ITEM = objectWith(
  { id: S.str, principalId: S.str, roleDefinitionId: S.str, directoryScopeId: S.nstr },
  ["id", "principalId", "roleDefinitionId"],
);
const DEFINITION_ITEM = objectWith({ id: S.str, templateId: S.nstr, displayName: S.nstr }, ["id"]);

export function readDirectoryRoleAssignments(dir: ExportDir): Section<DirectoryRoleAssignment> {
  const aShape = restShape(DIRECTORY_ROLE_ASSIGNMENTS_URI, ASSIGNMENT_ITEM);
  const dShape = restShape(DIRECTORY_ROLE_DEFINITIONS_URI, DEFINITION_ITEM);
  const assignments = dir.list<RawAssignment>(FILES.directoryRoleAssignments, aShape);
  if (!assignments) return missingFile(FILES.directoryRoleAssignments, aShape.command);
  const definitions = dir.list<RawDefinition>(FILES.directoryRoleDefinitions, dShape);
  if (!definitions) return missingFile(FILES.directoryRoleDefinitions, dShape.command);
  const gaps: CoverageGap[] = [];
  if (assignments.truncatedAfter)
    gaps.push(truncationGap(graphScope(DIRECTORY_ROLE_ASSIGNMENTS_URI), assignments.truncatedAfter));
  if (definitions.truncatedAfter)
    gaps.push(truncationGap(graphScope(DIRECTORY_ROLE_DEFINITIONS_URI), definitions.truncatedAfter));
  const names = directoryRoleNames(definitions.items);
  return okSection(
    assignments.items.map((a) => toDirectoryRoleAssignment(a, names)),
    (a) => a.id.toLowerCase(),
    gaps,
  );
}
