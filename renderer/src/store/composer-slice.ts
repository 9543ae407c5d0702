import type { ApprovalMode, Task } from '../../../shared/task.js';
import type { Slice } from './slice.js';

/** What the composer starts from when a task is run again: the task's prompt and choices. */
export interface ComposerDraft {
  repoId: string;
  prompt: string;
  /** The base as the task was given it (a branch, tag or commit). */
  base: string;
  agent: string;
  model: string;
  approvalMode: ApprovalMode;
  allowNetwork: boolean;
  /** The cost budget as the budget field shows it; empty for none. */
  budgetUsd: string;
  /** The task's own checks, as the composer's Checks section shows them (empty uses the repository's). */
  verifyCommand: string;
  skipChecks: boolean;
  verifyRetries: string;
}

/** A draft for the composer, set by "Run again…" and taken by the composer when it opens. */
export interface ComposerSlice {
  composerDraft: ComposerDraft | null;
  /** Opens the composer filled in from a task, to start it again (another agent, another try). */
  runAgain(task: Task): void;
  /** Hands the draft to the composer once, so the next plain "New task" starts empty. */
  takeComposerDraft(): ComposerDraft | null;
}

/** The composer draft a task makes. */
export function draftFromTask(task: Task): ComposerDraft {
  return {
    repoId: task.repoId,
    prompt: task.prompt,
    base: task.baseRef,
    agent: task.agent,
    model: task.model ?? '',
    approvalMode: task.approvalMode,
    allowNetwork: task.allowNetwork,
    budgetUsd: task.costBudgetUsd === null ? '' : String(task.costBudgetUsd),
    // null uses the repository's command, '' was "no checks for this task".
    verifyCommand: task.verifyCommand ?? '',
    skipChecks: task.verifyCommand === '',
    verifyRetries: task.verifyRetries === null ? '' : String(task.verifyRetries),
  };
}

/** Creates the composer slice. */
export const createComposerSlice: Slice<ComposerSlice> = (set, get) => ({
  composerDraft: null,
  runAgain(task) {
    set({ composerDraft: draftFromTask(task), composerOpen: true, composerRepoId: task.repoId });
  },
  takeComposerDraft() {
    const draft = get().composerDraft;
    if (draft) set({ composerDraft: null });
    return draft;
  },
});
