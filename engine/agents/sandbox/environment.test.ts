import { describe, expect, test } from 'vitest';
import { agentEnvironment, scrubEnvironment } from './environment.js';

describe('scrubEnvironment', () => {
  test('keeps only the allow-list and LC_* variables, plus fixed agent settings', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/me',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'xterm',
      USER: 'me',
      SHELL: '/bin/zsh',
      TMPDIR: '/var/tmp',
      EDITOR: 'vim',
      SSH_AUTH_SOCK: '/tmp/agent.sock',
      GIT_DIR: '/elsewhere/.git',
      AWS_ACCESS_KEY_ID: 'AKIA',
      UNSET: undefined,
    };
    expect(scrubEnvironment(env)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      LANG: 'en_US.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: 'xterm',
      USER: 'me',
      SHELL: '/bin/zsh',
      TMPDIR: '/var/tmp',
      ...agentEnvironment,
    });
  });

  test('never passes credentials, ANTHROPIC_*/OPENAI_* settings, ELECTRON_RUN_AS_NODE or NODE_OPTIONS', () => {
    const env = {
      PATH: '/bin',
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_BASE_URL: 'https://proxy',
      OPENAI_API_KEY: 'sk',
      OPENAI_ORG: 'org',
      GITHUB_TOKEN: 'ghp',
      MY_SECRET: 's',
      DB_PASSWORD: 'p',
      ELECTRON_RUN_AS_NODE: '1',
      NODE_OPTIONS: '--require evil.js',
      // An allowed prefix does not let a credential through.
      LC_API_KEY: 'sneaky',
      lc_session_token: 'sneaky',
    };
    expect(scrubEnvironment(env)).toEqual({ PATH: '/bin', ...agentEnvironment });
  });

  test('matches names case-insensitively, as Windows does', () => {
    expect(scrubEnvironment({ Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', anthropic_api_key: 'sk' })).toEqual({
      Path: 'C:\\Windows',
      SystemRoot: 'C:\\Windows',
      ...agentEnvironment,
    });
  });
});
