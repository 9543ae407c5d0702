import type { MergeQueue, QueueEntry } from '../../shared/merge-queue.js';
import { isQueueEntryOpen } from '../../shared/merge-queue.js';
import { isActive } from '../../shared/task.js';
import type { CommandInput, EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import { branchTip } from '../git/refs.js';
import { mergeTarget } from '../tasks/merge-task.js';
import type { Handlers } from './handler.js';

type QueueCommand = 'queue/add' | 'queue/list' | 'queue/remove' | 'queue/reorder' | 'queue/pause' | 'queue/resume';

/** Merge queue commands: queue finished tasks, list, reorder and remove them, pause and resume queues. */
export const queueCommands: Handlers<QueueCommand> = {
  async 'queue/add'(context, { taskIds, base, onConflict }) {
    const now = new Date().toISOString();
    const touched = new Map<string, MergeQueue>();
    const seen = new Set<string>();
    for (const taskId of taskIds) {
      const task = await queueableTask(context, taskId, base, seen);
      const target = mergeTarget(task, base);
      // Where a task set aside (or merged) before on another base's queue is queued again, it leaves that one.
      const before = context.queue.store.find(task.id);
      if (before && before.queue.base !== target) {
        const { queue: old } = before;
        context.queue.save({ ...old, entries: old.entries.filter((one) => one.taskId !== task.id) });
      }
      const key = `${task.repoId}\u0000${target}`;
      const queue = touched.get(key) ?? context.queue.store.ensure(task.repoId, target, onConflict);
      const entry: QueueEntry = {
        taskId: task.id,
        title: task.title,
        state: 'queued',
        reason: null,
        rounds: 0,
        mergedCommit: null,
        addedAt: now,
        updatedAt: now,
      };
      // A task set aside (or merged) before comes back as a new entry at the end.
      touched.set(key, { ...queue, entries: [...queue.entries.filter((one) => one.taskId !== task.id), entry] });
    }
    return { queues: [...touched.values()].map((queue) => context.queue.save(queue)) };
  },
  async 'queue/list'(context, scope) {
    return { queues: inScope(context, scope) };
  },
  async 'queue/remove'(context, { taskId }) {
    const { queue } = findEntry(context, taskId);
    return { queue: context.queue.save({ ...queue, entries: queue.entries.filter((one) => one.taskId !== taskId) }) };
  },
  async 'queue/reorder'(context, { taskId, position }) {
    const { queue, entry } = findEntry(context, taskId);
    if (!isQueueEntryOpen(entry.state) || entry.state !== 'queued') {
      throw new EngineError(
        'invalidInput',
        `Task ${taskId} is ${entry.state} in the merge queue of ${queue.base}; only waiting entries can be moved.`,
      );
    }
    const others = queue.entries.filter((one) => one.taskId !== taskId);
    // Nothing moves ahead of an entry that is already in its turn.
    const first = others.findIndex((one) => one.state === 'queued');
    const at = Math.max(Math.min(position, others.length), first === -1 ? others.length : first);
    return { queue: context.queue.save({ ...queue, entries: [...others.slice(0, at), entry, ...others.slice(at)] }) };
  },
  async 'queue/pause'(context, scope) {
    const { repoId, base } = scope;
    // A named base branch can be paused before anything is queued on it.
    const queues = inScope(context, scope);
    if (repoId && base && queues.length === 0) queues.push(context.queue.store.ensure(repoId, base));
    return { queues: queues.map((queue) => context.queue.save({ ...queue, paused: true })) };
  },
  async 'queue/resume'(context, scope) {
    return { queues: inScope(context, scope).map((queue) => context.queue.save({ ...queue, paused: false })) };
  },
};

/** A task that can join a merge queue: finished as done, not discarded or merged, not queued already. */
async function queueableTask(context: EngineContext, taskId: string, base: string | undefined, seen: Set<string>) {
  const { task } = context.store.require(taskId);
  const queued = context.queue.store.find(task.id);
  if (seen.has(task.id) || (queued && isQueueEntryOpen(queued.entry.state))) {
    const where = queued ? ` of ${queued.queue.base} (position ${queued.position + 1})` : '';
    throw new EngineError(
      'invalidInput',
      `Task ${task.id} is already in the merge queue${where}. See \`flotilla queue\`; remove it first to queue it elsewhere.`,
    );
  }
  seen.add(task.id);
  if (task.status === 'discarded')
    throw new EngineError(
      'taskDiscarded',
      `Task ${task.id} was discarded. Restore it first (\`flotilla restore ${task.id}\`), then queue it.`,
    );
  if (task.status === 'merged')
    throw new EngineError('invalidInput', `Task ${task.id} is already merged into ${task.mergedInto ?? 'its base'}.`);
  if (isActive(task.status) || context.runner.isBusy(task.id) || task.status !== 'done') {
    throw new EngineError(
      isActive(task.status) ? 'taskBusy' : 'invalidInput',
      `Task ${task.id} is ${task.status}, not finished: only a task whose agent is done can be queued. ${
        isActive(task.status)
          ? 'Wait for its turn to end, then queue it.'
          : 'Send it a message to finish the work, then queue it.'
      }`,
    );
  }
  const target = mergeTarget(task, base);
  const entry = context.config.requireRepo(task.repoId);
  if (!(await branchTip(entry.repo.path, target)))
    throw new EngineError(
      'notABranch',
      `${target} is not a local branch of ${entry.repo.name}; choose the base (--base <branch>).`,
    );
  return task;
}

function findEntry(context: EngineContext, taskId: string): { queue: MergeQueue; entry: QueueEntry } {
  const found = context.queue.store.find(taskId);
  if (!found)
    throw new EngineError('notFound', `Task ${taskId} is not in a merge queue. See \`flotilla queue\` for what is.`);
  return found;
}

function inScope(context: EngineContext, { repoId, base }: CommandInput<'queue/list'>): MergeQueue[] {
  if (repoId) context.config.requireRepo(repoId);
  return context.queue.store
    .list()
    .filter((queue) => (!repoId || queue.repoId === repoId) && (!base || queue.base === base));
}
