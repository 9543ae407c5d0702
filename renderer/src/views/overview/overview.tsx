import { useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { activeStatuses, type Task } from '../../../../shared/task.js';
import { DiscardedList } from '../../review/discarded-list.js';
import { useStore } from '../../store/store.js';
import { OverviewGroups } from '../compare/overview-groups.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';
import { OverviewCard } from './overview-card.js';
import { nestTeams } from './team-order.js';

const recentCount = 6;

function byNewest(a: Task, b: Task): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/** Every queued, preparing, running or waiting task side by side, live; and the latest finished ones. */
export function Overview() {
  const active = useStore(
    useShallow((state) =>
      nestTeams(
        Object.values(state.tasks)
          .filter((task) => activeStatuses.includes(task.status))
          .sort(byNewest),
      ).map((task) => task.id),
    ),
  );
  const recent = useStore(
    useShallow((state) =>
      Object.values(state.tasks)
        .filter((task) => !activeStatuses.includes(task.status) && task.status !== 'discarded')
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, recentCount)
        .map((task) => task.id),
    ),
  );
  const waiting = useStore(
    (state) => Object.values(state.tasks).filter((task) => task.status === 'awaitingApproval').length,
  );
  const anyDiscarded = useStore((state) => Object.values(state.tasks).some((task) => task.status === 'discarded'));
  const openComposer = useStore((state) => state.openComposer);
  const [showDiscarded, setShowDiscarded] = useState(false);
  return (
    <section className="overview" aria-label="Overview">
      <header className="view-header">
        <h1>Overview</h1>
        <span className="hint overview-summary">
          {/* The one animation on the overview: each card's dot is static, however many agents run. */}
          {active.length > 0 && <span className="live-indicator" aria-hidden="true" />}
          {active.length === 0
            ? 'No agent is working right now.'
            : `${active.length} active${waiting > 0 ? ` · ${waiting} waiting for your approval` : ''}`}
        </span>
        <span className="spacer" />
        <button type="button" className="button primary" onClick={() => openComposer()}>
          New task <kbd>{shortcutModifier()}N</kbd>
        </button>
      </header>
      {active.length === 0 ? (
        <div className="empty-state" data-testid="overview-empty">
          <p>
            Start a task and watch its agent work here. Start several: each gets its own worktree, and they run side by
            side.
          </p>
        </div>
      ) : (
        <ul className="overview-grid" data-testid="overview-grid">
          {active.map((id) => (
            <OverviewCard key={id} taskId={id} />
          ))}
        </ul>
      )}
      <OverviewGroups />
      {recent.length > 0 && (
        <>
          <h2 className="section-title">Recently finished</h2>
          <ul className="overview-grid recent" data-testid="overview-recent">
            {recent.map((id) => (
              <OverviewCard key={id} taskId={id} testId="recent-card" showActivity={false} />
            ))}
          </ul>
        </>
      )}
      {(anyDiscarded || showDiscarded) && (
        <div className="overview-discarded">
          <button
            type="button"
            className="button ghost small"
            aria-expanded={showDiscarded}
            data-testid="toggle-discarded"
            onClick={() => setShowDiscarded(!showDiscarded)}
          >
            {showDiscarded ? 'Hide discarded tasks' : 'Show discarded tasks'}
          </button>
          {showDiscarded && <DiscardedList />}
        </div>
      )}
    </section>
  );
}
