import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Whether V8 would optimise a hot function after the engine tuned itself; V8's natives tell (bit 4: TurboFanned).
const probe = `
import { tuneEngineV8 } from './engine/host/engine-v8.ts';
tuneEngineV8();
const hot = (n) => n * 2 + 1;
const status = new Function('f', '%PrepareFunctionForOptimization(f); f(1); f(2); %OptimizeFunctionOnNextCall(f); f(3); return %GetOptimizationStatus(f);');
console.log((status(hot) & 16) !== 0 ? 'turbofan' : 'no turbofan');
`;

function run(env: NodeJS.ProcessEnv): string {
  const result = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', probe],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

describe('tuneEngineV8', () => {
  it('turns TurboFan off in the engine process, unless FLOTILLA_TURBOFAN=1 keeps it', () => {
    expect(run({ FLOTILLA_TURBOFAN: undefined })).toBe('no turbofan');
    expect(run({ FLOTILLA_TURBOFAN: '1' })).toBe('turbofan');
  });
});
