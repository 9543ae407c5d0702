/** The keys of a key press that shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Where a shortcut is handled: app-wide (use-shortcuts), or by the component it belongs to. */
export type ShortcutScope = 'app' | 'search' | 'dialog' | 'field';

/** The shortcuts the app-wide handler runs. */
export type AppShortcutId = 'newTask' | 'palette' | 'help' | 'nextTask' | 'previousTask' | 'openNth' | 'toggleSidebar';
/** Every shortcut in the table. */
export type ShortcutId = AppShortcutId | 'search' | 'closeDialog' | 'send';

/** One keyboard shortcut: how the help sheet writes it, what it does, and which key presses it is. */
export interface Shortcut {
  id: ShortcutId;
  scope: ShortcutScope;
  /** The keys as the help sheet shows them, given the platform's modifier ("⌘" or "Ctrl+"). */
  keys(modifier: string): string[];
  description: string;
  /** True when a key press is this shortcut; `inField` tells whether a text field has the focus. */
  matches(press: KeyPress, inField: boolean): boolean;
}

const withModifier = (press: KeyPress, key: string) =>
  (press.metaKey || press.ctrlKey) && !press.altKey && !press.shiftKey && press.key.toLowerCase() === key;
// A plain key types a character in a field, so it is a shortcut only outside one. Shift is let
// through because some layouts need it to type "?" or "/".
const plain = (press: KeyPress, inField: boolean, key: string) =>
  !inField && !press.metaKey && !press.ctrlKey && !press.altKey && press.key === key;

/**
 * Every keyboard shortcut of the window, in the order the help sheet (?) lists them. The app-wide
 * handler (use-shortcuts.ts) and the components that own the others match key presses with these
 * same entries, so the sheet cannot drift from what the keys do.
 */
export const shortcuts: readonly Shortcut[] = [
  {
    id: 'newTask',
    scope: 'app',
    keys: (modifier) => [`${modifier}N`, 'N'],
    description: 'New task',
    matches: (press, inField) => withModifier(press, 'n') || plain(press, inField, 'n'),
  },
  {
    id: 'palette',
    scope: 'app',
    keys: (modifier) => [`${modifier}K`],
    description: 'Command palette: actions, and tasks by title, repository, branch or id',
    matches: (press) => withModifier(press, 'k'),
  },
  {
    id: 'search',
    scope: 'search',
    keys: () => ['/'],
    description: 'Search the tasks in the sidebar',
    matches: (press, inField) => plain(press, inField, '/'),
  },
  {
    id: 'nextTask',
    scope: 'app',
    keys: () => ['J'],
    description: 'Next task in the sidebar',
    matches: (press, inField) => plain(press, inField, 'j'),
  },
  {
    id: 'previousTask',
    scope: 'app',
    keys: () => ['K'],
    description: 'Previous task in the sidebar',
    matches: (press, inField) => plain(press, inField, 'k'),
  },
  {
    id: 'openNth',
    scope: 'app',
    keys: (modifier) => [`${modifier}1…9`],
    description: 'Open the first to ninth task in the sidebar',
    matches: (press) =>
      (press.metaKey || press.ctrlKey) && !press.altKey && !press.shiftKey && /^[1-9]$/.test(press.key),
  },
  {
    id: 'toggleSidebar',
    scope: 'app',
    keys: (modifier) => [`${modifier}B`],
    description: 'Hide or show the sidebar',
    matches: (press) => withModifier(press, 'b'),
  },
  {
    id: 'help',
    scope: 'app',
    keys: () => ['?'],
    description: 'This list of shortcuts',
    matches: (press, inField) => plain(press, inField, '?'),
  },
  {
    id: 'send',
    scope: 'field',
    keys: (modifier) => [`${modifier}Enter`],
    description: 'Send the message you are writing (new task, follow-up, review comment)',
    matches: (press) => (press.metaKey || press.ctrlKey) && press.key === 'Enter',
  },
  {
    id: 'closeDialog',
    scope: 'dialog',
    keys: () => ['Esc'],
    description: 'Close the dialog, palette or menu',
    matches: (press) => press.key === 'Escape',
  },
];

/** The table entry of a shortcut. */
export function shortcut(id: ShortcutId): Shortcut {
  const found = shortcuts.find((entry) => entry.id === id);
  if (!found) throw new Error(`No shortcut "${id}" in the table.`);
  return found;
}

/** The app-wide shortcut a key press is, if any. */
export function appShortcutFor(press: KeyPress, inField: boolean): (Shortcut & { id: AppShortcutId }) | null {
  const found = shortcuts.find((entry) => entry.scope === 'app' && entry.matches(press, inField));
  return (found as (Shortcut & { id: AppShortcutId }) | undefined) ?? null;
}

/** True when the event's target is a text field (or other editable element), where plain keys type. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
