import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu-template.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const build = (platform: NodeJS.Platform, isDev: boolean) => {
  const sent: string[] = [];
  const links: string[] = [];
  const template = menuTemplate({
    platform,
    isDev,
    appName: 'Flotilla',
    actions: { send: (command) => sent.push(command), openLink: (url) => links.push(url) },
  });
  return { template, all: items(template), sent, links };
};

describe('the app menu', () => {
  it('has File, Edit, View, Window and Help; macOS puts the app menu first', () => {
    expect(build('linux', false).template.map((item) => item.label)).toEqual([
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
    expect(build('darwin', false).template.map((item) => item.label)).toEqual([
      'Flotilla',
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
  });

  it('New Task (⌘N) and Add Repository… ask the renderer', () => {
    const { all, sent } = build('darwin', false);
    const newTask = all.find((item) => item.label === 'New Task')!;
    expect(newTask.accelerator).toBe('CmdOrCtrl+N');
    (newTask.click as () => void)();
    (all.find((item) => item.label === 'Add Repository…')!.click as () => void)();
    expect(sent).toEqual(['newTask', 'addRepository']);
  });

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean) => build('linux', isDev).all.map((item) => item.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(
      expect.arrayContaining(['copy', 'paste', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'windowMenu']),
    );
  });

  it('offers About in Help and opens no made-up links', () => {
    const { all, links } = build('win32', false);
    const help = all.find((item) => item.role === 'help')!;
    expect((help.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toEqual(['about']);
    expect(links).toEqual([]);
  });
});
