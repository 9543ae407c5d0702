import { useEffect, useMemo, useState } from 'react';
import type { Task } from '../../../../shared/task.js';
import { ErrorText } from '../../components/error-text.js';
import type { ComposerDraft } from '../../store/composer-slice.js';
import type { AgentInfo } from '../../store/settings-slice.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';
import type { AgentOrigin } from './agent-field.js';
import {
  readComposerMemory,
  readSavedDraft,
  rememberedModel,
  writeComposerMemory,
  writeSavedDraft,
} from './composer-memory.js';
import { defaultCheckChoices, readCheckChoices } from './composer-checks.js';
import { ComposerOptions, composerTaskCount, type ComposerChoices } from './composer-options.js';
import { takesModel } from './model-options.js';
import { submitHandlers } from '../../components/submit-keys.js';
import { readBudgetField } from '../../components/budget-field.js';

/** The first preferred agent that can run here, else any that can, else the first preference. */
export function pickAgent(agents: readonly AgentInfo[], preferred: readonly (string | undefined)[]): string {
  const wanted = preferred.filter((id): id is string => Boolean(id));
  const usable = wanted.find((id) => agents.some((agent) => agent.id === id && agent.available));
  return usable ?? agents.find((agent) => agent.available)?.id ?? wanted[0] ?? '';
}

/** The composer's choices from a "Run again…" draft; the agent falls back to one that can run. */
function draftChoices(draft: ComposerDraft | null, agents: readonly AgentInfo[]): ComposerChoices | null {
  if (!draft) return null;
  const { prompt: _prompt, ...rest } = draft;
  return { ...defaultCheckChoices, ...rest, agent: pickAgent(agents, [draft.agent]), attempts: 1, alsoAgents: [] };
}

/** Why the composer starts with this agent: the Settings default, the last task's, or neither could run. */
function originOf(agent: string, remembered: string | undefined, defaultAgent: string | undefined): AgentOrigin {
  if (agent && agent === defaultAgent) return 'default';
  if (agent && agent === remembered) return 'lastUsed';
  return 'fallback';
}

/** A saved draft's choices, on a repository that still exists (the one the composer was opened for, if any). */
function restoredChoices(
  saved: ComposerChoices,
  startRepo: string | null,
  repos: readonly { id: string }[],
): ComposerChoices {
  const repoId =
    [startRepo, saved.repoId].find((id) => id && repos.some((repo) => repo.id === id)) ?? repos[0]?.id ?? '';
  return { ...defaultCheckChoices, ...saved, repoId, base: repoId === saved.repoId ? saved.base : '' };
}

/**
 * The task composer: a multi-line prompt (Ctrl/⌘+Enter dispatches) and the choices that shape
 * the task — repository, base branch, agent, model, approval mode, network, attempts, budget, checks and judging.
 */
export function ComposerForm({ onDispatched }: { onDispatched(tasks: Task[]): void }) {
  const repos = useStore((state) => state.repos);
  const settings = useStore((state) => state.engineSettings);
  const agents = useStore((state) => state.agents);
  const startRepo = useStore((state) => state.composerRepoId);
  const createTasks = useStore((state) => state.createTasks);
  const initial = useMemo(() => readComposerMemory(), []);
  // "Run again…" leaves a draft of the task to start from; it is used once.
  const [draft] = useState(() => useStore.getState().composerDraft);
  useEffect(() => {
    if (draft) useStore.getState().takeComposerDraft();
  }, [draft]);
  // What was typed before the composer was closed without starting (Esc, a click outside).
  const [saved] = useState(() => (draft ? null : readSavedDraft<ComposerChoices>()));
  const [prompt, setPrompt] = useState(draft?.prompt ?? saved?.prompt ?? '');
  const [start] = useState(() => {
    const fromDraft = draftChoices(draft, agents);
    if (fromDraft) return { choices: fromDraft, origin: 'runAgain' as AgentOrigin };
    if (saved) {
      const restored = restoredChoices(saved.choices, startRepo, repos);
      const origin: AgentOrigin =
        restored.agent === settings?.defaultAgent
          ? 'default'
          : restored.agent === initial.agent
            ? 'lastUsed'
            : 'picked';
      return { choices: restored, origin };
    }
    const agent = pickAgent(agents, [initial.agent, settings?.defaultAgent]);
    const choices: ComposerChoices = {
      ...defaultCheckChoices,
      repoId:
        [startRepo, initial.repoId].find((id) => id && repos.some((repo) => repo.id === id)) ?? repos[0]?.id ?? '',
      base: '',
      agent,
      model: rememberedModel(initial, agent),
      approvalMode: initial.approvalMode ?? settings?.defaultApprovalMode ?? 'auto',
      allowNetwork: initial.allowNetwork ?? false,
      attempts: 1,
      alsoAgents: [],
      // The budget starts from the default in Settings each time rather than the last task's.
      budgetUsd: settings?.defaultCostBudgetUsd ? String(settings.defaultCostBudgetUsd) : '',
    };
    return { choices, origin: originOf(agent, initial.agent, settings?.defaultAgent) };
  });
  const [choices, setChoices] = useState<ComposerChoices>(start.choices);
  const [agentOrigin, setAgentOrigin] = useState<AgentOrigin>(start.origin);
  useEffect(() => {
    writeSavedDraft(prompt.trim() ? { prompt, choices } : null);
  }, [prompt, choices]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Settings and agents may arrive after the dialog opened (first connect).
  useEffect(() => {
    if (choices.agent || !(settings || agents.length > 0)) return;
    const agent = pickAgent(agents, [settings?.defaultAgent]);
    setChoices((current) => ({ ...current, agent }));
    setAgentOrigin(originOf(agent, undefined, settings?.defaultAgent));
  }, [settings, agents, choices.agent]);
  const change = (update: Partial<ComposerChoices>) => {
    setChoices((current) => {
      // Each agent gets back the model last used with it, rather than another agent's model.
      const switched = update.agent !== undefined && update.agent !== current.agent && update.model === undefined;
      return { ...current, ...update, ...(switched ? { model: rememberedModel(initial, update.agent ?? '') } : {}) };
    });
    if (update.agent !== undefined) setAgentOrigin(update.agent === settings?.defaultAgent ? 'default' : 'picked');
  };

  const dispatch = async () => {
    if (busy) return;
    if (!choices.repoId) return setError('Add a repository first: use “Add repository” in the sidebar.');
    const budget = readBudgetField(choices.budgetUsd, false);
    // An agent ticked to compare and then chosen as the main one counts once.
    const others = choices.alsoAgents.filter((id) => id !== choices.agent);
    if (budget === 'invalid')
      return setError('Give the budget as a dollar amount above 0, such as 2 or 0.50, or leave it empty for no limit.');
    const checks = readCheckChoices(
      // Only the Flotilla agent has the team tools for now.
      { ...choices, team: choices.team && choices.agent === 'builtin' },
      composerTaskCount(choices),
    );
    if ('error' in checks) return setError(checks.error);
    setBusy(true);
    setError(null);
    try {
      const tasks = await createTasks({
        repoId: choices.repoId,
        prompt,
        base: choices.base || undefined,
        ...(others.length > 0 ? { agents: [choices.agent, ...others] } : { agent: choices.agent || undefined }),
        // An agent that picks its own model gets none, whatever an earlier agent left in the field.
        model: (takesModel(agents, choices.agent) && choices.model.trim()) || undefined,
        attempts: choices.attempts,
        approvalMode: choices.approvalMode,
        allowNetwork: choices.allowNetwork,
        costBudgetUsd: budget,
        ...checks.params,
      });
      writeComposerMemory({
        repoId: choices.repoId,
        agent: choices.agent,
        model: choices.model,
        models: { ...initial.models, [choices.agent]: choices.model },
        approvalMode: choices.approvalMode,
        allowNetwork: choices.allowNetwork,
      });
      setPrompt('');
      writeSavedDraft(null);
      onDispatched(tasks);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const { onSubmit, onKeyDown } = submitHandlers(dispatch);
  const taskCount = composerTaskCount(choices);
  return (
    <form className="composer" onSubmit={onSubmit} onKeyDown={onKeyDown} data-testid="composer-form">
      <textarea
        className="input composer-prompt"
        data-testid="composer-prompt"
        aria-label="Task prompt"
        placeholder="Describe the task for the agent…"
        rows={6}
        value={prompt}
        data-autofocus
        onChange={(event) => setPrompt(event.target.value)}
      />
      {saved && prompt === saved.prompt && (
        <p className="hint composer-restored" data-testid="composer-restored">
          Your unsent draft is back.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setPrompt('');
              writeSavedDraft(null);
            }}
          >
            Clear it
          </button>
        </p>
      )}
      <ComposerOptions choices={choices} agentOrigin={agentOrigin} onChange={change} />
      <ErrorText error={error} testId="composer-error" />
      <div className="composer-actions">
        <span className="hint">
          {taskCount > 1
            ? `${taskCount} agents will work on this in parallel, each in its own worktree.`
            : 'The agent works in its own worktree and branch.'}
        </span>
        <button
          type="submit"
          className="button primary"
          data-testid="composer-dispatch"
          disabled={busy || prompt.trim() === ''}
        >
          {busy ? 'Starting…' : taskCount > 1 ? `Start ${taskCount} tasks` : 'Start task'}{' '}
          <kbd>{shortcutModifier()}↵</kbd>
        </button>
      </div>
    </form>
  );
}
