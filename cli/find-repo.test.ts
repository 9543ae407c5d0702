import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { sampleRepo } from '../testing/renderer/app-state.js';
import { findRepo, requireAddedRepo } from './session.js';

const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: tmpdir() };

function apiWith(repos: ReturnType<typeof sampleRepo>[]) {
  return { call: async () => ({ repos }) } as unknown as Parameters<typeof findRepo>[0];
}

describe('naming a repository on the command line', () => {
  it('takes the name repo add printed, and says which ids to use when two share it', async () => {
    const webapp = sampleRepo({ id: 'a1b2c3', name: 'webapp', path: '/nowhere/webapp' });
    const api = apiWith([webapp, sampleRepo({ id: 'd4e5f6', name: 'docs', path: '/nowhere/docs' })]);
    expect((await findRepo(api, io, 'webapp')).repo?.id).toBe('a1b2c3');
    expect((await findRepo(api, io, 'd4e')).repo?.id).toBe('d4e5f6');
    await expect(requireAddedRepo(api, io, 'nothing-like-it')).rejects.toThrow(
      'No repository "nothing-like-it": give a path, an id or a name from `flotilla repo list`.',
    );
    const twice = apiWith([webapp, sampleRepo({ id: 'ffff00', name: 'webapp', path: '/nowhere/other/webapp' })]);
    await expect(findRepo(twice, io, 'webapp')).rejects.toThrow(
      '2 added repositories are named "webapp": give its id or path instead (a1b2c3, ffff00).',
    );
  });
});
