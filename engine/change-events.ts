import type { CommandName, CommandParams, CommandResult } from '../shared/commands.js';
import type { EngineChange } from '../shared/engine-events.js';

/** What a finished command needs to tell about the engine's state besides its result. */
type Finished = { [C in CommandName]: { method: C; params: CommandParams<C>; result: CommandResult<C> } }[CommandName];

/**
 * The configuration changes a successful command made, for every client to apply: derived from
 * the command and its result in one place, so no handler can forget to tell. `agents` lists the
 * agents again (their availability can follow a new key or program path).
 */
export async function changesAfter(
  finished: Finished,
  agents: () => Promise<CommandResult<'agent/list'>['agents']>,
  mcpServers: () => CommandResult<'mcp/list'>['servers'] = () => [],
): Promise<EngineChange[]> {
  switch (finished.method) {
    case 'repo/add':
      return finished.result.alreadyAdded ? [] : [{ type: 'repo.added', repo: finished.result.repo }];
    case 'repo/update':
      return [{ type: 'repo.updated', repo: finished.result.repo }];
    case 'repo/remove':
      return finished.result.removed ? [{ type: 'repo.removed', repoId: finished.params.repoId }] : [];
    case 'settings/update':
      return [{ type: 'settings.changed', settings: finished.result.settings }];
    case 'provider/update':
      // Only the public part: a base URL and whether a key is set.
      return [
        { type: 'providers.changed', providers: finished.result.providers },
        { type: 'agents.changed', agents: await agents() },
      ];
    case 'pricing/update':
      return [{ type: 'pricing.changed', prices: finished.result.prices }];
    case 'agent/configure':
      return [{ type: 'agents.changed', agents: await agents() }];
    case 'mcp/add':
    case 'mcp/remove':
    case 'mcp/setEnabled':
      return [{ type: 'mcp.changed', servers: mcpServers() }];
    case 'mcp/test':
      return finished.result.server.source === 'user' ? [{ type: 'mcp.changed', servers: mcpServers() }] : [];
    case 'mcp/approveRepoFile':
      return [{ type: 'mcp.repoFileChanged', file: finished.result.file }];
    case 'host/add':
    case 'host/remove':
      return [{ type: 'hosts.changed', hosts: finished.result.hosts }];
    default:
      return [];
  }
}
