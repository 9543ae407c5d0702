import { describe, expect, it } from 'vitest';
import { commands } from '../../shared/commands.js';
import { desktopCommands } from '../../shared/bridge.js';
import { appEntryUrl } from './app-origin.js';
import {
  checkCommand,
  checkDesktopCommand,
  commandChannels,
  desktopChannels,
  isTrustedSender,
  type FrameLike,
} from './ipc-gate.js';

const contents = { id: 1 };
const mainFrame: FrameLike = { url: appEntryUrl, processId: 4, routingId: 1 };
const window = { contents, mainFrame };

describe('who may call the main process', () => {
  it('accepts the window’s own top frame on app://flotilla', () => {
    expect(isTrustedSender({ contents, frame: mainFrame }, window)).toBe(true);
    // Electron may hand out a fresh wrapper object for the same frame.
    expect(isTrustedSender({ contents, frame: { ...mainFrame, url: 'app://flotilla/tasks/1' } }, window)).toBe(true);
  });

  it('refuses subframes, other contents, navigated or destroyed frames, and calls before the window exists', () => {
    expect(isTrustedSender({ contents, frame: { ...mainFrame, routingId: 7 } }, window)).toBe(false);
    expect(isTrustedSender({ contents, frame: { ...mainFrame, processId: 9 } }, window)).toBe(false);
    expect(isTrustedSender({ contents: { id: 2 }, frame: mainFrame }, window)).toBe(false);
    expect(
      isTrustedSender(
        { contents, frame: { ...mainFrame, url: 'https://example.com/' } },
        { contents, mainFrame: { ...mainFrame, url: 'https://example.com/' } },
      ),
    ).toBe(false);
    expect(isTrustedSender({ contents, frame: { ...mainFrame, url: 'file:///tmp/index.html' } }, window)).toBe(false);
    expect(isTrustedSender({ contents, frame: null }, window)).toBe(false);
    expect(isTrustedSender({ contents, frame: mainFrame }, null)).toBe(false);
  });
});

describe('validating params before they reach the engine', () => {
  it('rejects bad input with the shared schema’s message and the invalidInput code', () => {
    const empty = checkCommand('task/create', { repoId: 'r1', prompt: '   ' });
    expect(empty).toEqual({
      ok: false,
      error: {
        code: 'invalidInput',
        message: 'Invalid task/create request: prompt: Describe the task: the prompt is empty.',
      },
    });
    const missing = checkCommand('repo/add', {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('path: ');
    const wrongType = checkCommand('task/create', { repoId: 'r1', prompt: 'x', attempts: 99 });
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/^Invalid task\/create request: attempts: /);
  });

  it('refuses unknown commands, including inherited property names', () => {
    expect(checkCommand('repo/nuke', {})).toEqual({
      ok: false,
      error: { code: 'invalidInput', message: 'Unknown command "repo/nuke".' },
    });
    expect(checkCommand('constructor', {}).ok).toBe(false);
    expect(checkCommand('__proto__', {}).ok).toBe(false);
  });

  it('passes valid params on as the schema parsed them, dropping unknown fields', () => {
    expect(checkCommand('task/send', { taskId: 't1', text: '  more please ', extra: 1 })).toEqual({
      ok: true,
      params: { taskId: 't1', text: 'more please' },
    });
    expect(checkCommand('repo/list', undefined)).toEqual({ ok: true, params: {} });
  });

  it('validates desktop actions with their schemas from shared/bridge.ts', () => {
    expect(checkDesktopCommand('shell/openPath', { path: '' })).toEqual({
      ok: false,
      error: { code: 'invalidInput', message: 'Invalid shell/openPath request: path: Give the folder to open.' },
    });
    expect(checkDesktopCommand('shell/openExternal', { url: 'https://example.com' })).toEqual({
      ok: true,
      params: { url: 'https://example.com' },
    });
  });

  it('has one cmd: channel per command and desktop action, all distinct', () => {
    expect(Object.keys(commandChannels)).toEqual(Object.keys(commands));
    expect(Object.keys(desktopChannels)).toEqual(Object.keys(desktopCommands));
    const channels = [...Object.values(commandChannels), ...Object.values(desktopChannels)];
    expect(new Set(channels).size).toBe(channels.length);
    expect(commandChannels['task/create']).toBe('cmd:task/create');
  });
});
