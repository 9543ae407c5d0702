// The project's import graph (relative imports between its own source files), and the cycles in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Folders whose code ships or runs the product; test files inside them count too, for runtime cycles. */
export const sourceFolders = ['shared', 'engine', 'cli', 'electron', 'renderer', 'testing', 'bench', 'scripts', 'e2e'];
const sourceFile = /\.(ts|tsx|mts|mjs)$/;
const importPattern =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (sourceFile.test(name)) out.push(path);
  }
  return out;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/** Edges from each file to the files it imports, marked type-only when every import of that pair is `import type`/`export type`. */
export function importGraph(root, folders = sourceFolders) {
  const graph = new Map();
  for (const file of folders.flatMap((folder) => walk(join(root, folder), []))) {
    const text = readFileSync(file, 'utf8');
    const edges = new Map();
    for (const match of text.matchAll(importPattern)) {
      const spec = match[3] ?? match[4];
      const target = resolveImport(file, spec);
      if (!target) continue;
      const typeOnly = Boolean(match[2]) && !match[4];
      edges.set(target, (edges.get(target) ?? true) && typeOnly);
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The folder a file belongs to for layering: electron/ counts by its runtime subfolder. */
function topFolder(root, file) {
  const segments = relative(root, file).split('/');
  return segments[0] === 'electron' && segments.length > 2 ? segments.slice(0, 2).join('/') : segments[0];
}

/**
 * The cycles a reader would trip over: any cycle of runtime imports, and any cycle (type-only included)
 * whose files sit in more than one top-level folder. Each cycle is a list of paths relative to root.
 */
export function findCycles(root, graph = importGraph(root)) {
  const found = [];
  for (const runtimeOnly of [true, false]) {
    const edgesOf = (file) =>
      [...(graph.get(file) ?? new Map())].filter(([, typeOnly]) => !runtimeOnly || !typeOnly).map(([target]) => target);
    for (const component of stronglyConnected([...graph.keys()], edgesOf)) {
      if (component.length < 2) continue;
      if (!runtimeOnly && new Set(component.map((file) => topFolder(root, file))).size < 2) continue;
      found.push({
        kind: runtimeOnly ? 'runtime' : 'type-only across folders',
        files: component.map((file) => relative(root, file)).sort(),
      });
    }
  }
  const seen = new Set();
  return found.filter((cycle) => {
    const key = cycle.files.join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stronglyConnected(nodes, edgesOf) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  for (const start of nodes) {
    if (index.has(start)) continue;
    // Iterative Tarjan: the graph is deep enough to overflow recursion.
    const work = [[start, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, position] = frame;
      if (position === 0) {
        index.set(node, counter);
        low.set(node, counter++);
        stack.push(node);
        onStack.add(node);
      }
      const edges = edgesOf(node);
      if (position < edges.length) {
        frame[1]++;
        const next = edges[position];
        if (!index.has(next)) work.push([next, 0]);
        else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}
