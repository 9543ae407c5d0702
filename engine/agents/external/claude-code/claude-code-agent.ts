import type { Agent, AgentServices, AgentTurnContext, TurnOutcome } from '../../agent.js';
import { TurnEmitter } from '../../builtin/turn-emitter.js';
import { findAgentBinary, runQuick } from '../agent-binary.js';
import { externalAgent, type ExternalAgentSpec } from '../detect-external.js';
import { describeExit, startAgentProcess } from '../agent-process.js';
import { readAgentSettings } from '../agent-settings.js';
import { agentModel, type ExternalAgentOptions } from '../external-options.js';
import { findSession, sessionNotice } from '../session-notice.js';
import { claudeAccount, claudeArgs, claudeEnvironment, claudeResumeHint, userMessageLine } from './claude-launch.js';
import { answerControlRequest } from './claude-permissions.js';
import { ClaudeStreamMapper } from './claude-stream.js';
import { keyVariable } from '../../../../shared/provider-environment.js';
import { parseJsonLine } from '../json-values.js';
import { claudeMcpArgs } from '../mcp-launch.js';
import { join } from 'node:path';
import { keyRejectedMessage, type AgentCredentials } from '../key-rejected.js';

/** The agent id of Claude Code. */
export const claudeCodeId = 'claude-code';
/** How Claude Code is named in the thread (and in its session notice). */
export const claudeLabel = 'Claude Code';
const installHint = 'Install it with "npm i -g @anthropic-ai/claude-code"';
/** How long Claude Code may take to exit after its result before it is stopped. */
const lingerMs = 5_000;

/**
 * Claude Code as a task backend, driven through its stream-json interface (`claude -p` with
 * stream-json in and out): partial messages stream into the thread, its permission prompts come
 * over the control protocol (`--permission-prompt-tool stdio`) and are answered by Flotilla's
 * approval policy, the CLI's own cost is recorded, follow-ups `--resume` the session named in the
 * thread's session notice, and Stop kills its process group.
 */
export function createClaudeCodeAgent(services: AgentServices, options: ExternalAgentOptions = {}): Agent {
  return externalAgent(claudeSpec, services, options, runClaudeTurn);
}

/** What the availability check needs to know about Claude Code. */
const claudeSpec: ExternalAgentSpec = {
  id: claudeCodeId,
  label: claudeLabel,
  binaries: ['claude'],
  installHint,
  account: claudeAccount,
  async checkUserLogin(file, env) {
    // `claude auth status` reads the stored login without going online.
    const status = await runQuick(file, ['auth', 'status'], env);
    if (/"loggedIn"\s*:\s*true/.test(status.stdout)) return null;
    return `It is not logged in: run \`claude\` in a terminal and log in, or turn off “Use my own login” for Claude Code in Settings to use Flotilla's Anthropic key.`;
  },
};

async function runClaudeTurn(
  context: AgentTurnContext,
  services: AgentServices,
  options: ExternalAgentOptions,
): Promise<TurnOutcome> {
  const emitter = new TurnEmitter(context);
  const settings = readAgentSettings(services.home);
  if (settings.problem) return { reason: 'failed', message: settings.problem };
  const entry = settings.entries[claudeCodeId] ?? {};
  const lookup = findAgentBinary(['claude'], entry.path, options.env?.['PATH']);
  if (!lookup.found)
    return { reason: 'failed', message: `Claude Code is not installed: ${lookup.detail} ${installHint}.` };
  const account = claudeAccount(services, entry);
  if (account.kind === 'missing') return { reason: 'failed', message: account.detail };
  emitter.emit({
    type: 'sandbox.detected',
    sandbox: 'none',
    detail:
      'Claude Code runs its own tools outside Flotilla’s sandbox; Flotilla refuses its file edits outside the worktree and asks before anything else it asks permission for.',
  });
  const ignored = agentModel(context.model, 'anthropic').ignored;
  if (ignored)
    emitter.noticeOnce(
      `Claude Code runs Anthropic models only, so it ignores the task's model ${ignored} and uses its default.`,
      'warning',
    );
  const resume = findSession(context.history, claudeLabel);
  const mcpArgs = claudeMcpArgs(
    context.mcpServers ?? [],
    join(services.home, 'agents', 'mcp'),
    context.taskId,
    context.policy.approvalMode,
  );
  const hint = (sessionId: string) => claudeResumeHint(account, sessionId);
  const credentials: AgentCredentials = {
    label: claudeLabel,
    kind: account.kind,
    provider: 'Anthropic',
    keyVariable: keyVariable('anthropic'),
    login: 'run `claude` in a terminal and log in',
  };
  const outcome = await runClaudeProcess(
    context,
    emitter,
    {
      file: lookup.path,
      args: [...claudeArgs(context, resume), ...mcpArgs],
      env: claudeEnvironment(account, entry, options),
      credentials,
      hint,
    },
    resume,
    options,
    services,
  );
  if (outcome.kind === 'sessionMissing') {
    emitter.notice(
      `Claude Code could not find its earlier session ${resume ?? ''}, so this turn starts a new conversation.`,
      'warning',
    );
    const fresh = await runClaudeProcess(
      context,
      emitter,
      {
        file: lookup.path,
        args: [...claudeArgs(context, null), ...mcpArgs],
        env: claudeEnvironment(account, entry, options),
        credentials,
        hint,
      },
      null,
      options,
      services,
    );
    return fresh.kind === 'sessionMissing' ? { reason: 'failed', message: fresh.message } : fresh.outcome;
  }
  return outcome.outcome;
}

type RunResult = { kind: 'done'; outcome: TurnOutcome } | { kind: 'sessionMissing'; message: string };

async function runClaudeProcess(
  context: AgentTurnContext,
  emitter: TurnEmitter,
  launch: {
    file: string;
    args: string[];
    env: Record<string, string>;
    credentials: AgentCredentials;
    hint(sessionId: string): string;
  },
  resume: string | null,
  options: ExternalAgentOptions,
  services: AgentServices,
): Promise<RunResult> {
  const agentProcess = startAgentProcess({ file: launch.file, args: launch.args, env: launch.env, cwd: context.cwd });
  const mapper = new ClaudeStreamMapper(
    emitter,
    () => services.prices(),
    () => void agentProcess.stop(options.stopGraceMs),
  );
  agentProcess.onLine((raw) => {
    const line = parseJsonLine(raw);
    if (!line) return;
    if (line['type'] === 'control_request') {
      void answerControlRequest(context, line)
        .catch((error: unknown) => ({
          type: 'control_response',
          response: { subtype: 'error', request_id: line['request_id'], error: String(error) },
        }))
        .then((response) => agentProcess.writeLine(JSON.stringify(response)));
      return;
    }
    mapper.handle(line);
    if (line['type'] === 'system' && line['subtype'] === 'init' && mapper.sessionId && mapper.sessionId !== resume) {
      emitter.emit(
        sessionNotice(
          claudeLabel,
          mapper.sessionId,
          `model ${mapper.model ?? 'default'}; ${launch.hint(mapper.sessionId)}`,
        ),
      );
    }
    // The run is over once the result is in; closing stdin lets the CLI exit (and if it lingers, it is ended).
    if (line['type'] === 'result') {
      agentProcess.endInput();
      linger ??= setTimeout(() => void agentProcess.stop(options.stopGraceMs), lingerMs);
    }
  });
  let linger: NodeJS.Timeout | undefined;
  agentProcess.writeLine(userMessageLine(context.prompt));
  const onAbort = () => void agentProcess.stop(options.stopGraceMs);
  context.signal.addEventListener('abort', onAbort, { once: true });
  if (context.signal.aborted) onAbort();
  const exit = await agentProcess.finished;
  clearTimeout(linger);
  context.signal.removeEventListener('abort', onAbort);
  mapper.flush();
  if (context.signal.aborted) {
    mapper.abandonTools('Stopped by the user.');
    return { kind: 'done', outcome: { reason: 'failed', message: 'Stopped.' } };
  }
  if (mapper.authFailure) {
    mapper.abandonTools('The model API rejected the credentials.');
    return {
      kind: 'done',
      outcome: { reason: 'failed', message: keyRejectedMessage(launch.credentials, mapper.authFailure.status) },
    };
  }
  const result = mapper.result;
  const stderr = agentProcess.stderrTail();
  if (resume && result?.isError !== false && /no conversation found/i.test(stderr))
    return { kind: 'sessionMissing', message: stderr };
  if (!result) {
    mapper.abandonTools('Claude Code ended before the tool finished.');
    return { kind: 'done', outcome: { reason: 'failed', message: describeExit('Claude Code', exit, stderr) } };
  }
  return { kind: 'done', outcome: outcomeOf(result.subtype, result.isError, result.text) };
}

function outcomeOf(subtype: string, isError: boolean, text: string): TurnOutcome {
  if (subtype === 'success' && !isError) return { reason: 'completed' };
  if (subtype === 'error_max_turns')
    return {
      reason: 'maxTurns',
      message: 'Claude Code reached the task’s limit of model calls for one turn. Send a message to let it continue.',
    };
  if (subtype === 'error_max_budget_usd')
    return { reason: 'budget', message: 'Claude Code reached its spending limit.' };
  return { reason: 'failed', message: `Claude Code: ${text || subtype}` };
}
