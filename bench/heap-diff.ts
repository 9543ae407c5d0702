// `npx tsx bench/heap-diff.ts before.heapsnapshot after.heapsnapshot`: what grew between two heap snapshots (the
// memory bench writes them with BENCH_MEMORY_SNAPSHOTS=<folder>), by constructor, largest growth first.
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per node type and name. */
export function heapByConstructor(path: string): Map<string, { bytes: number; count: number }> {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [
    number,
    number,
    number,
  ];
  const totals = new Map<string, { bytes: number; count: number }>();
  for (let node = 0; node < data.nodes.length; node += width) {
    const type = types[data.nodes[node + typeAt]!]!;
    const name = type === 'object' || type === 'closure' ? data.strings[data.nodes[node + nameAt]!]! : `(${type})`;
    const key = `${type} ${name.slice(0, 60)}`;
    const total = totals.get(key) ?? { bytes: 0, count: 0 };
    total.bytes += data.nodes[node + sizeAt]!;
    total.count += 1;
    totals.set(key, total);
  }
  return totals;
}

if (process.argv[1]?.endsWith('heap-diff.ts')) {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) throw new Error('Usage: npx tsx bench/heap-diff.ts before.heapsnapshot after.heapsnapshot');
  const first = heapByConstructor(before);
  const second = heapByConstructor(after);
  const rows = [...second].map(([key, total]) => {
    const old = first.get(key) ?? { bytes: 0, count: 0 };
    return { key, grew: total.bytes - old.bytes, count: total.count - old.count, bytes: total.bytes };
  });
  rows.sort((a, b) => b.grew - a.grew);
  const sum = (map: Map<string, { bytes: number }>) => [...map.values()].reduce((all, one) => all + one.bytes, 0);
  console.log(`total: ${(sum(first) / 2 ** 20).toFixed(1)} MB → ${(sum(second) / 2 ** 20).toFixed(1)} MB`);
  for (const row of rows.slice(0, 40))
    console.log(
      `${(row.grew / 1024).toFixed(0).padStart(8)} KB ${String(row.count).padStart(8)} objects  ${row.key} (${(row.bytes / 1024).toFixed(0)} KB)`,
    );
}
