import { useStore } from '../../store/store.js';
import { CompareView } from './compare-view.js';

/**
 * "Compare attempts": opens the compare view of the task's group, from any task of it (the task header, the sidebar's
 * group heading, an overview card). Renders nothing for a task outside any group.
 */
export function CompareButton({ taskId, className = 'button ghost' }: { taskId: string; className?: string }) {
  const inGroup = useStore((state) => Boolean(state.tasks[taskId]?.groupId));
  const openCompare = useStore((state) => state.openCompare);
  if (!inGroup) return null;
  return (
    <button
      type="button"
      className={className}
      data-testid="compare-attempts"
      title="See the attempts of this prompt side by side, ranked, and pick one"
      onClick={(event) => {
        event.stopPropagation();
        openCompare(taskId);
      }}
    >
      Compare attempts
    </button>
  );
}

/**
 * The sidebar's group heading as a button that opens the compare view of the group (its words stay the heading's;
 * "Compare ›" follows them in CSS only).
 */
export function CompareGroupButton({ groupId, children }: { groupId: string; children: string }) {
  const firstId = useStore((state) => Object.values(state.tasks).find((task) => task.groupId === groupId)?.id ?? null);
  const openCompare = useStore((state) => state.openCompare);
  const current = useStore((state) => state.view === 'compare' && state.compareGroupId === groupId);
  if (!firstId) return <>{children}</>;
  return (
    <button
      type="button"
      className="group-compare"
      data-testid="group-compare"
      aria-current={current ? 'page' : undefined}
      aria-label={`Compare the ${children}`}
      title="Compare the attempts side by side, ranked, and pick one"
      onClick={() => openCompare(firstId)}
    >
      {children}
    </button>
  );
}

/** The main view for 'compare': the group's compare view, or a note when the group is gone. */
export function CompareMain() {
  const groupId = useStore((state) => state.compareGroupId);
  return groupId ? (
    <CompareView key={groupId} groupId={groupId} />
  ) : (
    <div className="empty-state">No group to compare.</div>
  );
}
