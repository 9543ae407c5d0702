import { useEffect } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import type { AutomationRun } from '../../../../shared/automation.js';
import { compareNewest } from '../../store/automations-slice.js';
import { useStore } from '../../store/store.js';
import { AutomationDetail } from './automation-detail.js';
import { AutomationForm } from './automation-form.js';
import { formatWhen, runStateText } from './run-text.js';
import { describeTrigger } from './trigger-model.js';

/**
 * The Automations page: every automation (name, trigger in words, on or paused, next and last run) beside the chosen
 * one's details and runs, or the form that creates or edits one.
 */
export function AutomationsView() {
  const ids = useStore(
    useShallow((state) =>
      Object.values(state.automations)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((automation) => automation.id),
    ),
  );
  const loaded = useStore((state) => state.automationsLoaded);
  const hasRepos = useStore((state) => state.repos.length > 0);
  const pane = useStore((state) => state.automationPane);
  const showAutomations = useStore((state) => state.showAutomations);
  const loadAutomationRuns = useStore((state) => state.loadAutomationRuns);
  useEffect(() => {
    // The list's last runs; the shown automation loads its own.
    void loadAutomationRuns().catch(() => undefined);
  }, [loadAutomationRuns]);
  const shownId =
    pane.kind === 'new'
      ? null
      : pane.automationId && ids.includes(pane.automationId)
        ? pane.automationId
        : (ids[0] ?? null);
  return (
    <section className="automations-view" aria-label="Automations">
      <header className="view-header">
        <h1>Automations</h1>
        <button
          type="button"
          className="button primary"
          data-testid="automation-new"
          disabled={!hasRepos}
          title={hasRepos ? 'Create an automation' : 'Add a repository first'}
          onClick={() => showAutomations({ kind: 'new' })}
        >
          New automation
        </button>
      </header>
      <div className={`automations-body${ids.length === 0 ? ' no-list' : ''}`}>
        <ul
          className="automation-list"
          aria-label="Automations"
          data-testid="automation-list"
          hidden={ids.length === 0 && pane.kind === 'new'}
        >
          {ids.map((id) => (
            <AutomationRow key={id} automationId={id} selected={pane.kind !== 'new' && id === shownId} />
          ))}
          {loaded && ids.length === 0 && pane.kind !== 'new' && (
            <li className="hint automation-empty" data-testid="automations-empty">
              No automations yet. An automation starts a task by itself: on a schedule, when commits land on a branch,
              when the checks fail on a new commit, on a webhook or a new GitHub issue, or when another task finishes.
              What each run comes to lands in the Inbox.
            </li>
          )}
        </ul>
        <div className="automation-pane">
          {pane.kind === 'new' && (
            <AutomationForm
              onDone={(automation) => showAutomations({ kind: 'show', automationId: automation.id })}
              onCancel={() => showAutomations({ kind: 'show', automationId: null })}
            />
          )}
          {pane.kind === 'edit' && <EditPane automationId={pane.automationId} />}
          {pane.kind === 'show' && shownId && (
            <AutomationDetail
              key={shownId}
              automationId={shownId}
              onEdit={() => showAutomations({ kind: 'edit', automationId: shownId })}
            />
          )}
        </div>
      </div>
    </section>
  );
}

function EditPane({ automationId }: { automationId: string }) {
  const automation = useStore((state) => state.automations[automationId]);
  const showAutomations = useStore((state) => state.showAutomations);
  const back = () => showAutomations({ kind: 'show', automationId });
  if (!automation) return null;
  return <AutomationForm key={automationId} automation={automation} onDone={back} onCancel={back} />;
}

// One pass, no sort: it runs for every row on every store change, streamed events included.
function lastRunOf(runs: Record<string, AutomationRun>, automationId: string): AutomationRun | null {
  let last: AutomationRun | null = null;
  for (const run of Object.values(runs))
    if (run.automationId === automationId && (last === null || compareNewest(run, last) < 0)) last = run;
  return last;
}

function AutomationRow({ automationId, selected }: { automationId: string; selected: boolean }) {
  const automation = useStore((state) => state.automations[automationId]);
  const lastRun = useStore((state) => lastRunOf(state.automationRuns, automationId));
  const showAutomations = useStore((state) => state.showAutomations);
  const repoName = useStore(
    (state) => state.repos.find((repo) => repo.id === state.automations[automationId]?.repoId)?.name ?? '',
  );
  if (!automation) return null;
  return (
    <li>
      <button
        type="button"
        className={`automation-row${selected ? ' selected' : ''}`}
        data-testid="automation-row"
        data-automation-id={automation.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => showAutomations({ kind: 'show', automationId: automation.id })}
      >
        <span className="automation-row-title">
          <span className="automation-row-name">{automation.name}</span>
          <span className={`badge${automation.paused ? ' warn' : ' ok'}`}>{automation.paused ? 'paused' : 'on'}</span>
        </span>
        <span className="automation-row-trigger">
          {repoName ? `${repoName} · ` : ''}
          {describeTrigger(automation.trigger)}
        </span>
        <span className="automation-row-meta">
          {automation.nextRunAt && !automation.paused && (
            <span data-testid="automation-next">next {formatWhen(automation.nextRunAt)}</span>
          )}
          <span data-testid="automation-last">
            {lastRun ? `last run ${formatWhen(lastRun.firedAt)} · ${runStateText(lastRun)}` : 'not run yet'}
          </span>
        </span>
      </button>
    </li>
  );
}
