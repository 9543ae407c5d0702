import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import { useStore } from '../../store/store.js';
import type { ThreadItem } from '../../../../shared/thread-items.js';
import { EarlierRow } from './earlier-row.js';
import { ThreadItemView } from './thread-item.js';

const noItems: readonly ThreadItem[] = [];
/** How close to the end (px) still counts as following the output. */
const followSlack = 64;
/** How close to the top (px) starts loading the earlier page, so it is there before the user reaches it. */
const earlierSlack = 800;

function estimate(item: ThreadItem | undefined): number {
  if (!item) return 40;
  if (item.kind === 'assistant' || item.kind === 'user')
    return Math.min(600, 48 + Math.ceil(item.text.length / 90) * 22);
  if (item.kind === 'approval') return 140;
  return 40;
}

/**
 * A thread's items in a virtual list: only the rows on screen exist, so a thread of tens of
 * thousands of events opens at once. Follows new output while scrolled to the end. A thread opens on
 * its last page of events; scrolling near the top loads the page before, keeping the rows on screen
 * where they are.
 */
export function ThreadList({ taskId }: { taskId: string }) {
  const items = useStore((state) => state.threads[taskId]?.items ?? noItems);
  const dropped = useStore((state) => state.threads[taskId]?.dropped ?? 0);
  const canLoadEarlier = useStore(
    (state) => (state.threads[taskId]?.hasEarlier ?? false) && !state.threads[taskId]?.loadingEarlier,
  );
  const loadEarlier = useStore((state) => state.loadEarlier);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // The first row before the last change and where the user was, to keep the rows in place when a page is put
  // before them.
  const top = useRef<{ taskId: string; id: string | undefined; scrollTop: number } | null>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimate(items[index]),
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 8,
    useFlushSync: false,
  });
  const total = virtualizer.getTotalSize();

  // A different task starts at its end.
  useLayoutEffect(() => {
    following.current = true;
  }, [taskId]);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following.current && items.length > 0) element.scrollTop = element.scrollHeight;
  }, [items, total, taskId]);
  useLayoutEffect(() => {
    const element = scroller.current;
    const previous = top.current;
    top.current = { taskId, id: items[0]?.id, scrollTop: element?.scrollTop ?? 0 };
    if (!element || !previous || previous.taskId !== taskId || previous.id === items[0]?.id || !previous.id) return;
    const index = items.findIndex((item) => item.id === previous.id);
    const start = index > 0 ? virtualizer.measurementsCache[index]?.start : undefined;
    if (start === undefined || following.current) return;
    element.scrollTop = previous.scrollTop + start;
    top.current.scrollTop = element.scrollTop;
  }, [items, taskId, virtualizer]);
  // Near the top (or when the rows do not fill the view yet), the page before loads.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && canLoadEarlier && element.scrollTop < earlierSlack) void loadEarlier(taskId);
  }, [canLoadEarlier, items, taskId, loadEarlier]);

  const rows = virtualizer.getVirtualItems();
  return (
    <div
      ref={scroller}
      className="thread-scroll"
      role="log"
      aria-label="Thread"
      data-testid="thread"
      tabIndex={0}
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < followSlack;
        if (top.current) top.current.scrollTop = element.scrollTop;
        if (canLoadEarlier && element.scrollTop < earlierSlack) void loadEarlier(taskId);
      }}
    >
      <EarlierRow taskId={taskId} />
      {dropped > 0 && (
        <p className="hint thread-dropped">
          {dropped.toLocaleString()} earlier items are not shown: this thread is very long.{' '}
          <code>flotilla show {taskId}</code> prints all of it.
        </p>
      )}
      <div className="thread-canvas" style={{ height: total }}>
        <div className="thread-window" style={{ transform: `translateY(${rows[0]?.start ?? 0}px)` }}>
          {rows.map((row) => {
            const item = items[row.index];
            return (
              <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="thread-row">
                {item && <ThreadItemView item={item} taskId={taskId} />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
