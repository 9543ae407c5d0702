import { Readable, Writable } from 'node:stream';
import {
  client,
  methods,
  ndJsonStream,
  PROTOCOL_VERSION,
  type ClientConnection,
  type InitializeResponse,
  type StopReason,
} from '@agentclientprotocol/sdk';
import type { AgentTurnContext, TurnOutcome } from '../../agent.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';
import type { AgentProcess } from '../agent-process.js';
import { clientVersion } from '../external-options.js';
import { findSession, sessionNotice, sessionNoticeSeq } from '../session-notice.js';
import { readTextFile, requestPermission, writeTextFile } from './acp-client-handlers.js';
import type { AcpAgentSpec } from './acp-presets.js';
import { AcpUpdateMapper } from './acp-updates.js';
import { untilAborted } from '../json-values.js';
import { acpMcpServers } from '../mcp-launch.js';

/** Everything one ACP turn needs. */
export interface AcpSessionInput {
  context: AgentTurnContext;
  emitter: TurnEmitter;
  agentProcess: AgentProcess;
  spec: AcpAgentSpec;
  graceMs: number;
}

/**
 * Runs one turn against an ACP agent over stdio: initialize (advertising file access, no
 * terminals), continue the task's session (session/resume, else session/load with its replay
 * muted, else a new session), send the prompt, map updates, and on Stop send session/cancel and
 * give the agent a grace period before the caller kills it.
 */
export async function runAcpSession(input: AcpSessionInput): Promise<TurnOutcome> {
  const { context, emitter, spec } = input;
  const mapper = new AcpUpdateMapper(emitter);
  let replaying = false;
  const app = client({ name: 'flotilla' })
    .onNotification(methods.client.session.update, ({ params }) => {
      if (!replaying) mapper.handle(params.update);
    })
    .onRequest(methods.client.session.requestPermission, ({ params }) => requestPermission(context, params))
    .onRequest(methods.client.fs.readTextFile, ({ params }) => readTextFile(context, emitter, spec.label, params))
    .onRequest(methods.client.fs.writeTextFile, ({ params }) => writeTextFile(context, emitter, spec.label, params));
  const child = input.agentProcess.child;
  const connection = app.connect(
    ndJsonStream(
      Writable.toWeb(child.stdin) as WritableStream<Uint8Array>,
      Readable.toWeb(child.stdout) as ReadableStream<Uint8Array>,
    ),
  );
  try {
    const signal = context.signal;
    const init = await untilAborted(
      connection.agent.request(methods.agent.initialize, {
        protocolVersion: PROTOCOL_VERSION,
        clientCapabilities: { fs: { readTextFile: true, writeTextFile: true }, terminal: false },
        clientInfo: { name: 'flotilla', title: 'Flotilla', version: clientVersion() },
      }),
      signal,
    );
    const session = await untilAborted(
      openSession(connection, input, init, (on) => {
        replaying = on;
      }),
      signal,
    );
    const sessionId = session.id;
    mapper.trackCost(`acp:${spec.name}`, session.continued ? costRecordedInSession(context, spec) : 0);
    const prompt = connection.agent.request(methods.agent.session.prompt, {
      sessionId,
      prompt: [{ type: 'text', text: context.prompt }],
    });
    const exited = input.agentProcess.exited.then(() => 'exited' as const);
    const aborted = new Promise<'aborted'>((resolve) => {
      if (signal.aborted) resolve('aborted');
      signal.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const first = await Promise.race([prompt.then((response) => response.stopReason), exited, aborted]).catch(
      (error: unknown) => {
        // The prompt failed: what the agent streamed before it belongs to this turn, not after its end.
        mapper.flush();
        mapper.abandonTools('The turn failed before the tool finished.');
        throw error;
      },
    );
    if (first === 'aborted') {
      void connection.agent.notify(methods.agent.session.cancel, { sessionId }).catch(() => undefined);
      await Promise.race([
        prompt.catch(() => undefined),
        exited,
        new Promise((resolve) => setTimeout(resolve, input.graceMs)),
      ]);
      mapper.abandonTools('Stopped by the user.');
      return { reason: 'failed', message: 'Stopped.' };
    }
    if (first === 'exited') {
      mapper.abandonTools(`${spec.label} ended before the tool finished.`);
      throw new Error(`${spec.label} ended before the turn finished.`);
    }
    mapper.abandonTools('The turn ended before the tool finished.');
    if (mapper.sessionCostUsd === null)
      emitter.noticeOnce(`${spec.label} reports no cost over ACP, so this task's cost is not tracked.`);
    return outcomeOf(first, spec);
  } finally {
    connection.close();
  }
}

/** Continues the session recorded in the thread when the agent can, else starts one and records it. */
async function openSession(
  connection: ClientConnection,
  input: AcpSessionInput,
  init: InitializeResponse,
  mute: (on: boolean) => void,
): Promise<{ id: string; continued: boolean }> {
  const { context, emitter, spec } = input;
  const previous = findSession(context.history, spec.label);
  const capabilities = init.agentCapabilities ?? {};
  const mcpServers = acpMcpServers(context.mcpServers ?? [], capabilities.mcpCapabilities?.http === true);
  if (previous && (capabilities.sessionCapabilities?.resume || capabilities.loadSession)) {
    try {
      if (capabilities.sessionCapabilities?.resume) {
        await connection.agent.request(methods.agent.session.resume, {
          sessionId: previous,
          cwd: context.cwd,
          mcpServers,
        });
      } else {
        // session/load replays the whole conversation as updates; the thread already has it.
        mute(true);
        await connection.agent
          .request(methods.agent.session.load, { sessionId: previous, cwd: context.cwd, mcpServers })
          .finally(() => mute(false));
      }
      return { id: previous, continued: true };
    } catch (error) {
      if (context.signal.aborted) throw error;
      emitter.notice(
        `${spec.label} could not continue its earlier session ${previous} (${error instanceof Error ? error.message : String(error)}), so this turn starts a new one.`,
        'warning',
      );
    }
  } else if (previous) {
    emitter.notice(
      `${spec.label} cannot continue an earlier session over ACP, so this turn starts a new one without the earlier conversation.`,
      'warning',
    );
  }
  const created = await connection.agent.request(methods.agent.session.new, { cwd: context.cwd, mcpServers });
  emitter.emit(sessionNotice(spec.label, created.sessionId));
  return { id: created.sessionId, continued: false };
}

/** USD already recorded for the current session, since agents report a cumulative session cost. */
function costRecordedInSession(context: AgentTurnContext, spec: AcpAgentSpec): number {
  const since = sessionNoticeSeq(context.history, spec.label);
  const model = `acp:${spec.name}`;
  return context.history.reduce(
    (sum, event) => (event.type === 'usage' && event.model === model && event.seq > since ? sum + event.costUsd : sum),
    0,
  );
}

function outcomeOf(stopReason: StopReason, spec: AcpAgentSpec): TurnOutcome {
  switch (stopReason) {
    case 'end_turn':
      return { reason: 'completed' };
    case 'max_tokens':
      return { reason: 'completed', message: `${spec.label} stopped at its output token limit.` };
    case 'max_turn_requests':
      return {
        reason: 'maxTurns',
        message: `${spec.label} reached its limit of model requests for one turn. Send a message to let it continue.`,
      };
    case 'refusal':
      return { reason: 'failed', message: `${spec.label} refused to continue.` };
    case 'cancelled':
      return { reason: 'failed', message: `${spec.label} cancelled the turn.` };
  }
}
