import { describe, expect, test } from 'vitest';
import { bubblewrapArgs } from './bubblewrap.js';
import { seatbeltArgs, seatbeltProfile } from './seatbelt.js';

describe('bubblewrap arguments', () => {
  const args = bubblewrapArgs({
    worktree: '/w/tree',
    readOnly: ['/repo/.git', '/w/tree/.git'],
    allowNetwork: false,
    command: ['/bin/bash', '-c', 'make'],
  });

  test('mount the system read-only, the worktree writable and git data read-only over it', () => {
    const text = args.join(' ');
    expect(text).toBe(
      '--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --bind /w/tree /w/tree --ro-bind /repo/.git /repo/.git --ro-bind /w/tree/.git /w/tree/.git ' +
        '--unshare-net --unshare-pid --die-with-parent --chdir /w/tree -- /bin/bash -c make',
    );
    // Later mounts win, so the read-only git data must come after the writable worktree.
    expect(args.indexOf('/w/tree/.git')).toBeGreaterThan(args.indexOf('--bind'));
  });

  test('keep the network only when the policy allows it', () => {
    const open = bubblewrapArgs({ worktree: '/w', readOnly: [], allowNetwork: true, command: ['true'] });
    expect(open).not.toContain('--unshare-net');
    expect(args).toContain('--unshare-net');
  });
});

describe('seatbelt profile', () => {
  const options = {
    worktree: '/Users/me/wt "quoted")(allow default',
    temp: ['/private/var/folders/xy/T', '/private/tmp'],
    readOnly: ['/Users/me/repo/.git', '/Users/me/wt/.git'],
    allowNetwork: false,
    command: ['/bin/bash', '-c', 'make'],
  };

  test('denies writes except to the worktree and temp folders, keeps git data read-only and denies the network', () => {
    expect(seatbeltProfile(options)).toBe(
      [
        '(version 1)',
        '(allow default)',
        '(deny file-write*)',
        '(allow file-write* (subpath (param "WORKTREE")) (subpath (param "TEMP_0")) (subpath (param "TEMP_1")) (literal "/dev/null") (literal "/dev/zero") (literal "/dev/tty") (regex #"^/dev/fd/[0-9]+$") (regex #"^/dev/ttys[0-9]+$"))',
        '(deny file-write* (subpath (param "READONLY_0")) (subpath (param "READONLY_1")))',
        '(deny network*)',
        '',
      ].join('\n'),
    );
  });

  test('allows the network when the policy does', () => {
    expect(seatbeltProfile({ ...options, allowNetwork: true })).not.toContain('network');
  });

  test('passes paths as parameters, never inside the profile text', () => {
    const args = seatbeltArgs(options);
    expect(args[0]).toBe('-p');
    expect(args[1]).not.toContain('quoted');
    expect(args.slice(2)).toEqual([
      '-D',
      `WORKTREE=${options.worktree}`,
      '-D',
      'TEMP_0=/private/var/folders/xy/T',
      '-D',
      'TEMP_1=/private/tmp',
      '-D',
      'READONLY_0=/Users/me/repo/.git',
      '-D',
      'READONLY_1=/Users/me/wt/.git',
      '/bin/bash',
      '-c',
      'make',
    ]);
  });
});
