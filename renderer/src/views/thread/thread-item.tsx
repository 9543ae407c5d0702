import { memo } from 'react';
import { formatCost, formatDuration, formatTokens } from '../../components/format.js';
import { Markdown } from '../../components/markdown.js';
import { statusLabel } from '../../components/status-text.js';
import type { ThreadItem, ThreadItemOf } from '../../../../shared/thread-items.js';
import { ApprovalItem } from './approval-item.js';
import { CheckpointItem } from './checkpoint-item.js';
import { Expandable } from './expandable.js';
import { PhasesItem } from './phases-item.js';
import { ToolItem } from './tool-item.js';
import { UserMessage } from './user-message.js';
import { VerifyItem } from './verify-item.js';

const turnReasons: Record<string, string> = {
  stopped: 'Stopped',
  failed: 'The turn failed',
  maxTurns: 'Reached the model-call limit for this turn',
  budget: 'Stopped at the budget',
  interrupted: 'Interrupted',
};

/** One thread item, drawn by its kind; re-renders only when that item changes. */
export const ThreadItemView = memo(function ThreadItemView({ item, taskId }: { item: ThreadItem; taskId: string }) {
  return (
    <div className={`thread-item kind-${item.kind}`} data-testid="thread-item" data-kind={item.kind}>
      <ItemBody item={item} taskId={taskId} />
    </div>
  );
});

function ItemBody({ item, taskId }: { item: ThreadItem; taskId: string }) {
  switch (item.kind) {
    case 'user':
      return <UserMessage item={item} taskId={taskId} />;
    case 'assistant':
      return (
        <div className="message assistant-message">
          <Markdown text={item.text} />
          {item.truncated && <p className="hint">This message is too long to show in full.</p>}
        </div>
      );
    case 'reasoning':
      return (
        <Expandable
          expandKey={`${taskId}/${item.id}`}
          label="Agent reasoning"
          summary={<span className="muted">Thinking</span>}
        >
          <div className="reasoning-text">{item.text}</div>
        </Expandable>
      );
    case 'tool':
      return <ToolItem item={item} taskId={taskId} />;
    case 'phases':
      return <PhasesItem item={item} taskId={taskId} />;
    case 'approval':
      return <ApprovalItem item={item} taskId={taskId} />;
    case 'turnEnded':
      return <TurnEnded item={item} />;
    case 'status':
      return (
        <div
          className={`line-item status-line status-line-${item.status}`}
        >{`${statusLabel(item.status)}${item.message ? `: ${item.message}` : ''}`}</div>
      );
    case 'notice':
      return <div className={`line-item ${item.level === 'warning' ? 'warn' : 'muted'}`}>{item.message}</div>;
    case 'error':
      return (
        <div className="error-block" role="note">
          <strong>{item.code}</strong> {item.message}
        </div>
      );
    case 'checkpoint':
      return <CheckpointItem item={item} taskId={taskId} />;
    case 'compacted':
      return (
        <Expandable
          expandKey={`${taskId}/${item.id}`}
          label="Context compacted"
          summary={
            <span className="muted">{`Compacted the conversation (${item.method}): ${formatTokens(item.tokensBefore)} → ${formatTokens(item.tokensAfter)} tokens`}</span>
          }
        >
          <div className="reasoning-text">{item.summary || 'Older turns were dropped from the model’s context.'}</div>
        </Expandable>
      );
    case 'git':
      return <div className={`line-item ${item.action === 'merged' ? 'ok' : 'muted'}`}>{item.text}</div>;
    case 'sandbox':
      return item.sandbox === 'none' ? (
        <div className="line-item warn">Unsandboxed: {item.detail}</div>
      ) : (
        <div className="line-item muted">
          Sandboxed with {item.sandbox}. {item.detail}
        </div>
      );
    case 'verify':
      return <VerifyItem item={item} taskId={taskId} />;
    default: {
      const unreachable: never = item;
      return unreachable;
    }
  }
}

/** Why a turn ended early; limit messages already say which limit, so they stand alone. */
function turnEndText(item: ThreadItemOf<'turnEnded'>): string {
  if (item.message && (item.reason === 'budget' || item.reason === 'maxTurns')) return item.message;
  return `${turnReasons[item.reason] ?? item.reason}${item.message ? `: ${item.message}` : ''}`;
}

/** What a turn used, as one muted line: "Turn 2 · 8.4k tokens · $0.03 · 18s". */
function turnUsage(item: ThreadItemOf<'turnEnded'>): string {
  const parts = [`Turn ${item.turn}`];
  if (item.tokens > 0) parts.push(`${formatTokens(item.tokens)} tokens`);
  const cost = formatCost(item.costUsd);
  if (cost) parts.push(cost);
  if (item.durationMs !== null) parts.push(formatDuration(item.durationMs));
  return parts.join(' · ');
}

/** The end of a turn: why it ended when that was not simply completing, and what it used. */
function TurnEnded({ item }: { item: ThreadItemOf<'turnEnded'> }) {
  return (
    <>
      {item.reason !== 'completed' && (
        <div className="line-item warn" data-testid="turn-ended">
          {turnEndText(item)}
        </div>
      )}
      <div className="line-item muted turn-usage" data-testid="turn-usage">
        {turnUsage(item)}
      </div>
    </>
  );
}
