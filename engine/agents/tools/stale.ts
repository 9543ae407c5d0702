import type { Freshness } from './read-state.js';

/** Why an existing file may not be changed now, or null when the model's view of it is current. */
export function staleMessage(name: string, freshness: Freshness, action: 'write' | 'edit'): string | null {
  switch (freshness) {
    case 'fresh':
      return null;
    case 'unread':
      return `${name} already exists and you have not read it. Read it with read_file first, then ${action} it.`;
    case 'changed':
      return `${name} changed since you last read it (a command or the user edited it). Read it again with read_file, then ${action} it.`;
    case 'missing':
      return action === 'write' ? null : `${name} was deleted since you read it.`;
    default: {
      const unreachable: never = freshness;
      throw new Error(`Unknown freshness ${String(unreachable)}`);
    }
  }
}
