import { describe, expect, it } from 'vitest';
import type { Bridge, HostBridge } from '../../../shared/bridge.js';
import { pickClient } from './pick-client.js';

function fakeBridge(label: string, opened: string[] = []): HostBridge & { openHost?: (host: string) => HostBridge } {
  return {
    'engine/info': async () => ({ engineVersion: label }),
    onEvent: () => () => undefined,
    onChange: () => () => undefined,
    onConnection: (listener: (state: 'open') => void) => {
      listener('open');
      return () => undefined;
    },
    openHost: (host: string) => {
      opened.push(host);
      return fakeBridge(host);
    },
  } as unknown as HostBridge;
}

const pageWith = (flotilla: Bridge | undefined) => ({ flotilla }) as unknown as Window & { flotilla?: Bridge };

describe('picking the transport', () => {
  it('gives the desktop bridge a host opener: a host’s client calls that host’s bridge, null is this machine', async () => {
    const opened: string[] = [];
    const picked = pickClient(pageWith(fakeBridge('local', opened)), '/');
    if (!picked.client || picked.kind !== 'bridge' || !picked.openHost) throw new Error('expected a desktop bridge');
    expect(await picked.openHost('box').call('engine/info', {})).toEqual({ engineVersion: 'box' });
    expect(await picked.openHost(null).call('engine/info', {})).toEqual({ engineVersion: 'local' });
    expect(opened).toEqual(['box']);
  });

  it('offers no host opener for a bridge that cannot open hosts', () => {
    const bridge = { ...fakeBridge('local'), openHost: undefined } as unknown as Bridge;
    const picked = pickClient(pageWith(bridge), '/');
    expect(picked).toMatchObject({ kind: 'bridge', openHost: null });
  });
});
