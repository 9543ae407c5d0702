import type { ThreadEvent } from './events.js';

/** What one event did to the waiting messages: the one whose turn it started, and those it took off the queue unrun. */
export interface QueueChange {
  started: number | null;
  /** Messages that will never run: cancelled by the user, or dropped when the task was stopped. */
  removed: number[];
  /** Why `removed` left the queue. */
  why: 'cancelled' | 'dropped' | null;
}

/**
 * Follows which user messages still wait for a turn, exactly as the engine's pending list does, so
 * the thread, the CLI and a restarted engine agree: each turn.started takes the oldest waiting
 * message, a message.cancelled takes out the one it names, and a stop, an interruption or a
 * failure outside a turn (the worktree could not be made) drops them all. Messages are named by
 * the sequence number of their user.message event.
 */
export class MessageQueue {
  private readonly queue: number[] = [];
  private justEndedTurn = false;

  /** The messages waiting for a turn, oldest first. */
  get waiting(): readonly number[] {
    return this.queue;
  }

  /** True while the message waits for its turn. */
  isWaiting(seq: number): boolean {
    return this.queue.includes(seq);
  }

  /** Folds one event of the thread in, in order. */
  fold(event: ThreadEvent): QueueChange {
    const change: QueueChange = { started: null, removed: [], why: null };
    switch (event.type) {
      case 'user.message':
        this.queue.push(event.seq);
        break;
      case 'turn.started':
        change.started = this.queue.shift() ?? null;
        break;
      case 'message.cancelled': {
        const index = this.queue.indexOf(event.messageSeq);
        if (index >= 0) change.removed = this.queue.splice(index, 1);
        change.why = 'cancelled';
        break;
      }
      case 'status.changed':
        // Stopping (or an engine shutdown) empties the engine's pending list; a failed turn does not.
        if (
          event.status === 'stopped' ||
          event.status === 'interrupted' ||
          (event.status === 'failed' && !this.justEndedTurn)
        ) {
          change.removed = this.queue.splice(0);
          change.why = 'dropped';
        }
        break;
      default:
        break;
    }
    this.justEndedTurn = event.type === 'turn.ended' || (this.justEndedTurn && event.type !== 'status.changed');
    return change;
  }
}
