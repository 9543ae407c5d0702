import type { Task } from '../../../shared/task.js';
import { ClientError } from '../transport/client-error.js';
import type { EngineClient } from '../transport/engine-client.js';
import type { HostClientOpener } from '../transport/pick-client.js';

/** One host's tasks, as the All hosts view lists them, with its repositories' names by id. */
export interface HostTaskList {
  tasks: Task[];
  repoNames: Record<string, string>;
}

/**
 * Reads a host's tasks (null: this machine's) over a client of its own, opened for the read and closed after it (or
 * when `signal` aborts), so the window keeps showing the host it shows.
 */
export async function readHostTasks(
  open: HostClientOpener,
  host: string | null,
  signal?: AbortSignal,
): Promise<HostTaskList> {
  const client = open(host);
  const abort = () => client.close?.();
  signal?.addEventListener('abort', abort);
  try {
    await ready(client, host);
    const [{ tasks }, { repos }] = await Promise.all([client.call('task/list', {}), client.call('repo/list', {})]);
    return { tasks, repoNames: Object.fromEntries(repos.map((repo) => [repo.id, repo.name])) };
  } finally {
    signal?.removeEventListener('abort', abort);
    client.close?.();
  }
}

/** Resolves once the client is connected and, for a host, its link is: the server tells a host socket at once. */
function ready(client: EngineClient, host: string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const stops: (() => void)[] = [];
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      // The listeners may call this before their own stop function is returned.
      queueMicrotask(() => stops.forEach((stop) => stop()));
      if (error) reject(error);
      else resolve();
    };
    stops.push(
      client.onConnection((state) => {
        if (state === 'open' && host === null) finish();
        if (state === 'closed') finish(new ClientError('engineUnavailable', 'The read was cancelled.'));
        if (state === 'unauthorized')
          finish(new ClientError('unauthorized', 'The Flotilla engine refused this page’s token.'));
      }),
    );
    if (host === null) return;
    stops.push(
      client.onChange((change) => {
        if (change.type !== 'host.state' || change.name !== host) return;
        if (change.state === 'connected') finish();
        if (change.state === 'failed')
          finish(new ClientError('engineUnavailable', change.error ?? `Could not reach ${host}.`));
      }),
    );
  });
}
