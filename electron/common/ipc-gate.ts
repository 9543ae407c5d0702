import type { z } from 'zod';
import { commands, isCommandName, type CommandName } from '../../shared/commands.js';
import { desktopCommands, type DesktopCommandName } from '../../shared/bridge.js';
import type { ErrorData } from '../../shared/errors.js';
import { isAppUrl } from './app-origin.js';

/** The IPC channel a command travels on from the preload to the main process. */
export function commandChannel(name: CommandName | DesktopCommandName): string {
  return `cmd:${name}`;
}

/** Every engine command's channel, keyed by command name. */
export const commandChannels: Readonly<Record<CommandName, string>> = Object.fromEntries(
  Object.keys(commands).map((name) => [name, commandChannel(name as CommandName)]),
) as Record<CommandName, string>;

/** Every desktop-only action's channel, keyed by action name. */
export const desktopChannels: Readonly<Record<DesktopCommandName, string>> = Object.fromEntries(
  Object.keys(desktopCommands).map((name) => [name, commandChannel(name as DesktopCommandName)]),
) as Record<DesktopCommandName, string>;

/** Channels the main process pushes to the renderer on (never handled by ipcMain). */
export const rendererChannels = {
  /** Carries the MessagePort on which thread events arrive straight from the engine process. */
  engineEvents: 'engine-events',
  /** Connection state changes (the engine process starting, dying, restarting). */
  connection: 'engine-connection',
  /** A notification was clicked: open this task. */
  openTask: 'ui/openTask',
  /** An app menu item the renderer carries out. */
  menu: 'ui/menu',
} as const;

/** The channel the preload uses to ask for an event port (on load and after a reload). */
export const attachEventsChannel = 'engine-events/attach';

/** The parts of a frame the gate looks at (Electron's WebFrameMain has them all). */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
}

/** Who sent an IPC message: the web contents and the frame (null when the frame is gone). */
export interface IpcSender {
  contents: unknown;
  frame: FrameLike | null | undefined;
}

/**
 * True when an IPC message comes from the window's own top-level frame showing the app's origin:
 * the same web contents, the same frame as its main frame (a subframe or a frame that has been
 * replaced fails), and an `app://flotilla` URL (not a page it navigated to).
 */
export function isTrustedSender(
  sender: IpcSender,
  window: { contents: unknown; mainFrame: FrameLike | null | undefined } | null,
): boolean {
  const { frame } = sender;
  if (!window || !frame || !window.mainFrame || sender.contents !== window.contents) return false;
  if (frame.processId !== window.mainFrame.processId || frame.routingId !== window.mainFrame.routingId) return false;
  return isAppUrl(frame.url);
}

/** The refusal a handler returns for an untrusted sender. */
export const untrustedSenderError: ErrorData = {
  code: 'unauthorized',
  message: 'Refused a request that did not come from the Flotilla window.',
};

/** A validated call, or the error data to send back. */
export type Checked<T> = { ok: true; params: T } | { ok: false; error: ErrorData };

/**
 * Validates a command's params with the shared schema, the same way the engine does, so bad
 * input never leaves the main process. The message names each problem field and what to fix.
 */
export function checkCommand(name: string, params: unknown): Checked<unknown> {
  if (!isCommandName(name))
    return { ok: false, error: { code: 'invalidInput', message: `Unknown command "${name}".` } };
  return checkParams(name, commands[name].params, params);
}

/** Validates a desktop-only action's params with its schema from shared/bridge.ts. */
export function checkDesktopCommand<C extends DesktopCommandName>(
  name: C,
  params: unknown,
): Checked<z.output<(typeof desktopCommands)[C]['params']>> {
  return checkParams(name, desktopCommands[name].params, params) as Checked<
    z.output<(typeof desktopCommands)[C]['params']>
  >;
}

/** The message the engine and the main process both give for params that fail their schema. */
export function invalidParamsMessage(method: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
  return `Invalid ${method} request: ${problems}`;
}

function checkParams(method: string, schema: z.ZodType, params: unknown): Checked<unknown> {
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success)
    return { ok: false, error: { code: 'invalidInput', message: invalidParamsMessage(method, parsed.error) } };
  return { ok: true, params: parsed.data };
}
