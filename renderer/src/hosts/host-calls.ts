import type { HostStatus } from '../../../shared/hosts.js';
import type { EngineClient } from '../transport/engine-client.js';

/** What the Add host form sends (`host/add`). */
export interface HostAddInput {
  name: string;
  target: string;
  sshOptions?: string[];
  home?: string;
  install?: boolean;
}

/** The host commands the window uses, with their params and results. */
interface HostCommands {
  'host/list': { params: { check?: boolean }; result: { hosts: HostStatus[] } };
  'host/add': { params: HostAddInput; result: { host: HostStatus } };
}

/**
 * Calls a host command. They are declared with the SSH transport in shared/commands.ts; typing them here keeps the
 * window building against an engine contract that has not declared them, where the call fails with the engine's own
 * "Unknown method" error.
 */
export function hostCall<M extends keyof HostCommands>(
  client: EngineClient,
  method: M,
  params: HostCommands[M]['params'],
): Promise<HostCommands[M]['result']> {
  const call = client.call as unknown as (name: string, input: unknown) => Promise<HostCommands[M]['result']>;
  return call(method, params);
}
