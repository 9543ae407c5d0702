import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import type { SidebarRow } from './sidebar-rows.js';

/**
 * Up to this many rows the list renders whole; past it, only the rows in view and a few around them, so the window's
 * memory stays flat however many tasks the home holds (each row costs about thirty DOM and layout objects).
 */
export const windowedFrom = 40;

/** Where a row sits in a windowed list, and how it reports its height there (unset when the list is whole). */
export interface RowPlace {
  index?: number;
  measure?: ((element: HTMLLIElement | null) => void) | undefined;
}

/** How a row is drawn: `measure` is set when the list is windowed (the row's element reports its height). */
export type RenderRow = (
  row: SidebarRow,
  index: number,
  measure: ((element: HTMLLIElement | null) => void) | undefined,
) => ReactNode;

function estimate(row: SidebarRow | undefined): number {
  if (row?.startsWith('repo:')) return 34;
  if (row?.startsWith('group:')) return 22;
  return 48;
}

/** The sidebar's rows in its scrolling `<nav>`; windowed past `windowedFrom` rows. */
export function SidebarList({ rows, renderRow }: { rows: readonly SidebarRow[]; renderRow: RenderRow }) {
  const scroller = useRef<HTMLElement>(null);
  const windowed = rows.length > windowedFrom;
  const virtualizer = useVirtualizer({
    count: windowed ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimate(rows[index]),
    getItemKey: (index) => rows[index] ?? index,
    // Three rows (about 150 px) each side cover a wheel notch; each row kept beyond that holds about thirty DOM and
    // layout objects for as long as the list shows.
    overscan: 3,
    useFlushSync: false,
  });
  if (!windowed)
    return (
      <nav ref={scroller} className="sidebar-list" aria-label="Tasks">
        <ul>{rows.map((row, index) => renderRow(row, index, undefined))}</ul>
      </nav>
    );
  const shown = virtualizer.getVirtualItems();
  const before = shown[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (shown.at(-1)?.end ?? 0);
  return (
    <nav ref={scroller} className="sidebar-list" aria-label="Tasks" data-windowed="true">
      {/* The rows stay in the flow, between room for those above and below, so each keeps its own height. */}
      <ul style={{ paddingTop: before, paddingBottom: Math.max(0, after) }}>
        {shown.map((item) => renderRow(rows[item.index] as SidebarRow, item.index, virtualizer.measureElement))}
      </ul>
    </nav>
  );
}
