import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bootstrapScript, parseSshTarget, sshArguments } from './ssh-command.js';
import { sshFailure } from './ssh-errors.js';

describe('ssh targets and arguments', () => {
  it('reads ssh:// addresses, user@host and ~/.ssh/config aliases', () => {
    expect(parseSshTarget('ssh://me@buildbox.internal:2222')).toEqual({
      destination: 'me@buildbox.internal',
      port: 2222,
    });
    expect(parseSshTarget('ssh://buildbox')).toEqual({ destination: 'buildbox', port: null });
    expect(parseSshTarget('me@10.0.0.5')).toEqual({ destination: 'me@10.0.0.5', port: null });
    expect(parseSshTarget('buildbox')).toEqual({ destination: 'buildbox', port: null });
  });

  it('refuses targets that would be read as ssh options or hold spaces, saying what to write', () => {
    expect(() => parseSshTarget('-oProxyCommand=evil')).toThrow(
      /is not an ssh target. Give ssh:\/\/user@host\[:port\]/,
    );
    expect(() => parseSshTarget('me@host rm -rf')).toThrow(/is not an ssh target/);
    expect(() => parseSshTarget('ssh://host/some/path')).toThrow(/Write it as ssh:\/\/user@host:port/);
  });

  it('runs ssh in batch mode with keep-alives, the port and user options before the destination', () => {
    const args = sshArguments({ target: 'ssh://me@box:2200', sshOptions: ['-i', '/k'] }, 'true');
    expect(args.slice(0, 2)).toEqual(['-T', '-o']);
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('ServerAliveInterval=15');
    expect(args.slice(-7)).toEqual(['-p', '2200', '-i', '/k', '--', 'me@box', 'true']);
  });

  it('quotes the remote home into the bootstrap so a quote in a path cannot break out', () => {
    const script = bootstrapScript({ home: "/srv/it's; here", command: 'env' }, '');
    const printed = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(printed).toContain("FLOTILLA_HOME=/srv/it's; here\n");
  });

  it('exits 98 saying so when neither an installed engine nor flotilla on PATH is there', () => {
    const run = spawnSync('sh', ['-c', bootstrapScript({}, 'serve --stdio')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', XDG_DATA_HOME: '/nonexistent/data' },
    });
    expect(run.status).toBe(98);
    expect(run.stderr).toContain('no Flotilla in /nonexistent/data/flotilla/engine/current/cli/bin.mjs or on PATH');
  });
});

describe('ssh failures', () => {
  const host = { name: 'box', target: 'ssh://me@box:2200' };
  it('tells a refused login from an unreachable host and a missing Flotilla by what ssh said and the exit code', () => {
    expect(sshFailure(host, 255, 'me@box: Permission denied (publickey).').code).toBe('hostLoginRefused');
    expect(sshFailure(host, 255, 'ssh: connect to host box port 2200: Connection refused').code).toBe(
      'hostUnreachable',
    );
    expect(sshFailure(host, 255, 'Host key verification failed.').code).toBe('hostKeyRejected');
    expect(sshFailure(host, 97, 'flotilla-bootstrap: no node on PATH').code).toBe('hostNodeMissing');
    expect(sshFailure(host, 98, '').code).toBe('hostFlotillaMissing');
    expect(sshFailure(host, 255, 'ssh: Could not resolve hostname box').message).toContain('`ssh -p 2200 me@box true`');
  });
});
