/** One import cycle: how it counts and the files in it, relative to the project root. */
export interface ImportCycle {
  kind: 'runtime' | 'type-only across folders';
  files: string[];
}
/** Folders whose code is scanned for imports. */
export const sourceFolders: string[];
/** Edges from each file to the files it imports; true marks a type-only edge. */
export function importGraph(root: string, folders?: string[]): Map<string, Map<string, boolean>>;
/** The import cycles under root that the lint step refuses. */
export function findCycles(root: string, graph?: Map<string, Map<string, boolean>>): ImportCycle[];
