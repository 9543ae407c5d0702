import { randomBytes } from 'node:crypto';
import type { ApprovalRequest } from '../agents/agent.js';
import { EngineError } from '../errors.js';
import type { ThreadEventInput } from '../../shared/events.js';
import type { TaskStatus } from '../../shared/task.js';

interface Pending {
  taskId: string;
  settle(decision: 'approve' | 'deny', by: 'user' | 'stop'): void;
}

/** What the approval desk needs from the engine: recording events and statuses. */
export interface ApprovalSink {
  record(taskId: string, input: ThreadEventInput): void;
  setStatus(taskId: string, status: TaskStatus): void;
}

/**
 * Holds agents' pending approval requests until a person answers (task/approve) or the task
 * is stopped. While any request of a task waits, the task is `awaitingApproval`.
 */
export class ApprovalDesk {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly sink: ApprovalSink) {}

  /** Records the request, marks the task as waiting, and resolves with the decision. */
  request(taskId: string, request: ApprovalRequest, signal: AbortSignal): Promise<'approve' | 'deny'> {
    const requestId = `ap-${randomBytes(4).toString('hex')}`;
    this.sink.record(taskId, {
      type: 'approval.requested',
      requestId,
      tool: request.tool,
      input: request.input,
      summary: request.summary,
    });
    this.sink.setStatus(taskId, 'awaitingApproval');
    return new Promise((resolve) => {
      const onAbort = () => settle('deny', 'stop');
      const settle = (decision: 'approve' | 'deny', by: 'user' | 'stop') => {
        if (!this.pending.delete(requestId)) return;
        signal.removeEventListener('abort', onAbort);
        this.sink.record(taskId, { type: 'approval.resolved', requestId, decision, by });
        if (![...this.pending.values()].some((entry) => entry.taskId === taskId) && by === 'user')
          this.sink.setStatus(taskId, 'running');
        resolve(decision);
      };
      this.pending.set(requestId, { taskId, settle });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Answers a pending request; a clear error when there is none with that id for the task. */
  resolve(taskId: string, requestId: string, decision: 'approve' | 'deny'): void {
    const entry = this.pending.get(requestId);
    if (!entry || entry.taskId !== taskId) {
      throw new EngineError(
        'notFound',
        `Task ${taskId} has no pending approval "${requestId}"; it may have been answered already or the task was stopped.`,
      );
    }
    entry.settle(decision, 'user');
  }
}
