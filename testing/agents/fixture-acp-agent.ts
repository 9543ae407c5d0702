// A small ACP agent for tests, built on the SDK's agent side and run as a child process over stdio:
// `node --import tsx fixture-acp-agent.ts`. Each prompt line is a step:
//   say <text> | think <text> | plan <a>; <b> | cost <usd>
//   write <path> <text>   tool call (kind edit) → permission → fs/write_text_file
//   sneak <path> <text>   fs/write_text_file without asking first
//   read <path>           fs/read_text_file, then says what it read
//   run <command>         tool call (kind execute) → permission → pretends to run it
//   slow <n>              n chunks 100 ms apart, ending early on session/cancel
//   hang                  ignores session/cancel and SIGTERM until killed
//   fail <text>           the prompt fails with a plain error (the SDK sends it as "Internal error" with details)
//   login                 the prompt fails with ACP's auth_required error
//   mcp <server> <tool> <json>  calls a tool of an MCP server given in session/new (MCP SDK client) and says the result
// Sessions are kept in FIXTURE_STATE (a JSON file) so a later process can session/resume them and tests
// can see that session/cancel arrived.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import {
  agent,
  methods,
  ndJsonStream,
  PROTOCOL_VERSION,
  RequestError,
  type AgentContext,
  type McpServer,
  type RequestPermissionRequest,
  type SessionUpdate,
} from '@agentclientprotocol/sdk';
import { callGivenMcpTool } from './fixture-acp-mcp.js';

const statePath = process.env['FIXTURE_STATE'] ?? '';
type State = Record<string, { cwd: string; prompts: number; cancelled?: boolean; mcpServers?: McpServer[] }>;
const load = (): State =>
  statePath && existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as State) : {};
const save = (state: State) => statePath && writeFileSync(statePath, JSON.stringify(state));
const cancelled = new Set<string>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function update(client: AgentContext, sessionId: string, change: SessionUpdate): Promise<void> {
  await client.notify(methods.client.session.update, { sessionId, update: change });
}

const say = (client: AgentContext, sessionId: string, text: string) =>
  update(client, sessionId, { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } });

async function toolCall(
  client: AgentContext,
  sessionId: string,
  id: string,
  title: string,
  kind: 'edit' | 'execute',
  path: string | null,
): Promise<boolean> {
  const locations = path ? [{ path }] : [];
  await update(client, sessionId, {
    sessionUpdate: 'tool_call',
    toolCallId: id,
    title,
    kind,
    status: 'pending',
    locations,
    rawInput: { title },
  });
  const request: RequestPermissionRequest = {
    sessionId,
    toolCall: { toolCallId: id, title, kind, locations },
    options: [
      { optionId: 'yes', name: 'Allow', kind: 'allow_once' },
      { optionId: 'no', name: 'Reject', kind: 'reject_once' },
    ],
  };
  const answer = await client.request(methods.client.session.requestPermission, request);
  const allowed = answer.outcome.outcome === 'selected' && answer.outcome.optionId === 'yes';
  if (!allowed)
    await update(client, sessionId, {
      sessionUpdate: 'tool_call_update',
      toolCallId: id,
      status: 'failed',
      content: [{ type: 'content', content: { type: 'text', text: 'Permission denied.' } }],
    });
  return allowed;
}

async function finish(client: AgentContext, sessionId: string, id: string, ok: boolean, text: string): Promise<void> {
  await update(client, sessionId, {
    sessionUpdate: 'tool_call_update',
    toolCallId: id,
    status: ok ? 'completed' : 'failed',
    content: [{ type: 'content', content: { type: 'text', text } }],
  });
}

async function step(
  client: AgentContext,
  sessionId: string,
  cwd: string,
  line: string,
  index: number,
): Promise<'cancelled' | null> {
  const [verb = '', ...rest] = line.trim().split(' ');
  const argument = rest.join(' ');
  const [path = '', ...words] = rest;
  const absolute = isAbsolute(path) ? path : join(cwd, path);
  const id = `call-${index}`;
  switch (verb) {
    case 'say':
      await say(client, sessionId, `${argument}\n`);
      return null;
    case 'think':
      await update(client, sessionId, {
        sessionUpdate: 'agent_thought_chunk',
        content: { type: 'text', text: argument },
      });
      return null;
    case 'plan':
      await update(client, sessionId, {
        sessionUpdate: 'plan',
        entries: argument.split(';').map((content, at) => ({
          content: content.trim(),
          priority: 'medium',
          status: at === 0 ? 'completed' : 'pending',
        })),
      });
      return null;
    case 'cost':
      await update(client, sessionId, {
        sessionUpdate: 'usage_update',
        used: 1000,
        size: 200_000,
        cost: { amount: Number(argument), currency: 'USD' },
      });
      return null;
    case 'write':
      if (!(await toolCall(client, sessionId, id, `Write ${path}`, 'edit', absolute))) return null;
      return writeStep(client, sessionId, id, absolute, words.join(' '));
    case 'sneak':
      await update(client, sessionId, {
        sessionUpdate: 'tool_call',
        toolCallId: id,
        title: `Write ${path}`,
        kind: 'edit',
        status: 'in_progress',
        rawInput: { path },
      });
      return writeStep(client, sessionId, id, absolute, words.join(' '));
    case 'read': {
      const { content } = await client.request(methods.client.fs.readTextFile, { sessionId, path: absolute });
      await say(client, sessionId, `Read: ${content}`);
      return null;
    }
    case 'run':
      if (await toolCall(client, sessionId, id, `Run ${argument}`, 'execute', null))
        await finish(client, sessionId, id, true, `ran ${argument}`);
      return null;
    case 'slow':
      for (let count = 0; count < Number(argument); count += 1) {
        if (cancelled.has(sessionId)) return 'cancelled';
        await say(client, sessionId, `chunk ${count} `);
        await sleep(100);
      }
      return null;
    case 'mcp': {
      const [server = '', tool = '', ...json] = rest;
      const input = JSON.parse(json.join(' ') || '{}') as Record<string, unknown>;
      await update(client, sessionId, {
        sessionUpdate: 'tool_call',
        toolCallId: id,
        title: `${server}/${tool}`,
        kind: 'fetch',
        status: 'in_progress',
        rawInput: input,
      });
      const result = await callGivenMcpTool(load()[sessionId]?.mcpServers ?? [], server, tool, input);
      await finish(client, sessionId, id, result.ok, result.text);
      await say(client, sessionId, `MCP said: ${result.text}\n`);
      return null;
    }
    case 'fail':
      throw new Error(argument);
    case 'login':
      throw RequestError.authRequired(undefined, 'the stored login expired');
    case 'hang':
      process.on('SIGTERM', () => undefined);
      await say(client, sessionId, 'hanging ');
      await new Promise(() => undefined);
      return null;
    default:
      return null;
  }
}

async function writeStep(
  client: AgentContext,
  sessionId: string,
  id: string,
  path: string,
  text: string,
): Promise<null> {
  try {
    await client.request(methods.client.fs.writeTextFile, { sessionId, path, content: `${text}\n` });
    await update(client, sessionId, {
      sessionUpdate: 'tool_call_update',
      toolCallId: id,
      status: 'completed',
      content: [{ type: 'diff', path, newText: `${text}\n` }],
    });
  } catch (error) {
    await finish(
      client,
      sessionId,
      id,
      false,
      `write refused: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return null;
}

const app = agent({ name: 'fixture-acp-agent' })
  .onRequest(methods.agent.initialize, () => ({
    protocolVersion: PROTOCOL_VERSION,
    agentCapabilities: { sessionCapabilities: { resume: {} } },
    agentInfo: { name: 'fixture', version: '1.0.0' },
  }))
  .onRequest(methods.agent.session.new, ({ params }) => {
    const state = load();
    const sessionId = `fixture-${Object.keys(state).length + 1}-${process.pid}`;
    state[sessionId] = { cwd: params.cwd, prompts: 0, mcpServers: params.mcpServers };
    save(state);
    return { sessionId };
  })
  .onRequest(methods.agent.session.resume, ({ params }) => {
    if (!load()[params.sessionId]) throw new RequestError(-32002, `unknown session ${params.sessionId}`);
    return {};
  })
  .onNotification(methods.agent.session.cancel, ({ params }) => {
    cancelled.add(params.sessionId);
    const state = load();
    const session = state[params.sessionId];
    if (session) save({ ...state, [params.sessionId]: { ...session, cancelled: true } });
  })
  .onRequest(methods.agent.session.prompt, async ({ params, client }) => {
    const state = load();
    const session = state[params.sessionId];
    if (!session) throw new RequestError(-32002, `unknown session ${params.sessionId}`);
    session.prompts += 1;
    save(state);
    await say(client, params.sessionId, `(prompt ${session.prompts} of ${params.sessionId}) `);
    const text = params.prompt.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
    for (const [index, line] of text.split('\n').entries()) {
      if ((await step(client, params.sessionId, session.cwd, line, index)) === 'cancelled')
        return { stopReason: 'cancelled' };
    }
    return { stopReason: cancelled.has(params.sessionId) ? 'cancelled' : 'end_turn' };
  });

const connection = app.connect(
  ndJsonStream(
    Writable.toWeb(process.stdout) as WritableStream<Uint8Array>,
    Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>,
  ),
);
await connection.closed;
