// `npm run lint` step: fails when the project's imports form a cycle (see import-graph.mjs for which count).
import { fileURLToPath } from 'node:url';
import { findCycles } from './import-graph.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cycles = findCycles(root);
if (cycles.length === 0) {
  console.log('No import cycles.');
} else {
  for (const cycle of cycles) console.error(`Import cycle (${cycle.kind}):\n  ${cycle.files.join('\n  ')}`);
  console.error(
    `\n${cycles.length} import cycle(s). Move what both sides need into a third module, or import a type from where it is declared.`,
  );
  process.exit(1);
}
