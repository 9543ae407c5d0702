import { isAbsolute, normalize, relative, sep } from 'node:path';
import { z } from 'zod';

/**
 * A program to start for a folder: argv only, never a shell line. `{path}` in an argument is replaced by the folder.
 */
export const toolCommandSchema = z.object({ command: z.string().min(1), args: z.array(z.string()) });
/** A program to start for a folder. */
export type ToolCommand = z.infer<typeof toolCommandSchema>;

/** Schema for the desktop settings file (`desktop.json` in the app's data folder): the editor and terminal to use. */
export const desktopSettingsSchema = z.object({
  editor: toolCommandSchema.optional(),
  terminal: toolCommandSchema.optional(),
});
/** The desktop settings file. */
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

/** The editor used when none is configured: VS Code's `code` launcher. */
export const defaultEditor: ToolCommand = { command: 'code', args: ['{path}'] };

/** The terminal used when none is configured, per platform; each opens in the folder (which is also its cwd). */
export function defaultTerminal(platform: NodeJS.Platform): ToolCommand {
  switch (platform) {
    case 'darwin':
      return { command: 'open', args: ['-a', 'Terminal', '{path}'] };
    case 'win32':
      // A detached cmd.exe gets its own console window, started in the cwd.
      return { command: 'cmd.exe', args: [] };
    default:
      return { command: 'x-terminal-emulator', args: [] };
  }
}

/** A fully resolved process to spawn detached: program, argv and working folder. */
export interface LaunchPlan {
  command: string;
  args: string[];
  cwd: string;
}

/**
 * The process that opens `folder` in the editor or a terminal. The folder is substituted into
 * argv elements only (spawned without a shell), so no character in a path can run anything.
 */
export function launchPlan(
  kind: 'editor' | 'terminal',
  folder: string,
  settings: DesktopSettings,
  platform: NodeJS.Platform,
): LaunchPlan {
  const tool =
    kind === 'editor' ? (settings.editor ?? defaultEditor) : (settings.terminal ?? defaultTerminal(platform));
  return { command: tool.command, args: tool.args.map((arg) => arg.split('{path}').join(folder)), cwd: folder };
}

/**
 * True when `path` may be opened: absolute, without NUL, and equal to or inside one of the
 * allowed roots (the worktrees folder and the added repositories). Compares normalized paths;
 * the caller resolves symlinks (realpath) before asking.
 */
export function isOpenablePath(path: string, roots: readonly string[]): boolean {
  if (typeof path !== 'string' || path.includes('\0') || !isAbsolute(path)) return false;
  const target = normalize(path);
  return roots.some((root) => {
    if (!isAbsolute(root)) return false;
    const inside = relative(normalize(root), target);
    return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
  });
}
