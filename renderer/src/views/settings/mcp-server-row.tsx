import type { McpServerInfo } from '../../../../shared/mcp.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { useAction } from './use-action.js';

/** What runs (or where), with the secrets' names only: their values never reach the window. */
export function transportText(server: McpServerInfo): string {
  const { transport } = server;
  if (transport.transport === 'http')
    return [transport.url, ...transport.headerNames.map((name) => `${name}: ••••`)].join('  ');
  return [...transport.envNames.map((name) => `${name}=••••`), transport.command, ...transport.args].join(' ');
}

function stateText(server: McpServerInfo): string {
  if (!server.enabled) return server.source === 'repoFile' ? 'Not approved' : 'Off';
  if (!server.check) return 'Not tested';
  return server.check.ok ? `Works: ${server.check.message}` : 'Fails to start';
}

/** One MCP server: what it runs, its state and tools, and Test (plus On and Remove for the user's own). */
export function McpServerRow({ server, scope }: { server: McpServerInfo; scope: string }) {
  const testMcpServer = useStore((state) => state.testMcpServer);
  const removeMcpServer = useStore((state) => state.removeMcpServer);
  const setEnabled = useStore((state) => state.setMcpServerEnabled);
  const action = useAction();
  const own = server.source === 'user';
  const id = `${server.repoId ?? 'global'}-${server.name}`;
  return (
    <li className="mcp-server" data-testid={`mcp-server-${id}`} data-name={server.name}>
      <div className="card-heading">
        <h3>{server.name}</h3>
        <span className="hint">{scope}</span>
        <span className="hint" data-testid="mcp-server-state">
          {stateText(server)}
        </span>
      </div>
      <code className="hint mono">{transportText(server)}</code>
      {server.check && !server.check.ok && (
        <pre className="hint mono" data-testid="mcp-server-failure">
          {server.check.message}
        </pre>
      )}
      {server.check?.ok && server.check.tools.length > 0 && (
        <p className="hint" data-testid="mcp-server-tools">
          Tools: {server.check.tools.map((tool) => `${server.name}__${tool.name}`).join(', ')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={action.busy}
          data-testid="mcp-server-test"
          onClick={() => void action.run(() => testMcpServer(server), 'Tested.')}
        >
          {action.busy ? 'Testing…' : 'Test'}
        </button>
        {own && (
          <label className="mcp-on">
            <input
              type="checkbox"
              checked={server.enabled}
              aria-label={`Give ${server.name} to agents`}
              onChange={(event) => void action.run(() => setEnabled(server.name, server.repoId, event.target.checked))}
            />
            On
          </label>
        )}
        {own && (
          <button
            type="button"
            className="button ghost"
            data-testid="mcp-server-remove"
            onClick={() => void action.run(() => removeMcpServer(server.name, server.repoId), 'Removed.')}
          >
            Remove
          </button>
        )}
      </div>
      <ErrorText error={action.error} />
    </li>
  );
}
