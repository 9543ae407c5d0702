import { memo } from 'react';
import { formatElapsed } from './format.js';
import { useNow } from './use-now.js';

/**
 * How long a task has run: ticking once a second while `endedAt` is null, fixed otherwise. Its own
 * component so the tick re-renders this text alone, not the row or card around it.
 */
export const ElapsedTime = memo(function ElapsedTime({ createdAt, endedAt }: { createdAt: string; endedAt: string | null }) {
  const now = useNow(endedAt === null);
  const elapsed = formatElapsed(createdAt, endedAt ?? now);
  return elapsed ? <span className="meta-item">{elapsed}</span> : null;
});
