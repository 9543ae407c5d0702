import type { Agent, AgentAvailability, AgentServices, AgentTurnContext, TurnOutcome } from '../../agent.js';
import { TurnEmitter } from '../../builtin/turn-emitter.js';
import { findAgentBinary, versionOf, type BinaryLookup } from '../agent-binary.js';
import { defaultStopGraceMs, describeExit, startAgentProcess } from '../agent-process.js';
import { acpAgentId, readAgentSettings, type AgentEntry } from '../agent-settings.js';
import { externalEnvironment, type ExternalAgentOptions } from '../external-options.js';
import { authStatusInText } from '../key-rejected.js';
import { acpCommand, type AcpAgentSpec } from './acp-presets.js';

/** JSON-RPC error code ACP agents answer with when the user must log in first. */
const authRequired = -32000;

/**
 * Any agent that speaks the Agent Client Protocol over stdio (Gemini CLI, the Claude Code and Codex
 * ACP adapters, or a command from agents.json), as a task backend: one agent process per turn in
 * the worktree, the task's ACP session continued on follow-ups, file reads and writes confined to
 * the worktree, permission requests answered through Flotilla, and Stop as session/cancel followed
 * by killing the process group.
 */
export function createAcpAgent(spec: AcpAgentSpec, services: AgentServices, options: ExternalAgentOptions = {}): Agent {
  return {
    id: acpAgentId(spec.name),
    name: spec.label,
    teamAccess: 'mcp',
    detect: () => detectAcpAgent(spec, services, options),
    runTurn: (context) => runAcpTurn(spec, context, services, options),
  };
}

function locate(spec: AcpAgentSpec, entry: AgentEntry, options: ExternalAgentOptions): BinaryLookup {
  const command = acpCommand(spec, entry);
  if (command.configured === undefined && command.programs.length === 0)
    return { found: false, detail: 'No command is set.' };
  return findAgentBinary(command.programs, command.configured, options.env?.['PATH']);
}

/** Whether the agent's program is installed (and its version); whether it is logged in cannot be known offline. */
export async function detectAcpAgent(
  spec: AcpAgentSpec,
  services: AgentServices,
  options: ExternalAgentOptions = {},
): Promise<AgentAvailability> {
  const settings = readAgentSettings(services.home);
  if (settings.problem) return { available: false, detail: settings.problem };
  const entry = settings.entries[acpAgentId(spec.name)] ?? {};
  const lookup = locate(spec, entry, options);
  if (!lookup.found)
    return { available: false, detail: `${spec.label} is not installed: ${lookup.detail} ${spec.install}` };
  const version = await versionOf(lookup.path, externalEnvironment({}, options, entry.env));
  return {
    available: true,
    detail: `${spec.label}${version ? ` ${version}` : ''} (${lookup.path}). Whether it is logged in shows on its first task; if it is not, ${spec.login}.`,
  };
}

async function runAcpTurn(
  spec: AcpAgentSpec,
  context: AgentTurnContext,
  services: AgentServices,
  options: ExternalAgentOptions,
): Promise<TurnOutcome> {
  const emitter = new TurnEmitter(context);
  const settings = readAgentSettings(services.home);
  if (settings.problem) return { reason: 'failed', message: settings.problem };
  const entry = settings.entries[acpAgentId(spec.name)] ?? {};
  const lookup = locate(spec, entry, options);
  if (!lookup.found)
    return { reason: 'failed', message: `${spec.label} is not installed: ${lookup.detail} ${spec.install}` };
  emitter.emit({
    type: 'sandbox.detected',
    sandbox: 'none',
    detail: `${spec.label} runs its own tools outside Flotilla’s sandbox; Flotilla confines the file reads and writes it asks for to the worktree and answers its permission requests.`,
  });
  const args = acpCommand(spec, entry).args;
  const agentProcess = startAgentProcess({
    file: lookup.path,
    args,
    cwd: context.cwd,
    env: externalEnvironment({}, options, entry.env),
  });
  try {
    // The ACP SDK loads with the first ACP turn, so an engine that never runs one does not carry it.
    const { runAcpSession } = await import('./acp-session.js');
    return await runAcpSession({
      context,
      emitter,
      agentProcess,
      spec,
      graceMs: options.stopGraceMs ?? defaultStopGraceMs,
    });
  } catch (error) {
    if (context.signal.aborted) return { reason: 'failed', message: 'Stopped.' };
    const text = acpErrorText(error);
    if (rpcError(error)?.code === authRequired) {
      return { reason: 'failed', message: `${spec.label} needs you to log in first: ${spec.login}. (${text})` };
    }
    // ACP has no error code for a key the model API refused mid-turn; agents put the API's words in the error.
    const status = authStatusInText(text);
    if (status !== null) {
      return {
        reason: 'failed',
        message: `${spec.label}: the model API rejected its key or login (HTTP ${status}). To fix it, ${spec.login}. (${text})`,
      };
    }
    const exit = await Promise.race([
      agentProcess.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
    ]);
    const detail = exit ? describeExit(spec.label, exit, agentProcess.stderrTail()) : `${spec.label} failed: ${text}`;
    return { reason: 'failed', message: detail };
  } finally {
    await agentProcess.stop(options.stopGraceMs);
  }
}

/**
 * An error's words with the details an ACP agent attaches (the SDK sends a thrown error as "Internal error" plus
 * `data.details`).
 */
export function acpErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const data: unknown = rpcError(error)?.data;
  const details =
    typeof data === 'object' && data !== null && 'details' in data ? (data as { details: unknown }).details : undefined;
  if (typeof details === 'string' && details && !error.message.includes(details)) return `${error.message}: ${details}`;
  return error.message;
}

/** An ACP JSON-RPC error (the SDK's RequestError: a numeric code and optional data), or null for anything else. */
function rpcError(error: unknown): { code: number; data?: unknown } | null {
  if (!(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'number') return null;
  return error as Error & { code: number; data?: unknown };
}
