import { join } from 'node:path';
import type { HostConfig } from '../shared/hosts.js';
import { openHostLink } from '../engine/hosts/host-link.js';
import { connectSshEngine } from '../engine/hosts/ssh-engine.js';
import { repoRoot } from '../testing/flotilla-process.js';
import { sshdMissing, startSshd } from '../testing/ssh/sshd-kit.js';
import type { BenchFigure } from './worktree-bench.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * Remote hosts over a throw-away sshd on 127.0.0.1: connecting to a host whose engine must start, attaching to one
 * that runs, a call's round trip over the ssh channel, and how long a killed ssh takes to be back and caught up.
 * Loopback ssh leaves out the network, so these are Flotilla's own costs on top of a real link's latency.
 */
export async function runHostBench(options: { rounds: number; log: (text: string) => void }): Promise<BenchFigure[]> {
  const missing = sshdMissing();
  if (missing) {
    options.log(`Skipping the remote host figures: ${missing}`);
    return [];
  }
  const kit = await startSshd();
  const host: HostConfig = {
    name: 'bench',
    target: kit.target,
    sshOptions: kit.sshOptions,
    home: kit.remoteHome,
    command: `${process.execPath} ${join(repoRoot, 'cli', 'bin.mjs')}`,
    addedAt: new Date().toISOString(),
  };
  try {
    let started = performance.now();
    await (await connectSshEngine(host)).close();
    const cold = performance.now() - started;
    const attach: number[] = [];
    const calls: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      started = performance.now();
      const engine = await connectSshEngine(host);
      attach.push(performance.now() - started);
      for (let call = 0; call < 10; call++) {
        const sent = performance.now();
        await engine.call('task/list', {});
        calls.push(performance.now() - sent);
      }
      await engine.close();
    }
    const link = openHostLink(host, { backoffMs: () => 0 });
    await link.whenConnected();
    const back: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      started = performance.now();
      const connected = new Promise<void>((resolve) => {
        const stop = link.onState((state) => {
          if (state !== 'connected') return;
          stop();
          resolve();
        });
      });
      link.drop();
      await connected;
      back.push(performance.now() - started);
    }
    await link.close();
    options.log(`  ${options.rounds} rounds each on ${kit.target}`);
    return [
      { name: 'connect, starting the remote engine (ssh + start)', value: cold, unit: 'ms', target: null, met: null },
      {
        name: 'connect to a running remote engine (median)',
        value: median(attach),
        unit: 'ms',
        target: null,
        met: null,
      },
      {
        name: 'task/list round trip over the ssh channel (median)',
        value: median(calls),
        unit: 'ms',
        target: null,
        met: null,
      },
      {
        name: 'killed ssh to reconnected and caught up (median)',
        value: median(back),
        unit: 'ms',
        target: null,
        met: null,
      },
    ];
  } finally {
    await kit.close();
  }
}
