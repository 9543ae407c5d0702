import { PendingCalls } from '../../../../shared/pending-calls.js';
import type { AgentProcess } from '../agent-process.js';

/** A JSON-RPC error answer from the other side. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** What the other side may send us: notifications, and requests we must answer. */
export interface RpcHandlers {
  onNotification(method: string, params: unknown): void;
  /** Resolves with the result; a thrown RpcError becomes an error answer. */
  onRequest(method: string, params: unknown): Promise<unknown>;
}

type Json = Record<string, unknown>;

/**
 * JSON-RPC 2.0 over a process's stdin/stdout, one message per line (as `codex app-server` speaks
 * it): requests out with promises for their answers, notifications in and out, and answers to the
 * server's own requests (approvals).
 */
export class JsonRpcPeer {
  private readonly pending = new PendingCalls();
  private closed: Error | null = null;

  constructor(
    private readonly agentProcess: AgentProcess,
    private readonly handlers: RpcHandlers,
  ) {
    agentProcess.onLine((line) => this.receive(line));
    void agentProcess.exited.then(() =>
      this.close(new Error(`the process ended${agentProcess.stderrTail() ? `: ${agentProcess.stderrTail()}` : ''}`)),
    );
  }

  /** Sends a request and resolves with its result (rejects on an error answer or when the process ends). */
  request(method: string, params: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(this.closed);
    const { id, promise } = this.pending.register(method);
    this.agentProcess.writeLine(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return promise;
  }

  /** Sends a notification. */
  notify(method: string, params?: unknown): void {
    this.agentProcess.writeLine(
      JSON.stringify(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params }),
    );
  }

  /** Fails every request still waiting (the process ended or the turn is over). */
  close(error: Error): void {
    this.closed ??= error;
    this.pending.failAll(error);
  }

  private receive(line: string): void {
    let message: Json;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      message = value as Json;
    } catch {
      return;
    }
    const method = typeof message['method'] === 'string' ? message['method'] : null;
    const id = message['id'];
    if (method !== null && id !== undefined && id !== null) return void this.answer(id, method, message['params']);
    if (method !== null) return this.handlers.onNotification(method, message['params']);
    if (typeof id !== 'number') return;
    const error = message['error'];
    if (typeof error === 'object' && error !== null) {
      const { code, message: text } = error as { code?: unknown; message?: unknown };
      this.pending.reject(
        id,
        new RpcError(typeof code === 'number' ? code : -32000, typeof text === 'string' ? text : 'request failed'),
      );
    } else this.pending.resolve(id, message['result']);
  }

  private async answer(id: unknown, method: string, params: unknown): Promise<void> {
    try {
      const result = await this.handlers.onRequest(method, params);
      this.agentProcess.writeLine(JSON.stringify({ jsonrpc: '2.0', id, result }));
    } catch (error) {
      const code = error instanceof RpcError ? error.code : -32603;
      const message = error instanceof Error ? error.message : String(error);
      this.agentProcess.writeLine(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
    }
  }
}
