import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';

/** One entry of a row menu. */
export interface MenuItem {
  label: string;
  run(): void;
  disabled?: boolean;
  /** Drawn in the danger colour (delete). */
  danger?: boolean;
}

/** Where the menu opens: below an element, or at the pointer (right-click). */
export type MenuAnchor = { element: HTMLElement } | { x: number; y: number };

/**
 * A small popup menu (role menu): the first item takes focus, ↑/↓/Home/End move, Enter runs, Esc
 * or a click outside closes it and focus goes back to `returnFocus`. Rendered at the end of <body>
 * in fixed position, so the sidebar's scrolling list never clips it.
 */
export function RowMenu({
  label,
  items,
  anchor,
  onClose,
  returnFocus,
}: {
  label: string;
  items: readonly MenuItem[];
  anchor: MenuAnchor;
  onClose(): void;
  returnFocus: HTMLElement | null;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const box = menu.current;
    if (!box) return;
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const point = 'element' in anchor ? pointBelow(anchor.element) : { x: anchor.x, y: anchor.y };
    const left = Math.max(4, Math.min(point.x - ('element' in anchor ? width : 0), window.innerWidth - width - 4));
    const top =
      point.y + height > window.innerHeight - 4
        ? Math.max(4, point.y - height - ('element' in anchor ? anchor.element.offsetHeight : 0))
        : point.y;
    setPosition({ left, top });
  }, [anchor]);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (event.target instanceof Node && menu.current?.contains(event.target)) return;
      onClose();
    };
    document.addEventListener('mousedown', onPointer, true);
    return () => document.removeEventListener('mousedown', onPointer, true);
  }, [onClose]);

  const close = () => {
    onClose();
    returnFocus?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: entries.length - 1,
    };
    // The menu keeps its keys: app shortcuts and dialogs must not see them.
    event.stopPropagation();
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    } else if (event.key in moves) {
      event.preventDefault();
      const next = ((moves[event.key] as number) + entries.length) % Math.max(1, entries.length);
      entries[next]?.focus();
    }
  };

  return createPortal(
    <div
      ref={menu}
      className="row-menu"
      role="menu"
      aria-label={label}
      data-testid="row-menu"
      style={position ? { left: position.left, top: position.top } : { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (!(event.relatedTarget instanceof Node) || !menu.current?.contains(event.relatedTarget)) onClose();
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`row-menu-item${item.danger ? ' danger' : ''}`}
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}

function pointBelow(element: HTMLElement): { x: number; y: number } {
  const rect = element.getBoundingClientRect();
  return { x: rect.right, y: rect.bottom + 2 };
}
