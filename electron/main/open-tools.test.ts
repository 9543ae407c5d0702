import { describe, expect, it } from 'vitest';
import { closeChoice, closeQuestion } from './close-policy.js';
import { defaultTerminal, isOpenablePath, launchPlan } from './open-tools.js';

describe('opening a worktree in an editor or terminal', () => {
  const hostile = '/home/me/.flotilla/worktrees/x"; rm -rf ~; echo "$(id)`id`';

  it('passes the folder as one argv element, never through a shell', () => {
    expect(launchPlan('editor', hostile, {}, 'linux')).toEqual({ command: 'code', args: [hostile], cwd: hostile });
    const custom = launchPlan(
      'editor',
      hostile,
      { editor: { command: 'idea', args: ['--wait', '--path={path}'] } },
      'linux',
    );
    expect(custom).toEqual({ command: 'idea', args: ['--wait', `--path=${hostile}`], cwd: hostile });
  });

  it('uses the platform terminal by default, started in the folder', () => {
    expect(launchPlan('terminal', '/w', {}, 'darwin')).toEqual({
      command: 'open',
      args: ['-a', 'Terminal', '/w'],
      cwd: '/w',
    });
    expect(launchPlan('terminal', '/w', {}, 'linux')).toEqual({ command: 'x-terminal-emulator', args: [], cwd: '/w' });
    expect(defaultTerminal('win32')).toEqual({ command: 'cmd.exe', args: [] });
    expect(
      launchPlan('terminal', '/w', { terminal: { command: 'wezterm', args: ['start', '--cwd', '{path}'] } }, 'linux')
        .args,
    ).toEqual(['start', '--cwd', '/w']);
  });
});

describe('which folders may be opened', () => {
  const roots = ['/home/me/.config/Flotilla/worktrees', '/src/app'];

  it('allows worktrees and added repositories, and folders inside them', () => {
    expect(isOpenablePath('/home/me/.config/Flotilla/worktrees/app/task-1', roots)).toBe(true);
    expect(isOpenablePath('/src/app', roots)).toBe(true);
    expect(isOpenablePath('/src/app/..hidden', roots)).toBe(true);
  });

  it('refuses anything else: other folders, look-alike prefixes, escapes, relative paths', () => {
    for (const path of [
      '/etc',
      '/src/application',
      '/src/app/../other',
      '/home/me/.config/Flotilla',
      'src/app',
      '/src/app/\0x',
      '',
    ]) {
      expect(isOpenablePath(path, roots), path).toBe(false);
    }
  });
});

describe('closing the window while tasks work', () => {
  it('offers background, stop or cancel, naming how many tasks and where to reopen', () => {
    const question = closeQuestion(3, 'linux');
    expect(question.message).toBe('3 tasks are still working.');
    expect(question.detail).toContain('tray icon');
    expect(closeQuestion(1, 'darwin').detail).toContain('Dock');
    expect(question.buttons).toHaveLength(3);
    expect([0, 1, 2].map(closeChoice)).toEqual(['background', 'stop', 'cancel']);
    expect(closeChoice(question.cancelId)).toBe('cancel');
    expect(closeChoice(-1)).toBe('cancel');
  });

  it('with no task working but automations on, offers to keep running so they can fire', () => {
    const question = closeQuestion(0, 'linux', 2);
    expect(question.message).toBe('2 automations are on.');
    expect(question.detail).toContain('Automations start tasks only while Flotilla runs');
    expect(question.buttons).toEqual(['Keep Running in Background', 'Quit', 'Cancel']);
    expect([0, 1, 2].map(closeChoice)).toEqual(['background', 'stop', 'cancel']);
  });
});
