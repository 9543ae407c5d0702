import type { ApprovalMode } from '../../../../shared/task.js';

/** The composer choices remembered between tasks (not the prompt). */
export interface ComposerMemory {
  repoId?: string;
  agent?: string;
  model?: string;
  approvalMode?: ApprovalMode;
  allowNetwork?: boolean;
}

const key = 'flotilla.composer';

/** Reads the remembered composer choices; nothing when storage is off or holds junk. */
export function readComposerMemory(): ComposerMemory {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as ComposerMemory) : {};
  } catch {
    return {};
  }
}

/** Remembers the composer choices for the next task. */
export function writeComposerMemory(memory: ComposerMemory): void {
  try {
    localStorage.setItem(key, JSON.stringify(memory));
  } catch {
    // Storage can be off (private mode); the composer then starts from the engine's defaults.
  }
}
