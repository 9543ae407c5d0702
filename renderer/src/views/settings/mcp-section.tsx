import { useEffect } from 'react';
import type { McpRepoFile } from '../../../../shared/mcp.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { McpAddForm } from './mcp-add-form.js';
import { McpServerRow } from './mcp-server-row.js';
import { useAction } from './use-action.js';

/** Settings' "MCP servers": the user's servers (state, tools, Test), adding one, and repositories' `.mcp.json`. */
export function McpSection() {
  const servers = useStore((state) => state.mcpServers);
  const repos = useStore((state) => state.repos);
  const loadMcpServers = useStore((state) => state.loadMcpServers);
  const loadMcpRepoFile = useStore((state) => state.loadMcpRepoFile);
  const repoIds = repos.map((repo) => repo.id).join(',');
  useEffect(() => {
    void loadMcpServers().catch(() => undefined);
  }, [loadMcpServers]);
  useEffect(() => {
    for (const repoId of repoIds.split(',').filter(Boolean)) void loadMcpRepoFile(repoId).catch(() => undefined);
  }, [repoIds, loadMcpRepoFile]);
  const repoName = (repoId: string | null) =>
    repoId === null ? 'Every task' : (repos.find((repo) => repo.id === repoId)?.name ?? repoId);
  return (
    <section className="settings-section" aria-labelledby="mcp-title" data-testid="mcp-section">
      <h2 id="mcp-title">MCP servers</h2>
      <p className="hint">
        Tools from Model Context Protocol servers, for every agent (the built-in one, Claude Code, Codex, ACP agents).
        Secret values are stored like API keys and never shown again.
      </p>
      {servers.length === 0 && <p className="hint">No MCP server yet.</p>}
      <ul className="card mcp-servers" aria-label="MCP servers">
        {servers.map((server) => (
          <McpServerRow key={`${server.repoId ?? ''}/${server.name}`} server={server} scope={repoName(server.repoId)} />
        ))}
      </ul>
      <McpAddForm />
      {repos.map((repo) => (
        <RepoFileCard key={repo.id} repoId={repo.id} repoName={repo.name} />
      ))}
    </section>
  );
}

const stateTexts: Record<McpRepoFile['state'], string> = {
  missing: '',
  invalid: 'It cannot be used:',
  unapproved: 'Its servers are not used until you approve it.',
  changed: 'It changed since you approved it; its servers are not used until you approve it again.',
  approved: "Approved: its servers reach this repository's tasks until the file changes.",
};

function RepoFileCard({ repoId, repoName }: { repoId: string; repoName: string }) {
  const file = useStore((state) => state.mcpRepoFiles[repoId]);
  const approve = useStore((state) => state.approveMcpRepoFile);
  const action = useAction();
  if (!file || file.state === 'missing') return null;
  return (
    <div className="card" data-testid={`mcp-repo-file-${repoId}`}>
      <div className="card-heading">
        <h3>{repoName}: .mcp.json</h3>
        <code className="hint">{file.path}</code>
      </div>
      <p className="hint" data-testid="mcp-repo-file-state">
        {stateTexts[file.state]} {file.problem}
      </p>
      <ul className="mcp-servers">
        {file.servers.map((server) => (
          <McpServerRow key={server.name} server={server} scope=".mcp.json" />
        ))}
      </ul>
      {(file.state === 'unapproved' || file.state === 'changed') && file.hash && (
        <div className="form-actions">
          <button
            type="button"
            className="button primary"
            data-testid="mcp-repo-file-approve"
            disabled={action.busy}
            onClick={() => void action.run(() => approve(repoId, file.hash!), 'Approved.')}
          >
            Approve
          </button>
        </div>
      )}
      <ErrorText error={action.error} />
    </div>
  );
}
