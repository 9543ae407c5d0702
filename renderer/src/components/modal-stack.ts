/**
 * The modal dialogs open right now, oldest first. Esc goes to the top one only, and app-wide
 * shortcuts stay quiet while any is open, so one dialog never opens under another by accident.
 */
const open: symbol[] = [];

/** Registers an open dialog; returns its handle and the function that unregisters it. */
export function pushModal(): { handle: symbol; release(): void } {
  const handle = Symbol('modal');
  open.push(handle);
  return {
    handle,
    release() {
      const index = open.indexOf(handle);
      if (index >= 0) open.splice(index, 1);
    },
  };
}

/** True when the dialog with this handle is the top one. */
export function isTopModal(handle: symbol): boolean {
  return open.at(-1) === handle;
}

/** True while any modal dialog is open (ours, or any element marked aria-modal). */
export function anyModalOpen(): boolean {
  return open.length > 0 || (typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null);
}
