import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  RequestError,
  type PermissionOption,
  type ReadTextFileRequest,
  type ReadTextFileResponse,
  type RequestPermissionRequest,
  type RequestPermissionResponse,
  type WriteTextFileRequest,
  type WriteTextFileResponse,
} from '@agentclientprotocol/sdk';
import { EngineError } from '../../../errors.js';
import type { AgentTurnContext } from '../../agent.js';
import type { TurnEmitter } from '../../builtin/turn-emitter.js';
import { resolveInside } from '../../confine.js';
import { decidePermission, type PermissionQuestion } from '../worktree-approval.js';

/** Tool kinds that only touch files; their locations decide whether they stay in the worktree. */
const fileKinds = new Set(['read', 'edit', 'delete', 'move', 'search']);

/** The worktree path an agent named, or a protocol error saying why it is refused (and a notice in the thread). */
async function confined(
  context: AgentTurnContext,
  emitter: TurnEmitter,
  label: string,
  verb: string,
  path: string,
): Promise<string> {
  try {
    return await resolveInside(context.cwd, path);
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    emitter.notice(`Refused ${label}'s request to ${verb} ${path}: ${error.message}`, 'warning');
    throw new RequestError(-32602, error.message);
  }
}

/** fs/read_text_file: reads a file inside the worktree, optionally from a 1-based `line` for `limit` lines. */
export async function readTextFile(
  context: AgentTurnContext,
  emitter: TurnEmitter,
  label: string,
  params: ReadTextFileRequest,
): Promise<ReadTextFileResponse> {
  const path = await confined(context, emitter, label, 'read', params.path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RequestError(
      -32002,
      `Cannot read ${params.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (params.line == null && params.limit == null) return { content: text };
  const lines = text.split('\n');
  const start = Math.max(0, (params.line ?? 1) - 1);
  const end = params.limit == null ? lines.length : start + params.limit;
  return { content: lines.slice(start, end).join('\n') };
}

/** fs/write_text_file: writes a file inside the worktree (creating folders), refusing anything outside. */
export async function writeTextFile(
  context: AgentTurnContext,
  emitter: TurnEmitter,
  label: string,
  params: WriteTextFileRequest,
): Promise<WriteTextFileResponse> {
  // An agent may still write while it winds down after a stop (or a budget); the task's files are no longer its to
  // change.
  if (context.signal.aborted)
    throw new Error(`The task was stopped, so ${label} may not write ${params.path} any more.`);
  const path = await confined(context, emitter, label, 'write', params.path);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, params.content);
  return {};
}

/** How Flotilla sees an ACP permission request: the tool, its input, and (for file tools) its paths. */
export function acpQuestion(request: RequestPermissionRequest): PermissionQuestion {
  const call = request.toolCall;
  const kind = call.kind ?? 'other';
  const title = call.title ?? kind;
  const files = fileKinds.has(kind) ? (call.locations ?? []).map((location) => location.path) : null;
  return {
    tool: title,
    input: call.rawInput ?? { kind, locations: call.locations ?? [] },
    summary: title.slice(0, 500),
    files,
  };
}

/**
 * session/request_permission: decided by the shared policy (file tools outside the worktree
 * refused, inside allowed in auto mode, everything else asked via Flotilla), answered with the
 * agent's own allow or reject option.
 */
export async function requestPermission(
  context: AgentTurnContext,
  request: RequestPermissionRequest,
): Promise<RequestPermissionResponse> {
  const answer = await decidePermission(context, acpQuestion(request));
  if (context.signal.aborted) return { outcome: { outcome: 'cancelled' } };
  const option = pick(
    request.options,
    answer.allow ? ['allow_once', 'allow_always'] : ['reject_once', 'reject_always'],
  );
  return option
    ? { outcome: { outcome: 'selected', optionId: option.optionId } }
    : { outcome: { outcome: 'cancelled' } };
}

function pick(options: readonly PermissionOption[], kinds: readonly string[]): PermissionOption | undefined {
  for (const kind of kinds) {
    const option = options.find((candidate) => candidate.kind === kind);
    if (option) return option;
  }
  return undefined;
}
