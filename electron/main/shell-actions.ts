import { spawn } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dialog, shell, type BrowserWindow } from 'electron';
import type { ErrorData } from '../../shared/errors.js';
import { desktopSettingsSchema, isOpenablePath, launchPlan, type DesktopSettings } from './open-tools.js';
import { externalUrl } from './web-policy.js';

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** What the desktop actions need: where settings live, which folders may be opened, and the window for dialogs. */
export interface ShellActionDeps {
  userData: string;
  /** The worktrees folder and every added repository's path. */
  openableRoots(): Promise<string[]>;
  window(): BrowserWindow | null;
}

/** The main process's implementation of the desktop-only bridge actions. */
export function shellActions(deps: ShellActionDeps) {
  const folder = async (path: string): Promise<string | ErrorData> => {
    let real: string;
    try {
      real = realpathSync(path);
      if (!statSync(real).isDirectory()) return { code: 'notAFolder', message: `${path} is not a folder.` };
    } catch {
      return { code: 'folderMissing', message: `${path} does not exist (the worktree may have been removed).` };
    }
    const roots = (await deps.openableRoots()).map((root) => safeRealpath(root));
    if (!isOpenablePath(real, roots))
      return { code: 'unsafePath', message: `Flotilla only opens task worktrees and added repositories, not ${path}.` };
    return real;
  };
  const launch = async (kind: 'editor' | 'terminal', path: string): Promise<Reply> => {
    const target = await folder(path);
    if (typeof target !== 'string') return { ok: false, error: target };
    const plan = launchPlan(kind, target, readDesktopSettings(deps.userData), process.platform);
    return new Promise<Reply>((resolve) => {
      const child = spawn(plan.command, plan.args, {
        cwd: plan.cwd,
        detached: true,
        stdio: 'ignore',
        shell: false,
        windowsHide: false,
      });
      child.once('error', (error) =>
        resolve({
          ok: false,
          error: {
            code: 'notFound',
            message: `Could not start ${plan.command} (${error.message}). Set the ${kind} to use in ${join(deps.userData, 'desktop.json')}.`,
          },
        }),
      );
      child.once('spawn', () => {
        child.unref();
        resolve({ ok: true, result: {} });
      });
    });
  };
  return {
    async 'shell/openPath'({ path }: { path: string }): Promise<Reply> {
      const target = await folder(path);
      if (typeof target !== 'string') return { ok: false, error: target };
      const problem = await shell.openPath(target);
      return problem
        ? { ok: false, error: { code: 'internal', message: `Could not open ${target}: ${problem}` } }
        : { ok: true, result: {} };
    },
    'shell/openInEditor': ({ path }: { path: string }) => launch('editor', path),
    'shell/openInTerminal': ({ path }: { path: string }) => launch('terminal', path),
    async 'shell/openExternal'({ url }: { url: string }): Promise<Reply> {
      const safe = externalUrl(url);
      if (!safe)
        return {
          ok: false,
          error: { code: 'invalidInput', message: `Flotilla only opens https links, not "${url.slice(0, 200)}".` },
        };
      await shell.openExternal(safe);
      return { ok: true, result: {} };
    },
    async 'dialog/pickFolder'({ title }: { title?: string }): Promise<Reply> {
      const window = deps.window();
      const options = {
        title: title ?? 'Choose a folder',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return { ok: true, result: { path: picked.canceled ? null : (picked.filePaths[0] ?? null) } };
    },
  };
}

/** The editor and terminal settings from `desktop.json` in the app's data folder; defaults when missing or invalid. */
export function readDesktopSettings(userData: string): DesktopSettings {
  try {
    const parsed = desktopSettingsSchema.safeParse(JSON.parse(readFileSync(join(userData, 'desktop.json'), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
