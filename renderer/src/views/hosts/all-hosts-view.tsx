import { useEffect, useState } from 'react';
import { useShallow } from '../../store/use-shallow.js';
import { StatusBadge } from '../../components/status-badge.js';
import { readHostTasks, type HostTaskList } from '../../hosts/host-tasks.js';
import { useStore } from '../../store/store.js';
import { errorText } from '../../transport/client-error.js';
import { AddHostForm } from './add-host-form.js';

/** What one host's section shows: its tasks once read, or why they could not be. */
type HostRead = { kind: 'loading' } | { kind: 'ready'; list: HostTaskList } | { kind: 'failed'; error: string };

/**
 * Every host's tasks in one table (Local first), each row naming its host; a click switches to that host and opens
 * the task. Below, the form that adds a host.
 */
export function AllHostsView() {
  const names = useStore(useShallow((state) => state.hosts.map((host) => host.name)));
  const [generation, setGeneration] = useState(0);
  const [adding, setAdding] = useState(names.length === 0);
  return (
    <section className="all-hosts-view" aria-label="All hosts" data-testid="all-hosts-view">
      <header className="view-header">
        <h1>All hosts</h1>
        <button type="button" className="button small" onClick={() => setGeneration((value) => value + 1)}>
          Refresh
        </button>
        {!adding && (
          <button type="button" className="button small" data-testid="add-host-button" onClick={() => setAdding(true)}>
            + Add host
          </button>
        )}
      </header>
      {adding && <AddHostForm onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      <table className="all-hosts-table">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Task</th>
            <th scope="col">Repository</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        {[null, ...names].map((name) => (
          <HostRows key={`${name ?? ''}:${generation}`} name={name} />
        ))}
      </table>
    </section>
  );
}

function HostRows({ name }: { name: string | null }) {
  const read = useHostRead(name);
  const switchHost = useStore((state) => state.switchHost);
  const label = name ?? 'Local';
  if (read.kind !== 'ready' || read.list.tasks.length === 0) {
    const text =
      read.kind === 'loading' ? 'Reading tasks…' : read.kind === 'failed' ? read.error : 'No tasks on this host.';
    return (
      <tbody data-testid="all-hosts-group" data-host={name ?? ''}>
        <tr className={read.kind === 'failed' ? 'host-failed' : 'host-note'}>
          <th scope="row">{label}</th>
          <td colSpan={3}>{text}</td>
        </tr>
      </tbody>
    );
  }
  const tasks = read.list.tasks.filter((task) => !task.archived).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <tbody data-testid="all-hosts-group" data-host={name ?? ''}>
      {tasks.map((task) => (
        <tr
          key={task.id}
          className="all-hosts-row"
          data-testid="all-hosts-row"
          data-task-id={task.id}
          tabIndex={0}
          onClick={() => switchHost(name, task.id)}
          onKeyDown={(event) => (event.key === 'Enter' ? switchHost(name, task.id) : undefined)}
        >
          <th scope="row">{label}</th>
          <td>{task.title}</td>
          <td>{read.list.repoNames[task.repoId] ?? task.repoId}</td>
          <td>
            <StatusBadge task={task} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

/** Reads a host's tasks: the store's own for the host shown (kept live), a one-off read for the others. */
function useHostRead(name: string | null): HostRead {
  const shown = useStore((state) => state.activeHost === name);
  const tasks = useStore((state) => state.tasks);
  const repos = useStore((state) => state.repos);
  const open = useStore((state) => state.openHostClient);
  const [read, setRead] = useState<HostRead>({ kind: 'loading' });
  useEffect(() => {
    if (shown || !open) return;
    const abort = new AbortController();
    readHostTasks(open, name, abort.signal).then(
      (list) => setRead({ kind: 'ready', list }),
      (error: unknown) => abort.signal.aborted || setRead({ kind: 'failed', error: errorText(error) }),
    );
    return () => abort.abort();
  }, [shown, open, name]);
  if (!shown) return read;
  return {
    kind: 'ready',
    list: { tasks: Object.values(tasks), repoNames: Object.fromEntries(repos.map((repo) => [repo.id, repo.name])) },
  };
}
