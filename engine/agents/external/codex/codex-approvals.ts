import type { AgentTurnContext } from '../../agent.js';
import { decidePermission, type PermissionQuestion } from '../worktree-approval.js';
import type { CodexFileChange } from './codex-events.js';
import { RpcError } from './json-rpc.js';
import { isObject, str, type Json } from '../json-values.js';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

/**
 * Answers the requests `codex app-server` sends its client: command, file-change and permission
 * approvals go through the shared policy (files outside the worktree refused, the rest asked via
 * Flotilla); questions Flotilla cannot put to the user are refused with an error.
 */
export async function answerCodexRequest(
  context: AgentTurnContext,
  method: string,
  params: unknown,
  fileChanges: ReadonlyMap<string, CodexFileChange[]>,
): Promise<unknown> {
  const input = isObject(params) ? params : {};
  switch (method) {
    case 'item/commandExecution/requestApproval': {
      const allowed = await ask(context, commandQuestion(str(input['command']), str(input['cwd']), input['reason']));
      return { decision: allowed ? 'accept' : 'decline' };
    }
    case 'item/fileChange/requestApproval': {
      const changes = fileChanges.get(str(input['itemId'])) ?? [];
      const allowed = await ask(context, fileQuestion(changes, input['reason'], str(input['grantRoot'])));
      return { decision: allowed ? 'accept' : 'decline' };
    }
    case 'item/permissions/requestApproval':
      return answerPermissions(context, input);
    case 'execCommandApproval': {
      const allowed = await ask(
        context,
        commandQuestion(strings(input['command']).join(' '), str(input['cwd']), input['reason']),
      );
      return { decision: allowed ? 'approved' : { denied: { rejection: 'The user denied this in Flotilla.' } } };
    }
    case 'applyPatchApproval': {
      const files = isObject(input['fileChanges']) ? Object.keys(input['fileChanges']) : [];
      const allowed = await ask(
        context,
        fileQuestion(
          files.map((path) => ({ path, kind: 'update', diff: '' })),
          input['reason'],
          str(input['grantRoot']),
        ),
      );
      return { decision: allowed ? 'approved' : { denied: { rejection: 'The user denied this in Flotilla.' } } };
    }
    case 'mcpServer/elicitation/request':
      return answerElicitation(context, input);
    default:
      throw new RpcError(
        -32601,
        `Flotilla cannot answer "${method}" requests; the task runs without interactive questions.`,
      );
  }
}

/**
 * An MCP server's question through Codex. Codex asks this way before each call to a tool of the user's MCP servers
 * (`_meta.codex_approval_kind: "mcp_tool_call"`): that follows the task's approval mode, as the built-in agent's MCP
 * calls do (auto: go ahead; ask: the user decides). Any other question (a form to fill in, a URL to visit) cannot be
 * answered from a task, so it is declined.
 */
async function answerElicitation(context: AgentTurnContext, input: Json): Promise<unknown> {
  const meta = isObject(input['_meta']) ? input['_meta'] : {};
  if (meta['codex_approval_kind'] !== 'mcp_tool_call') return { action: 'decline', content: null, _meta: null };
  const server = str(input['serverName']) || 'an MCP server';
  const tool = `${server}__${str(meta['tool_name']) || 'tool'}`;
  const allowed =
    context.policy.approvalMode === 'auto' ||
    (await ask(context, {
      tool,
      input: meta['tool_params'] ?? {},
      summary: (str(input['message']) || `${tool}`).slice(0, 500),
      files: null,
    }));
  return { action: allowed ? 'accept' : 'decline', content: allowed ? {} : null, _meta: null };
}

async function ask(context: AgentTurnContext, question: PermissionQuestion): Promise<boolean> {
  return (await decidePermission(context, question)).allow;
}

function commandQuestion(command: string, cwd: string, reason: unknown): PermissionQuestion {
  const why = str(reason);
  return {
    tool: 'shell',
    input: { command, cwd, ...(why ? { reason: why } : {}) },
    summary: command || 'a command',
    files: null,
  };
}

function fileQuestion(changes: readonly CodexFileChange[], reason: unknown, grantRoot: string): PermissionQuestion {
  const why = str(reason);
  const files = [...changes.map((change) => change.path), ...(grantRoot ? [grantRoot] : [])];
  const summary =
    changes.length > 0
      ? `apply_patch: ${changes.map((change) => `${change.kind} ${change.path}`).join(', ')}`
      : `apply_patch${why ? `: ${why}` : ''}`;
  return {
    tool: 'apply_patch',
    input: { changes, ...(why ? { reason: why } : {}), ...(grantRoot ? { grantRoot } : {}) },
    summary: summary.slice(0, 500),
    files,
  };
}

async function answerPermissions(context: AgentTurnContext, input: Json): Promise<unknown> {
  const requested = isObject(input['permissions']) ? input['permissions'] : {};
  const fileSystem = isObject(requested['fileSystem']) ? requested['fileSystem'] : null;
  const writes = fileSystem ? strings(fileSystem['write']) : [];
  const network = isObject(requested['network']) && requested['network']['enabled'] === true;
  const wants =
    [...(writes.length > 0 ? [`write to ${writes.join(', ')}`] : []), ...(network ? ['network access'] : [])].join(
      ' and ',
    ) || 'more permissions';
  const why = str(input['reason']);
  const allowed = await ask(context, {
    tool: 'permissions',
    input: requested,
    summary: `Codex asks for ${wants}${why ? `: ${why}` : ''}`,
    files: writes.length > 0 ? writes : null,
  });
  if (!allowed) return { permissions: {}, scope: 'turn' };
  const granted: Json = {};
  if (isObject(requested['network'])) granted['network'] = requested['network'];
  if (fileSystem) granted['fileSystem'] = fileSystem;
  return { permissions: granted, scope: 'turn' };
}
