import { z } from 'zod';
import { hostNamePattern, hostNameRule } from './host-name.js';
import { providerIdSchema } from './repo.js';

export { hostNameProblem } from './host-name.js';

/** Schema for a host name: what `--host NAME` and the window's host switcher use. */
export const hostNameSchema = z.string().regex(hostNamePattern, hostNameRule);

/** Schema for one remote host in hosts.json: how to reach its engine over the system `ssh`. */
export const hostConfigSchema = z.object({
  name: hostNameSchema,
  /** `ssh://user@host:port`, `user@host` or a Host alias from ~/.ssh/config. */
  target: z.string().min(1, 'Give an ssh target such as ssh://me@buildbox or a Host alias from ~/.ssh/config.'),
  /** Extra `ssh` arguments (such as `-i key`, `-o Option=value`), passed before the target. */
  sshOptions: z.array(z.string()).optional(),
  /** The remote FLOTILLA_HOME when not the remote default. */
  home: z.string().optional(),
  /** The remote `node` when not found on the remote PATH. */
  node: z.string().optional(),
  /** The remote command that starts Flotilla when not the installed copy or `flotilla` on PATH. */
  command: z.string().optional(),
  /**
   * Providers whose keys this side sends the remote engine on every connection, held in its memory only (never written
   * there); absent or empty: the remote uses its own environment's keys.
   */
  sendKeys: z.array(providerIdSchema).optional(),
  addedAt: z.string(),
});
/** One remote host in hosts.json. */
export type HostConfig = z.infer<typeof hostConfigSchema>;

/** Schema for the state of the link to one host, as the window's switcher shows it. */
export const hostLinkStateSchema = z.enum(['idle', 'connecting', 'connected', 'reconnecting', 'failed']);
/** The state of the link to one host. */
export type HostLinkState = z.infer<typeof hostLinkStateSchema>;

/** Schema for what a check of one host found (host/list with check). */
export const hostStatusSchema = z.object({
  name: z.string(),
  target: z.string(),
  state: hostLinkStateSchema,
  /** Why the last connection failed, saying what to do; absent when it did not fail. */
  error: z.string().optional(),
  engineVersion: z.string().optional(),
  protocolVersion: z.number().optional(),
  nodeVersion: z.string().optional(),
  home: z.string().optional(),
  tasksRunning: z.number().optional(),
});
/** What a check of one host found. */
export type HostStatus = z.infer<typeof hostStatusSchema>;

/** The host commands: the hosts this engine knows (hosts.json), adding one (checked, maybe installed), removing. */
export const hostCommands = {
  /** The hosts in hosts.json with their link state; with `check`, each is connected and asked what it runs. */
  'host/list': {
    params: z.object({ check: z.boolean().optional() }),
    result: z.object({ hosts: z.array(hostStatusSchema) }),
  },
  /**
   * Adds a host (or changes one): connects over ssh, checks node, Flotilla and the remote home, and with `install`
   * first copies this engine to the remote user's data folder over the same kind of connection. Fails with what to do.
   */
  'host/add': {
    params: z.object({
      name: hostNameSchema,
      target: hostConfigSchema.shape.target,
      sshOptions: z.array(z.string()).optional(),
      home: z.string().optional(),
      node: z.string().optional(),
      command: z.string().optional(),
      sendKeys: z.array(providerIdSchema).optional(),
      install: z.boolean().optional(),
    }),
    result: z.object({ host: hostStatusSchema, installed: z.string().nullable(), hosts: z.array(hostStatusSchema) }),
  },
  /** Forgets a host; its engine and tasks stay on the remote. */
  'host/remove': {
    params: z.object({ name: z.string().min(1) }),
    result: z.object({ hosts: z.array(hostStatusSchema) }),
  },
} as const;
