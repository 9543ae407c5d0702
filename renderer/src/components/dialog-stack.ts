/** One open modal dialog, as the stack knows it. */
export interface OpenDialog {
  /** The dialog's box (role="dialog"). */
  box(): HTMLElement | null;
  /** Closes the dialog (the latest onClose the component was given). */
  close(): void;
}

const stack: OpenDialog[] = [];

/**
 * True while any modal dialog is open: app-wide shortcuts then do nothing, so a key pressed in
 * (or after focus slipped out of) a dialog never opens another one underneath it.
 */
export function anyDialogOpen(): boolean {
  return stack.length > 0;
}

/** The dialog on top (the last opened), or null. */
export function topDialog(): OpenDialog | null {
  return stack.at(-1) ?? null;
}

/** Adds a dialog to the stack; returns the function that takes it off again. */
export function pushDialog(dialog: OpenDialog): () => void {
  stack.push(dialog);
  if (stack.length === 1) {
    window.addEventListener('keydown', onWindowKeyDown);
    document.addEventListener('focusin', onDocumentFocusIn, true);
  }
  return () => {
    const index = stack.indexOf(dialog);
    if (index >= 0) stack.splice(index, 1);
    if (stack.length === 0) {
      window.removeEventListener('keydown', onWindowKeyDown);
      document.removeEventListener('focusin', onDocumentFocusIn, true);
    }
  };
}

const focusableSelector =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';
const fieldSelector = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled])';

/** The elements Tab moves between inside a dialog box, in order. */
export function focusablesIn(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(focusableSelector)];
}

/**
 * Where focus goes when a dialog opens: the element marked `data-autofocus`, else the first field,
 * else the first other control that is not the header's ✕, else the dialog box itself.
 */
export function initialFocus(box: HTMLElement): HTMLElement {
  const marked = box.querySelector<HTMLElement>('[data-autofocus]');
  if (marked && !marked.hasAttribute('disabled')) return marked;
  const field = box.querySelector<HTMLElement>(fieldSelector);
  if (field) return field;
  return focusablesIn(box).find((element) => !element.hasAttribute('data-dialog-close')) ?? box;
}

/**
 * True when focus is no longer anywhere useful in the box: it fell to the page (the focused
 * control was removed or disabled by a re-render), or sits on a control that is now disabled.
 */
export function focusLost(box: HTMLElement): boolean {
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) return true;
  if (!box.contains(active)) return false;
  return active !== box && active.hasAttribute('disabled');
}

/**
 * Keys for the top dialog wherever focus is: Esc closes it (unless a control inside already used
 * the key), and Tab from outside it goes back in.
 */
function onWindowKeyDown(event: KeyboardEvent): void {
  const top = topDialog();
  const box = top?.box();
  if (!top || !box) return;
  if (event.key === 'Escape' && !event.defaultPrevented && !event.isComposing) {
    event.preventDefault();
    top.close();
    return;
  }
  if (event.key === 'Tab' && !box.contains(document.activeElement)) {
    event.preventDefault();
    initialFocus(box).focus();
  }
}

/**
 * The page behind a modal dialog is out of reach: focus that lands there (a click behind the
 * backdrop's edge, a script, a browser quirk) goes straight back into the top dialog.
 */
function onDocumentFocusIn(event: FocusEvent): void {
  const box = topDialog()?.box();
  const target = event.target;
  if (!box || !(target instanceof Node) || box.contains(target)) return;
  initialFocus(box).focus();
}
