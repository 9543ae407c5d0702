import type { ChangeCount, TaskPhase, TaskStatus } from './task.js';
import type { VerifyResult } from './verify.js';

interface ItemBase {
  /** Stable key: the kind and the sequence number of the event that started the item. */
  id: string;
  seq: number;
  at: string;
}

/** One worktree-preparation phase with its timing. */
export interface PhaseRow {
  phase: TaskPhase;
  state: 'started' | 'finished' | 'failed';
  durationMs: number | null;
  detail: string | null;
}

/** One row of a thread as a person reads it, built from one or more events. */
export type ThreadItem =
  | (ItemBase & {
      kind: 'user';
      text: string;
      /**
       * 'queued' while it waits behind a running turn (shown at the end, with Cancel); 'cancelled' when the user
       * took it back, 'dropped' when the task stopped before its turn; 'sent' otherwise.
       */
      delivery: 'sent' | 'queued' | 'cancelled' | 'dropped';
      /** 'verify' when Flotilla sent a failed verify back to the agent (shown as "Verify failed, retry N of M"). */
      origin: 'user' | 'verify' | 'teammate';
    })
  | (ItemBase & { kind: 'assistant'; text: string; truncated: boolean })
  | (ItemBase & { kind: 'reasoning'; text: string; truncated: boolean })
  | (ItemBase & {
      kind: 'tool';
      callId: string;
      name: string;
      input: unknown;
      output: string;
      outputTruncated: boolean;
      state: 'running' | 'ok' | 'error';
      result: string | null;
      durationMs: number | null;
    })
  | (ItemBase & { kind: 'phases'; phases: PhaseRow[]; output: string; state: 'running' | 'ready' | 'failed' })
  | (ItemBase & {
      kind: 'approval';
      requestId: string;
      tool: string;
      input: unknown;
      summary: string;
      decision: 'approve' | 'deny' | null;
      by: 'user' | 'stop' | null;
    })
  | (ItemBase & {
      kind: 'turnEnded';
      turn: number;
      reason: string;
      message: string | null;
      /**
       * What the turn used: tokens and cost of its model calls, and how long it took (null when its start was not
       * seen).
       */
      tokens: number;
      costUsd: number;
      durationMs: number | null;
    })
  | (ItemBase & { kind: 'status'; status: TaskStatus; message: string | null })
  | (ItemBase & { kind: 'notice'; level: 'info' | 'warning'; message: string })
  | (ItemBase & { kind: 'error'; code: string; message: string })
  | (ItemBase & { kind: 'checkpoint'; commit: string; message: string; changes: ChangeCount | null })
  | (ItemBase & {
      kind: 'compacted';
      method: 'summary' | 'truncation';
      summary: string;
      tokensBefore: number;
      tokensAfter: number;
    })
  | (ItemBase & {
      kind: 'git';
      action:
        | 'merged'
        | 'broughtInBase'
        | 'pushed'
        | 'pullRequest'
        | 'discarded'
        | 'restored'
        | 'worktreeRemoved'
        | 'rolledBack';
      text: string;
    })
  | (ItemBase & { kind: 'sandbox'; sandbox: string; detail: string })
  | (ItemBase & {
      kind: 'verify';
      command: string;
      trigger: 'turn' | 'request';
      /** Retries used before this run, and how many the round may use. */
      retry: number;
      retries: number;
      /** The live output's tail while it runs. */
      output: string;
      outputTruncated: boolean;
      state: 'running' | 'passed' | 'failed';
      result: VerifyResult | null;
      /** True when this failure went back to the agent. */
      willRetry: boolean;
    });

/** The kind of a thread item. */
export type ThreadItemKind = ThreadItem['kind'];
/** A thread item of one kind. */
export type ThreadItemOf<K extends ThreadItemKind> = Extract<ThreadItem, { kind: K }>;

/** Limits that keep a huge thread's memory bounded. */
export interface ThreadLimits {
  /** Items kept; older ones are dropped (and counted) past this. */
  maxItems: number;
  /** Characters of one assistant or reasoning message. */
  maxTextChars: number;
  /** Characters of a tool's live output (the tail is kept) and of setup output. */
  maxOutputChars: number;
}

/** Limits for the app: generous for reading, bounded for a thread of millions of events. */
export const defaultThreadLimits: ThreadLimits = { maxItems: 20_000, maxTextChars: 200_000, maxOutputChars: 64_000 };

/** Keeps the last `max` characters of a growing output. */
export function keepTail(text: string, max: number): { text: string; truncated: boolean } {
  return text.length <= max ? { text, truncated: false } : { text: text.slice(text.length - max), truncated: true };
}
