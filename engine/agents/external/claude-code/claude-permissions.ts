import type { AgentTurnContext } from '../../agent.js';
import { decidePermission, type PermissionQuestion } from '../worktree-approval.js';
import type { Json } from '../json-values.js';

const fileKeys: Record<string, string> = {
  Write: 'file_path',
  Edit: 'file_path',
  MultiEdit: 'file_path',
  Read: 'file_path',
  NotebookEdit: 'notebook_path',
  Glob: 'path',
  Grep: 'path',
};

/** How Flotilla sees one of Claude Code's `can_use_tool` requests: which tool, on which files, shown how. */
export function claudeQuestion(request: Json): PermissionQuestion {
  const tool = typeof request['tool_name'] === 'string' ? request['tool_name'] : 'tool';
  const input = typeof request['input'] === 'object' && request['input'] !== null ? (request['input'] as Json) : {};
  const key = fileKeys[tool];
  const file = key && typeof input[key] === 'string' ? input[key] : null;
  const command = typeof input['command'] === 'string' ? input['command'] : null;
  const description = typeof request['description'] === 'string' ? request['description'] : '';
  const summary = command ?? (file ? `${tool} ${file}` : `${tool}${description ? `: ${description}` : ''}`);
  return { tool, input, summary: summary.slice(0, 500), files: key ? (file ? [file] : []) : null };
}

/**
 * Answers a stream-json control request. `can_use_tool` goes through the shared policy (refuse
 * files outside the worktree, allow worktree edits in auto mode, ask Flotilla otherwise); other
 * requests get an error, as Flotilla registers no hooks or SDK MCP servers.
 */
export async function answerControlRequest(context: AgentTurnContext, line: Json): Promise<Json> {
  const requestId = line['request_id'];
  const request = typeof line['request'] === 'object' && line['request'] !== null ? (line['request'] as Json) : {};
  if (request['subtype'] !== 'can_use_tool') {
    return {
      type: 'control_response',
      response: {
        subtype: 'error',
        request_id: requestId,
        error: `Flotilla does not handle "${String(request['subtype'])}" requests.`,
      },
    };
  }
  const question = claudeQuestion(request);
  const answer = await decidePermission(context, question);
  const response = answer.allow
    ? { behavior: 'allow', updatedInput: question.input }
    : { behavior: 'deny', message: answer.message };
  return { type: 'control_response', response: { subtype: 'success', request_id: requestId, response } };
}
