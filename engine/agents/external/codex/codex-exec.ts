import { relative } from 'node:path';
import type { ThreadEvent } from '../../../../shared/events.js';
import type { AgentServices, AgentTurnContext, TurnOutcome } from '../../agent.js';
import { TextStream } from '../../builtin/text-stream.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';
import { describeExit, startAgentProcess } from '../agent-process.js';
import { findSession, sessionNotice, sessionNoticeSeq } from '../session-notice.js';
import { codexModel } from './codex-launch.js';
import { isObject, num, parseJsonLine, str, type Json } from '../json-values.js';
import { authStatusInText, keyRejectedMessage, type AgentCredentials } from '../key-rejected.js';

/** What `codex exec` needs beyond the turn: the program, its config overrides and environment. */
export interface CodexExecLaunch {
  file: string;
  configArgs: readonly string[];
  env: Record<string, string>;
  label: string;
  graceMs: number;
  resumeHint(threadId: string): string;
  /** Whose credentials Codex runs with, to say where to fix them when they are rejected. */
  credentials: AgentCredentials;
}

/**
 * The fallback for Codex versions without `codex app-server`: one `codex exec --json` run per turn
 * (`exec resume <thread>` on follow-ups), its JSONL items mapped to thread events. It cannot put
 * approvals to the user, so it runs only in auto mode, sandboxed to the worktree and never asking.
 */
export async function runCodexExec(
  context: AgentTurnContext,
  emitter: TurnEmitter,
  services: AgentServices,
  launch: CodexExecLaunch,
): Promise<TurnOutcome> {
  if (context.policy.approvalMode === 'ask') {
    return {
      reason: 'failed',
      message:
        'This Codex version has no app-server, so Flotilla cannot ask you before its commands. Update Codex ("npm i -g @openai/codex") or run the task in auto mode.',
    };
  }
  const previous = findSession(context.history, launch.label);
  const model = codexModel(context);
  const args = [
    'exec',
    '--json',
    ...launch.configArgs,
    '-c',
    'approval_policy="never"',
    '-c',
    `sandbox_workspace_write.network_access=${context.policy.allowNetwork}`,
    '-s',
    'workspace-write',
    '-C',
    context.cwd,
    ...(model ? ['-m', model] : []),
    ...(previous ? ['resume', previous, '-'] : ['-']),
  ];
  const agentProcess = startAgentProcess({ file: launch.file, args, cwd: context.cwd, env: launch.env });
  // A rejected key stays rejected: stop Codex at the first rejection rather than after its retries.
  const mapper = new ExecMapper(
    emitter,
    context,
    services,
    launch.label,
    model ?? 'unknown',
    previous,
    launch.resumeHint,
    () => void agentProcess.stop(launch.graceMs),
  );
  agentProcess.onLine((line) => mapper.line(line));
  agentProcess.writeLine(context.prompt);
  agentProcess.endInput();
  const onAbort = () => void agentProcess.stop(launch.graceMs);
  context.signal.addEventListener('abort', onAbort, { once: true });
  if (context.signal.aborted) onAbort();
  const exit = await agentProcess.finished;
  context.signal.removeEventListener('abort', onAbort);
  mapper.close(context.signal.aborted ? 'Stopped by the user.' : 'Codex ended before the tool finished.');
  if (context.signal.aborted) return { reason: 'failed', message: 'Stopped.' };
  if (mapper.authFailure)
    return { reason: 'failed', message: keyRejectedMessage(launch.credentials, mapper.authFailure.status) };
  if (mapper.failure) return { reason: 'failed', message: `Codex: ${mapper.failure}` };
  if (!mapper.completed) return { reason: 'failed', message: describeExit('Codex', exit, agentProcess.stderrTail()) };
  return { reason: 'completed' };
}

/** Maps `codex exec --json` lines (thread.started, item.*, turn.completed / turn.failed) to thread events. */
class ExecMapper {
  completed = false;
  failure: string | null = null;
  authFailure: { status: number } | null = null;
  /** The last error Codex reported, held back in case the turn's failure repeats it. */
  private heldError: string | null = null;
  private readonly text: TextStream;
  private readonly started = new Map<string, number>();

  constructor(
    private readonly emitter: TurnEmitter,
    private readonly context: AgentTurnContext,
    private readonly services: AgentServices,
    private readonly label: string,
    private readonly model: string,
    private readonly previous: string | null,
    private readonly hint: (threadId: string) => string,
    private readonly onAuthFailure: () => void,
  ) {
    this.text = new TextStream(emitter);
  }

  line(raw: string): void {
    const event = parseJsonLine(raw);
    if (!event || this.authFailure) return;
    if (event['type'] !== 'turn.failed' && event['type'] !== 'error') this.releaseError();
    const item = isObject(event['item']) ? event['item'] : null;
    switch (event['type']) {
      case 'thread.started':
        if (str(event['thread_id']) && str(event['thread_id']) !== this.previous) {
          this.emitter.emit(
            sessionNotice(
              this.label,
              str(event['thread_id']),
              `model ${this.model}; ${this.hint(str(event['thread_id']))}`,
            ),
          );
        }
        return;
      case 'item.started':
        if (item) this.start(item);
        return;
      case 'item.completed':
        if (item) this.complete(item);
        return;
      case 'turn.completed':
        this.text.flush();
        this.completed = true;
        return this.usage(isObject(event['usage']) ? event['usage'] : {});
      case 'turn.failed':
        this.failure = isObject(event['error']) ? str(event['error']['message']) : 'the turn failed';
        // The turn fails with this message; the same error as a notice just before it would say it twice.
        if (this.heldError === this.failure) this.heldError = null;
        this.releaseError();
        return;
      case 'error': {
        this.text.flush();
        this.releaseError();
        const status = authStatusInText(str(event['message']));
        if (status !== null) {
          this.authFailure = { status };
          this.onAuthFailure();
          return;
        }
        this.heldError = str(event['message']);
        return;
      }
      default:
        return;
    }
  }

  close(reason: string): void {
    this.releaseError();
    this.text.flush();
    for (const [callId, at] of this.started)
      this.emitter.emit({ type: 'tool.finished', callId, ok: false, result: reason, durationMs: Date.now() - at });
    this.started.clear();
  }

  private releaseError(): void {
    if (this.heldError === null) return;
    this.emitter.emit({ type: 'notice', level: 'warning', message: `Codex: ${this.heldError}` });
    this.heldError = null;
  }

  private start(item: Json): void {
    const id = str(item['id']);
    const name =
      item['type'] === 'command_execution'
        ? 'shell'
        : item['type'] === 'file_change'
          ? 'apply_patch'
          : item['type'] === 'mcp_tool_call'
            ? `${str(item['server'])}.${str(item['tool'])}`
            : null;
    if (!name || this.started.has(id)) return;
    this.text.flush();
    this.started.set(id, Date.now());
    const input =
      item['type'] === 'command_execution'
        ? { command: str(item['command']) }
        : item['type'] === 'file_change'
          ? { changes: this.changes(item) }
          : (item['arguments'] ?? {});
    this.emitter.emit({ type: 'tool.started', callId: id, name, input });
  }

  private complete(item: Json): void {
    const id = str(item['id']);
    switch (item['type']) {
      case 'agent_message':
        return this.text.handlers.onText(`${str(item['text'])}\n`);
      case 'reasoning':
        return this.text.handlers.onReasoning(str(item['text']));
      case 'command_execution':
      case 'file_change':
      case 'mcp_tool_call': {
        this.start(item);
        const at = this.started.get(id) ?? Date.now();
        this.started.delete(id);
        const exitCode = typeof item['exit_code'] === 'number' ? item['exit_code'] : null;
        const ok = str(item['status']) === 'completed' && (exitCode === null || exitCode === 0);
        const result =
          item['type'] === 'file_change'
            ? this.changes(item)
                .map((change) => `${change.kind} ${change.path}`)
                .join('\n')
            : str(item['aggregated_output']) || JSON.stringify(item['result'] ?? item['error'] ?? '');
        this.text.flush();
        this.emitter.emit({ type: 'tool.finished', callId: id, ok, result, durationMs: Date.now() - at });
        return;
      }
      default:
        return;
    }
  }

  private changes(item: Json): { path: string; kind: string }[] {
    const changes = Array.isArray(item['changes']) ? item['changes'].filter(isObject) : [];
    return changes.map((change) => ({
      path: relative(this.context.cwd, str(change['path'])) || str(change['path']),
      kind: str(change['kind']),
    }));
  }

  /** `codex exec` reports the thread's running totals; the thread gets only what this turn added. */
  private usage(usage: Json): void {
    const before = this.previous
      ? recordedInSession(this.context.history, this.label)
      : { input: 0, output: 0, cacheRead: 0, reasoning: 0 };
    const cached = Math.max(0, num(usage['cached_input_tokens']) - before.cacheRead);
    const input = Math.max(0, num(usage['input_tokens']) - num(usage['cached_input_tokens']) - before.input);
    const output = Math.max(0, num(usage['output_tokens']) - before.output);
    const reasoning = Math.max(0, num(usage['reasoning_output_tokens']) - before.reasoning);
    const modelKey = `openai:${this.model}`;
    const price = this.services.prices()[modelKey];
    if (!price)
      this.emitter.noticeOnce(
        `No price is known for ${modelKey}, so Codex's cost is counted as $0. Add its price in the pricing settings to track it.`,
      );
    const costUsd = price ? (input * price.input + cached * price.cacheRead + output * price.output) / 1_000_000 : 0;
    this.emitter.emit({
      type: 'usage',
      model: modelKey,
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: cached,
      cacheWriteTokens: 0,
      reasoningTokens: reasoning,
      costUsd,
    });
  }
}

function recordedInSession(
  history: readonly ThreadEvent[],
  label: string,
): { input: number; output: number; cacheRead: number; reasoning: number } {
  const since = sessionNoticeSeq(history, label);
  const totals = { input: 0, output: 0, cacheRead: 0, reasoning: 0 };
  for (const event of history) {
    if (event.type !== 'usage' || event.seq <= since || !event.model.startsWith('openai:')) continue;
    totals.input += event.inputTokens;
    totals.output += event.outputTokens;
    totals.cacheRead += event.cacheReadTokens;
    totals.reasoning += event.reasoningTokens;
  }
  return totals;
}
