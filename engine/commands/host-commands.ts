import type { HostConfig, HostStatus } from '../../shared/hosts.js';
import type { EngineContext } from '../engine-context.js';
import { EngineError } from '../errors.js';
import type { HostLinks } from '../hosts/host-links.js';
import { removeHost, saveHost } from '../hosts/hosts-file.js';
import { installEngine } from '../hosts/install-engine.js';
import { parseSshTarget } from '../hosts/ssh-command.js';
import { connectSshEngine } from '../hosts/ssh-engine.js';
import type { Handlers } from './handler.js';

/** How long a check of one host may take (ssh login and starting its engine) before it counts as unreachable. */
const checkTimeoutMs = 60_000;

/** Connects once to a host and reads what it runs: the proof host/add gives before saving it. */
async function check(host: HostConfig): Promise<HostStatus> {
  const engine = await connectSshEngine(host, { helloTimeoutMs: checkTimeoutMs });
  try {
    const { tasks } = await engine.call('task/list', { status: ['running'] });
    return {
      name: host.name,
      target: host.target,
      state: 'connected',
      engineVersion: engine.info.engineVersion,
      protocolVersion: engine.info.protocolVersion,
      nodeVersion: engine.info.nodeVersion,
      home: engine.info.home,
      tasksRunning: tasks.length,
    };
  } finally {
    await engine.close();
  }
}

/** A host's status through its live link, connecting it; a failed connection is reported, not thrown. */
async function checkLink(hosts: HostLinks, host: HostConfig): Promise<HostStatus> {
  const link = hosts.open(host.name);
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, checkTimeoutMs).unref());
  await Promise.race([link.whenConnected(), timeout]).catch(() => undefined);
  if (link.state !== 'connected') return hosts.status(host);
  const running = await link.call('task/list', { status: ['running'] }).catch(() => null);
  return { ...hosts.status(host), ...(running ? { tasksRunning: running.tasks.length } : {}) };
}

async function statuses(context: EngineContext, checked: boolean): Promise<HostStatus[]> {
  const hosts = await context.hosts.list();
  return Promise.all(hosts.map((host) => (checked ? checkLink(context.hosts, host) : context.hosts.status(host))));
}

/** Remote hosts: hosts.json, checked over ssh. */
export const hostCommands: Handlers<'host/list' | 'host/add' | 'host/remove'> = {
  async 'host/list'(context, { check: checked }) {
    return { hosts: await statuses(context, checked ?? false) };
  },
  async 'host/add'(context, { install, ...given }) {
    parseSshTarget(given.target);
    const host: HostConfig = { ...given, addedAt: new Date().toISOString() };
    const installed = install ? await installEngine(host) : null;
    const status = await check(host);
    saveHost(context.paths.hosts, host);
    await context.hosts.forget(host.name);
    return { host: status, installed, hosts: await statuses(context, false) };
  },
  async 'host/remove'(context, { name }) {
    if (!removeHost(context.paths.hosts, name))
      throw new EngineError('notFound', `No host "${name}" to remove. See \`flotilla host list\`.`, { host: name });
    await context.hosts.forget(name);
    return { hosts: await statuses(context, false) };
  },
};
