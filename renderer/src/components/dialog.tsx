import { useId, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { focusablesIn, focusLost, initialFocus, pushDialog } from './dialog-stack.js';

/** How a dialog looks: the app's (composer, palette; a header with ✕) or the review's (merge, discard). */
export type DialogLook = 'app' | 'review';

/** Props of a modal dialog. */
export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** A test id for the dialog element. */
  testId?: string;
  /** Default: 'app'. */
  look?: DialogLook;
  /** An extra class on the dialog box (its width, say). */
  className?: string;
}

/**
 * The one modal dialog of the window. On open, focus goes to the element marked `data-autofocus`
 * (else the first field, never the ✕); it stays inside while the content re-renders (a focused
 * button that is disabled or removed hands focus to the dialog, not the page); Tab wraps around;
 * Esc closes the top dialog wherever focus is; a click outside closes it; on close, focus goes
 * back to where it was. While any dialog is open, app shortcuts do nothing (see dialog-stack).
 */
export function Dialog({ title, onClose, children, testId, look = 'app', className }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;

  // A layout effect focuses before the browser handles the next key: a fast typist's keys after N land in the field.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const pop = pushDialog({ box: () => box.current, close: () => close.current() });
    const first = initialFocus(element);
    first.focus();
    // A field that opens with a draft in it takes the caret at its end, where the user goes on typing.
    if (first instanceof HTMLTextAreaElement || (first instanceof HTMLInputElement && first.type === 'text'))
      first.setSelectionRange(first.value.length, first.value.length);
    // React re-renders replace or disable controls; when the focused one goes, focus stays here.
    const keepFocus = () => {
      if (focusLost(element)) element.focus();
    };
    const observer = new MutationObserver(keepFocus);
    observer.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
    const onFocusOut = () => queueMicrotask(keepFocus);
    element.addEventListener('focusout', onFocusOut);
    return () => {
      observer.disconnect();
      element.removeEventListener('focusout', onFocusOut);
      pop();
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !box.current) return;
    const items = focusablesIn(box.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const onBackdrop = (event: MouseEvent) => {
    if (event.target === event.currentTarget) onClose();
  };
  const common = {
    ref: box,
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    tabIndex: -1,
    onKeyDown,
    'data-testid': testId,
  } as const;

  // Rendered at the end of <body> so no scroll container or stacking context clips it.
  if (look === 'review') {
    // The fl-review class brings the review theme variables along.
    return createPortal(
      <div className="fl-review fl-review-backdrop" onMouseDown={onBackdrop}>
        <div {...common} className={`fl-review-dialog${className ? ` ${className}` : ''}`}>
          <h2 id={titleId} className="fl-review-dialog-title">
            {title}
          </h2>
          {children}
        </div>
      </div>,
      document.body,
    );
  }
  return createPortal(
    <div className="dialog-backdrop" onMouseDown={onBackdrop}>
      <div {...common} className={`dialog${className ? ` ${className}` : ''}`}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" data-dialog-close onClick={onClose}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
