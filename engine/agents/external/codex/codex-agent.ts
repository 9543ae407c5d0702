import type { Agent, AgentServices, AgentTurnContext, TurnOutcome } from '../../agent.js';
import { TurnEmitter } from '../../builtin/turn-emitter.js';
import { findAgentBinary, runQuick } from '../agent-binary.js';
import { externalAgent, type ExternalAgentSpec } from '../detect-external.js';
import { defaultStopGraceMs, describeExit, startAgentProcess } from '../agent-process.js';
import { codexMcpOverrides } from '../mcp-launch.js';
import { readAgentSettings } from '../agent-settings.js';
import { agentModel, type ExternalAgentOptions } from '../external-options.js';
import { codexAccount, codexEnvironment, codexResumeHint } from './codex-launch.js';
import { runCodexExec } from './codex-exec.js';
import { runCodexSession } from './codex-session.js';
import { keyVariable } from '../../../../shared/provider-environment.js';
import type { AgentCredentials } from '../key-rejected.js';

/**
 * Options for the Codex agent: how to talk to it ('auto' probes for app-server and falls back to `codex exec --json`).
 */
export interface CodexAgentOptions extends ExternalAgentOptions {
  transport?: 'auto' | 'exec';
}

const appServerSupport = new Map<string, Promise<boolean>>();

/** Whether this Codex program has `app-server` (older versions only have `exec`); asked once per program. */
function hasAppServer(file: string, env: Record<string, string>): Promise<boolean> {
  let known = appServerSupport.get(file);
  if (!known) {
    known = runQuick(file, ['app-server', '--help'], env).then((output) => output.ok);
    appServerSupport.set(file, known);
  }
  return known;
}

/** The agent id of Codex. */
export const codexId = 'codex';
/** How Codex is named in the thread (and in its session notice). */
export const codexLabel = 'Codex';
const installHint = 'Install it with "npm i -g @openai/codex"';

/**
 * OpenAI's Codex CLI as a task backend, driven through `codex app-server` (JSON-RPC over stdio):
 * a Codex thread per task (resumed on follow-ups), one Codex turn per Flotilla turn with the
 * worktree as its writable sandbox, approvals answered through Flotilla, usage priced from
 * Flotilla's table, and Stop interrupting the turn before the process group is killed.
 */
export function createCodexAgent(services: AgentServices, options: CodexAgentOptions = {}): Agent {
  return externalAgent(codexSpec, services, options, runCodexTurn);
}

/** What the availability check needs to know about Codex. */
const codexSpec: ExternalAgentSpec = {
  id: codexId,
  label: codexLabel,
  binaries: ['codex'],
  installHint,
  account: codexAccount,
  async checkUserLogin(file, env) {
    // `codex login status` reads the stored credentials without going online.
    const status = await runQuick(file, ['login', 'status'], env);
    return status.ok
      ? null
      : `It is not logged in: run \`codex login\` in a terminal, or turn off “Use my own login” for Codex in Settings to use Flotilla's OpenAI key.`;
  },
};

async function runCodexTurn(
  context: AgentTurnContext,
  services: AgentServices,
  options: CodexAgentOptions,
): Promise<TurnOutcome> {
  const emitter = new TurnEmitter(context);
  const settings = readAgentSettings(services.home);
  if (settings.problem) return { reason: 'failed', message: settings.problem };
  const entry = settings.entries[codexId] ?? {};
  const lookup = findAgentBinary(['codex'], entry.path, options.env?.['PATH']);
  if (!lookup.found) return { reason: 'failed', message: `Codex is not installed: ${lookup.detail} ${installHint}.` };
  const account = codexAccount(services, entry);
  if (account.kind === 'missing') return { reason: 'failed', message: account.detail };
  const sandbox = process.platform === 'linux' ? 'bubblewrap' : process.platform === 'darwin' ? 'sandbox-exec' : 'none';
  emitter.emit({
    type: 'sandbox.detected',
    sandbox,
    detail: `Codex runs commands in its own sandbox: the worktree is writable, network ${context.policy.allowNetwork ? 'allowed' : 'blocked'}; it asks Flotilla before anything else.`,
  });
  const mcp = codexMcpOverrides(context.mcpServers ?? []);
  const env = { ...codexEnvironment(account, entry, options), ...mcp.env };
  const configArgs = [...account.configArgs, ...mcp.args];
  const resumeHint = (threadId: string) => codexResumeHint(account, threadId);
  const credentials: AgentCredentials = {
    label: codexLabel,
    kind: account.kind,
    provider: 'OpenAI',
    keyVariable: keyVariable('openai'),
    login: 'run `codex login` in a terminal',
  };
  const ignored = agentModel(context.model, 'openai').ignored;
  if (ignored)
    emitter.noticeOnce(
      `Codex runs OpenAI models only, so it ignores the task's model ${ignored} and uses its default.`,
      'warning',
    );
  if (options.transport === 'exec' || !(await hasAppServer(lookup.path, env))) {
    emitter.noticeOnce(
      'This Codex has no app-server, so Flotilla runs `codex exec --json`: it works sandboxed and cannot ask you for approvals.',
    );
    return runCodexExec(context, emitter, services, {
      file: lookup.path,
      configArgs,
      env,
      label: codexLabel,
      graceMs: options.stopGraceMs ?? defaultStopGraceMs,
      resumeHint,
      credentials,
    });
  }
  const agentProcess = startAgentProcess({
    file: lookup.path,
    args: ['app-server', ...configArgs],
    cwd: context.cwd,
    env,
  });
  try {
    return await runCodexSession({
      context,
      emitter,
      services,
      agentProcess,
      label: codexLabel,
      graceMs: options.stopGraceMs ?? defaultStopGraceMs,
      resumeHint,
      credentials,
    });
  } catch (error) {
    if (context.signal.aborted) return { reason: 'failed', message: 'Stopped.' };
    const exit = await Promise.race([
      agentProcess.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
    ]);
    const detail = exit
      ? describeExit('Codex', exit, agentProcess.stderrTail())
      : `Codex failed: ${error instanceof Error ? error.message : String(error)}`;
    return { reason: 'failed', message: detail };
  } finally {
    await agentProcess.stop(options.stopGraceMs);
  }
}
