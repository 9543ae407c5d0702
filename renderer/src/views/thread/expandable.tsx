import type { ReactNode } from 'react';
import { useStore } from '../../store/store.js';

/**
 * A row that opens to show details (tool arguments and output, phase timings). Its open state
 * lives in the store, so it survives the row scrolling out of the virtual list and back.
 */
export function Expandable({
  expandKey,
  summary,
  label,
  children,
  testId,
}: {
  expandKey: string;
  summary: ReactNode;
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  const open = useStore((state) => state.expandedItems[expandKey] === true);
  const toggle = useStore((state) => state.toggleItem);
  return (
    <div className={`expandable${open ? ' open' : ''}`}>
      <button
        type="button"
        className="expandable-summary"
        aria-expanded={open}
        aria-label={label}
        data-testid={testId}
        onClick={() => toggle(expandKey)}
      >
        <span className="chevron" aria-hidden="true">
          ▸
        </span>
        {summary}
      </button>
      {open && <div className="expandable-body">{children}</div>}
    </div>
  );
}

/** Any value as readable text: strings as they are, the rest as indented JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
