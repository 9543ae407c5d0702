import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: { root: string; version: string } | null = null;

/**
 * Flotilla's package folder and version, found by walking up from this module: the same answer from source and from any
 * bundle.
 */
function flotillaPackage(): { root: string; version: string } {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    try {
      const info = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (info.name === 'flotilla') return (found = { root: dir, version: info.version ?? '0.0.0' });
    } catch {
      // No package.json here: keep walking up.
    }
    dir = dirname(dir);
  }
  return (found = { root: dirname(fileURLToPath(import.meta.url)), version: '0.0.0' });
}

/** Flotilla's version from its package.json. */
export function flotillaVersion(): string {
  return flotillaPackage().version;
}

/** The folder Flotilla is installed in (where its package.json, cli/bin.mjs and renderer/dist live). */
export function flotillaRoot(): string {
  return flotillaPackage().root;
}
