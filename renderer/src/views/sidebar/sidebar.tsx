import { useRef } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { taskStatuses, type Task } from '../../../../shared/task.js';
import { statusLabel } from '../../components/status-text.js';
import { useStore } from '../../store/store.js';
import type { SidebarFilter } from '../../store/ui-slice.js';
import { CompareGroupButton } from '../compare/compare-button.js';
import { HostSwitcher } from '../hosts/host-switcher.js';
import { AddRepoForm } from './add-repo-form.js';
import { SidebarHeader } from './sidebar-header.js';
import { sidebarRows, sidebarTaskIds, type SidebarRow } from './sidebar-rows.js';
import { NoMatchHint, SidebarSearch } from './sidebar-search.js';
import { SidebarList, type RowPlace } from './sidebar-list.js';
import { DiscardDialog } from '../../review/discard-dialog.js';
import { TaskRow } from './task-row.js';

const filters: { value: SidebarFilter; label: string }[] = [
  { value: 'all', label: 'All tasks' },
  { value: 'active', label: 'Active' },
  { value: 'review', label: 'Ready for review' },
  { value: 'noChanges', label: 'No changes' },
  ...taskStatuses.map((status) => ({ value: status, label: statusLabel(status) })),
  { value: 'archived', label: 'Archived' },
];

/** The left column: navigation, repositories with their tasks (live), search and filter, and adding a repository. */
export function Sidebar() {
  const rows = useStore(
    useShallow((state) => sidebarRows(state.repos, state.tasks, state.sidebarFilter, state.sidebarSearch)),
  );
  const filter = useStore((state) => state.sidebarFilter);
  const setFilter = useStore((state) => state.setSidebarFilter);
  const search = useStore((state) => state.sidebarSearch);
  const setSearch = useStore((state) => state.setSidebarSearch);
  const searchBox = useRef<HTMLInputElement>(null);
  const noMatch = search.trim() !== '' && sidebarTaskIds(rows).length === 0;
  const adding = useStore((state) => state.addingRepo);
  const setAdding = useStore((state) => state.setAddingRepo);
  const shortcuts = shortcutNumbers(rows);
  return (
    <aside className="sidebar" aria-label="Repositories and tasks">
      <SidebarHeader />
      <HostSwitcher />
      <div className="sidebar-filter">
        <SidebarSearch inputRef={searchBox} />
        <select
          className="input small"
          aria-label="Filter tasks by status"
          data-testid="sidebar-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value as SidebarFilter)}
        >
          {filters.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {noMatch && (
          <NoMatchHint
            search={search}
            onClear={() => {
              setSearch('');
              searchBox.current?.focus();
            }}
          />
        )}
      </div>
      <SidebarList
        rows={rows}
        renderRow={(row, index, measure) => (
          <SidebarItem
            key={row}
            row={row}
            shortcut={shortcuts[index] ?? null}
            shown={row.startsWith('group:') ? shownAttempts(rows, index) : 0}
            index={index}
            measure={measure}
          />
        )}
      />
      <SidebarDiscardDialog />
      <div className="sidebar-footer">
        {adding ? (
          <>
            <AddRepoForm autoFocus onDone={() => setAdding(false)} />
            <button type="button" className="button ghost small" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </>
        ) : (
          <div className="sidebar-footer-actions">
            <button
              type="button"
              className="button ghost full"
              data-testid="add-repo-button"
              onClick={() => setAdding(true)}
            >
              + Add repository
            </button>
            <AddHostButton />
          </div>
        )}
      </div>
    </aside>
  );
}

/** The ⌘1–⌘9 number of each row: the first nine task rows get one. */
function shortcutNumbers(rows: readonly SidebarRow[]): (number | null)[] {
  let shortcut = 0;
  return rows.map((row) => {
    if (!row.startsWith('task:') && !row.startsWith('grouped:')) return null;
    shortcut += 1;
    return shortcut <= 9 ? shortcut : null;
  });
}

function SidebarItem({
  row,
  shortcut,
  shown,
  index,
  measure,
}: { row: SidebarRow; shortcut: number | null; shown: number } & RowPlace) {
  const id = row.slice(row.indexOf(':') + 1);
  const place = { index, measure };
  if (row.startsWith('repo:')) return <RepoHeading repoId={id} {...place} />;
  if (row.startsWith('group:')) return <GroupHeading groupId={id} shown={shown} {...place} />;
  return <TaskRow taskId={id} shortcut={shortcut} grouped={row.startsWith('grouped:')} {...place} />;
}

function RepoHeading({ repoId, index, measure }: { repoId: string } & RowPlace) {
  const repo = useStore((state) => state.repos.find((candidate) => candidate.id === repoId));
  const count = useStore((state) => Object.values(state.tasks).filter((task) => task.repoId === repoId).length);
  const openComposer = useStore((state) => state.openComposer);
  if (!repo) return null;
  return (
    <li
      ref={measure}
      data-index={index}
      className="repo-heading"
      data-testid="repo-heading"
      data-repo-id={repo.id}
      title={repo.path}
    >
      <span className="repo-name">{repo.name}</span>
      <span className="repo-count" aria-label={`${count} tasks`}>
        {count}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={`New task in ${repo.name}`}
        onClick={() => openComposer(repo.id)}
      >
        +
      </button>
    </li>
  );
}

/** How many attempts follow the group row at `index`: fewer than the group holds when a filter or search hides some. */
function shownAttempts(rows: readonly SidebarRow[], index: number): number {
  let end = index + 1;
  while (rows[end]?.startsWith('grouped:')) end += 1;
  return end - index - 1;
}

/**
 * How many siblings a group has, and what they are: attempts of one agent, or different agents compared ("Also run
 * with").
 */
function groupSummary(tasks: Record<string, Task>, groupId: string): { count: number; noun: string } {
  let count = 0;
  const agents = new Set<string>();
  for (const task of Object.values(tasks)) {
    if (task.groupId !== groupId) continue;
    count += 1;
    agents.add(task.agent);
  }
  return { count, noun: agents.size > 1 ? 'tasks comparing agents' : 'attempts' };
}

function GroupHeading({ groupId, shown, index, measure }: { groupId: string; shown: number } & RowPlace) {
  // One pass over the tasks per store change; compared field by field, so the heading stays quiet while nothing it
  // shows changes.
  const { count, noun } = useStore(useShallow((state) => groupSummary(state.tasks, groupId)));
  return (
    <li ref={measure} data-index={index} className="group-heading" data-testid="task-group" data-group-id={groupId}>
      <CompareGroupButton groupId={groupId}>
        {shown < count ? `${shown} of ${count} ${noun}` : `${count} ${noun}`}
      </CompareGroupButton>
    </li>
  );
}

/** The way to remote hosts while there are none (the host switcher takes over once there is one). */
function AddHostButton() {
  const shown = useStore((state) => state.openHostClient !== null && state.hostsLoaded && state.hosts.length === 0);
  const showView = useStore((state) => state.showView);
  if (!shown) return null;
  return (
    <button
      type="button"
      className="button ghost"
      data-testid="add-host-nav"
      title="Run agents on another machine over ssh"
      onClick={() => showView('hosts')}
    >
      + Add host
    </button>
  );
}

/** The delete dialog a task row's menu opened, outside the rows so the windowed list cannot unmount it. */
function SidebarDiscardDialog() {
  const taskId = useStore((state) => state.discardingTaskId);
  const close = useStore((state) => state.setDiscardingTask);
  return taskId ? <DiscardDialog taskId={taskId} onClose={() => close(null)} /> : null;
}
