import { z } from 'zod';
import type { CommandName, CommandParams, CommandResult } from './commands.js';
import type { EngineChange } from './engine-events.js';
import type { ThreadEvent } from './events.js';

/**
 * What the Electron preload exposes on `window.flotilla`: one typed function per command, keyed
 * by the command's name, plus an event subscription. Derived from the command map, never written by hand.
 * A failed call rejects with plain error data `{ code, message, details? }` (ErrorData): Error objects
 * lose their fields when they cross Electron's context bridge.
 */
export type Bridge = { readonly [C in CommandName]: (params: CommandParams<C>) => Promise<CommandResult<C>> } & {
  /** Receives every thread event; returns the unsubscribe function. */
  onEvent(listener: (event: ThreadEvent) => void): () => void;
  /**
   * Receives every configuration change (repositories, settings, providers, prices, agents); returns the unsubscribe
   * function.
   */
  onChange(listener: (change: EngineChange) => void): () => void;
};

/** Everything the desktop preload puts on `window.flotilla`: the engine bridge plus the desktop-only extras. */
export type PreloadApi = Bridge & DesktopBridge;

/**
 * Desktop-only actions the main process performs itself (the engine never sees them), in the same
 * `resource/verb` form as engine commands. Paths must be a task's worktree or an added repository.
 */
export const desktopCommands = {
  /** Opens a folder in the system file manager. */
  'shell/openPath': { params: z.object({ path: z.string().min(1, 'Give the folder to open.') }), result: z.object({}) },
  /** Opens a folder in the configured editor (default: `code`). */
  'shell/openInEditor': {
    params: z.object({ path: z.string().min(1, 'Give the folder to open.') }),
    result: z.object({}),
  },
  /** Opens a terminal in a folder (configurable; the platform's terminal by default). */
  'shell/openInTerminal': {
    params: z.object({ path: z.string().min(1, 'Give the folder to open.') }),
    result: z.object({}),
  },
  /** Opens an https link in the default browser; any other scheme is refused. */
  'shell/openExternal': {
    params: z.object({ url: z.string().min(1, 'Give the link to open.') }),
    result: z.object({}),
  },
  /** Asks the user to choose a folder (e.g. a repository to add); null when they cancel. */
  'dialog/pickFolder': {
    params: z.object({ title: z.string().optional() }),
    result: z.object({ path: z.string().nullable() }),
  },
} as const;

/** The name of a desktop-only action. */
export type DesktopCommandName = keyof typeof desktopCommands;

/** Menu items the renderer carries out (the main process only knows they were chosen). */
export const menuCommands = ['newTask', 'addRepository', 'openInbox'] as const;
/** A menu item the renderer carries out. */
export type MenuCommand = (typeof menuCommands)[number];

/** Whether the desktop window reaches its engine: `connecting` also covers a restart after the engine process died. */
export type BridgeConnectionState = 'connecting' | 'open' | 'closed';

/** What only the desktop app offers on `window.flotilla`, next to the engine commands. */
export type DesktopBridge = {
  readonly [C in DesktopCommandName]: (
    params: z.input<(typeof desktopCommands)[C]['params']>,
  ) => Promise<z.infer<(typeof desktopCommands)[C]['result']>>;
} & {
  /**
   * Called when the user clicked a notification about a task: show that task's thread. Returns the unsubscribe
   * function.
   */
  onOpenTask(listener: (request: { taskId: string }) => void): () => void;
  /** Called when the user chose an app menu item the renderer handles (New Task, Add Repository…). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Tells the current engine connection state at once, then every change. After `connecting` → `open`
   * the engine process was (re)started: refetch, since events in between were not delivered.
   */
  onConnection(listener: (state: BridgeConnectionState) => void): () => void;
  /**
   * The same engine bridge for a remote host in hosts.json, reached through the app's engine process: its commands
   * run on the host (host/* stay with this machine), its events and changes are the host's, and `onConnection` tells
   * the engine process's state (the host's link state arrives as `host.state` changes).
   */
  openHost(host: string): HostBridge;
};

/** A remote host's bridge, as `openHost` gives it. */
export type HostBridge = Bridge & Pick<DesktopBridge, 'onConnection'>;
