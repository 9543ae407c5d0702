import type { ApprovalMode } from '../../../../shared/task.js';

/** The composer choices remembered between tasks (not the prompt). */
export interface ComposerMemory {
  repoId?: string;
  agent?: string;
  /** The model of the last task (older memory; `models` keeps one per agent). */
  model?: string;
  /** The last model used with each agent, so switching agents brings back that agent's model. */
  models?: Record<string, string>;
  approvalMode?: ApprovalMode;
  allowNetwork?: boolean;
}

/** The model last used with an agent; empty when none. */
export function rememberedModel(memory: ComposerMemory, agent: string): string {
  return memory.models?.[agent] ?? (memory.agent === agent ? (memory.model ?? '') : '');
}

const key = 'flotilla.composer';
const draftKey = 'flotilla.composer.draft';

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

/** What the user typed in the composer and did not start yet: the prompt and the choices. */
export interface SavedDraft<Choices> {
  prompt: string;
  choices: Choices;
}

/** Reads the draft left when the composer was closed without starting the task; null when none. */
export function readSavedDraft<Choices>(): SavedDraft<Choices> | null {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(draftKey);
    const parsed = raw ? (JSON.parse(raw) as Partial<SavedDraft<Choices>>) : null;
    return parsed && typeof parsed.prompt === 'string' && typeof parsed.choices === 'object' && parsed.choices !== null
      ? (parsed as SavedDraft<Choices>)
      : null;
  } catch {
    return null;
  }
}

/** Keeps the draft (null removes it: dispatched, or emptied). */
export function writeSavedDraft<Choices>(draft: SavedDraft<Choices> | null): void {
  try {
    if (draft) localStorage.setItem(draftKey, JSON.stringify(draft));
    else localStorage.removeItem(draftKey);
  } catch {
    // Storage can be off; the draft then lasts as long as the dialog.
  }
}
