import { EngineError } from '../../errors.js';
import type { AgentTurnContext, ApprovalRequest } from '../agent.js';
import { resolveInside } from '../confine.js';

/** What to answer an external agent's permission request with. */
export type PermissionAnswer = { allow: true } | { allow: false; message: string };

/** A permission request from an external agent, in the terms every agent shares. */
export interface PermissionQuestion extends ApprovalRequest {
  /** Files the action reads or writes (as the agent named them); null when it is not a file action. */
  files: readonly string[] | null;
}

/**
 * The policy every external agent follows, so approvals work the same whichever agent runs: a
 * file action naming any path outside the worktree (or inside .git) is refused outright; in `auto`
 * mode file actions inside the worktree go ahead without asking; everything else (commands, web
 * access, files in `ask` mode) is asked through Flotilla, and the user's answer goes back.
 */
export async function decidePermission(
  context: AgentTurnContext,
  question: PermissionQuestion,
): Promise<PermissionAnswer> {
  if (question.files !== null) {
    for (const file of question.files) {
      try {
        await resolveInside(context.cwd, file);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        return { allow: false, message: `Flotilla refused: ${error.message}` };
      }
    }
    if (context.policy.approvalMode === 'auto') return { allow: true };
  }
  const decision = await context.requestApproval({
    tool: question.tool,
    input: question.input,
    summary: question.summary,
  });
  if (decision === 'approve') return { allow: true };
  return {
    allow: false,
    message: context.signal.aborted ? 'The task was stopped.' : 'The user denied this in Flotilla.',
  };
}
