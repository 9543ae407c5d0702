import type { AgentServices, AgentTurnContext, TurnOutcome } from '../../agent.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';
import type { AgentProcess } from '../agent-process.js';
import { clientVersion } from '../external-options.js';
import { findSession, sessionNotice } from '../session-notice.js';
import { answerCodexRequest } from './codex-approvals.js';
import { CodexEventMapper } from './codex-events.js';
import { codexApprovalPolicy, codexModel, codexSandboxPolicy } from './codex-launch.js';
import { JsonRpcPeer } from './json-rpc.js';
import { McpStartup, mcpStartupWaitMs } from './mcp-startup.js';
import { isObject, untilAborted } from '../json-values.js';
import { keyRejectedMessage, type AgentCredentials } from '../key-rejected.js';

/** Everything one Codex turn needs. */
export interface CodexSessionInput {
  context: AgentTurnContext;
  emitter: TurnEmitter;
  services: AgentServices;
  agentProcess: AgentProcess;
  label: string;
  graceMs: number;
  /** How to continue a thread by hand, for the session notice. */
  resumeHint(threadId: string): string;
  /** Whose credentials Codex runs with, to say where to fix them when they are rejected. */
  credentials: AgentCredentials;
}

/**
 * Runs one turn over an app-server connection: initialize, resume the task's Codex thread (or
 * start one and record it), start a turn with the prompt, map notifications until the turn
 * completes, and on Stop send turn/interrupt and give Codex a grace period to wind down.
 */
export async function runCodexSession(input: CodexSessionInput): Promise<TurnOutcome> {
  const { context, emitter, agentProcess } = input;
  const mapper = new CodexEventMapper(emitter, context.cwd, () => input.services.prices());
  let markEnded = () => {};
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  const startup = new McpStartup();
  const peer = new JsonRpcPeer(agentProcess, {
    onNotification(method, params) {
      startup.observe(method, params);
      mapper.handle(method, params);
      if (mapper.end || mapper.authFailure) markEnded();
    },
    onRequest: (method, params) => answerCodexRequest(context, method, params, mapper.fileChanges),
  });
  const signal = context.signal;
  await untilAborted(
    peer.request('initialize', {
      clientInfo: { name: 'flotilla', title: 'Flotilla', version: clientVersion() },
      capabilities: { experimentalApi: false, requestAttestation: false },
    }),
    signal,
  );
  peer.notify('initialized');
  const thread = await untilAborted(openThread(peer, input), signal);
  mapper.model = thread.model;
  const servers = (context.mcpServers ?? []).map((server) => server.name);
  const late = await startup.ready(servers, mcpStartupWaitMs, signal);
  if (late.length > 0)
    emitter.notice(
      `The MCP server${late.length > 1 ? 's' : ''} ${late.join(', ')} did not start in time (or failed), so Codex begins this turn without ${late.length > 1 ? 'their' : 'its'} tools. Check ${late.length > 1 ? 'them' : 'it'} in Settings → MCP servers.`,
      'warning',
    );
  const model = codexModel(context);
  const started = await untilAborted(
    peer.request('turn/start', {
      threadId: thread.id,
      input: [{ type: 'text', text: context.prompt, text_elements: [] }],
      cwd: context.cwd,
      approvalPolicy: codexApprovalPolicy(context),
      sandboxPolicy: codexSandboxPolicy(context),
      ...(model ? { model } : {}),
    }),
    signal,
  );
  const turnId =
    isObject(started) && isObject(started['turn']) && typeof started['turn']['id'] === 'string'
      ? started['turn']['id']
      : '';
  mapper.follow(turnId);
  if (mapper.end || mapper.authFailure) markEnded();
  const exited = agentProcess.exited.then(() => 'exited' as const);
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  const first = await Promise.race([ended.then(() => 'ended' as const), exited, aborted]);
  if (first === 'aborted') {
    peer.request('turn/interrupt', { threadId: thread.id, turnId }).catch(() => undefined);
    await Promise.race([ended, exited, new Promise((resolve) => setTimeout(resolve, input.graceMs))]);
    mapper.abandonTools('Stopped by the user.');
    return { reason: 'failed', message: 'Stopped.' };
  }
  if (first === 'exited') {
    mapper.abandonTools('Codex ended before the tool finished.');
    throw new Error('Codex ended before the turn finished.');
  }
  if (mapper.authFailure) {
    // The caller stops the app-server; retrying a rejected key only delays the same answer.
    mapper.abandonTools('The model API rejected the credentials.');
    return { reason: 'failed', message: keyRejectedMessage(input.credentials, mapper.authFailure.status) };
  }
  mapper.abandonTools('The turn ended before the tool finished.');
  const end = mapper.end ?? { status: 'failed', error: null };
  switch (end.status) {
    case 'completed':
      return { reason: 'completed' };
    case 'interrupted':
      return { reason: 'failed', message: 'Codex interrupted the turn.' };
    default:
      return { reason: 'failed', message: `Codex: ${end.error ?? `the turn ended as "${end.status}"`}` };
  }
}

/** Resumes the Codex thread recorded in the task's thread, or starts one and records it. */
async function openThread(peer: JsonRpcPeer, input: CodexSessionInput): Promise<{ id: string; model: string }> {
  const { context, emitter, label } = input;
  const model = codexModel(context);
  const params = {
    cwd: context.cwd,
    approvalPolicy: codexApprovalPolicy(context),
    sandbox: 'workspace-write',
    ...(model ? { model } : {}),
  };
  const previous = findSession(context.history, label);
  if (previous) {
    try {
      const resumed = await peer.request('thread/resume', { threadId: previous, ...params, excludeTurns: true });
      return threadOf(resumed, previous, model);
    } catch (error) {
      if (context.signal.aborted) throw error;
      emitter.notice(
        `Codex could not resume its earlier thread ${previous} (${error instanceof Error ? error.message : String(error)}), so this turn starts a new one.`,
        'warning',
      );
    }
  }
  const started = threadOf(await peer.request('thread/start', params), '', model);
  emitter.emit(sessionNotice(label, started.id, `model ${started.model}; ${input.resumeHint(started.id)}`));
  return started;
}

function threadOf(response: unknown, fallbackId: string, model: string | null): { id: string; model: string } {
  const body = isObject(response) ? response : {};
  const thread = isObject(body['thread']) ? body['thread'] : {};
  const id = typeof thread['id'] === 'string' ? thread['id'] : fallbackId;
  if (!id) throw new Error('Codex did not say which thread it started.');
  return { id, model: typeof body['model'] === 'string' ? body['model'] : (model ?? 'unknown') };
}
