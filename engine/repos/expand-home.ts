import { homedir } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../errors.js';

/**
 * Expands a leading `~` (alone, or `~/…`) to the home folder of the user the engine runs as, the
 * way a shell would; the engine runs on the user's own machine, so that is their home. `~name`
 * (another user's home) is refused with what to write instead.
 */
export function expandHome(input: string): string {
  const path = input.trim();
  if (!path.startsWith('~')) return path;
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith(`~\\`)) return join(homedir(), path.slice(2));
  const name = /^~([^/\\]*)/.exec(path)?.[1] ?? '';
  throw new EngineError(
    'invalidInput',
    `"${path}" names the home folder of the user "${name}", which Flotilla does not look up. Give the full path instead, or ~/… for your own home (${homedir()}).`,
  );
}
