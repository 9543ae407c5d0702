import { useState, type FormEvent } from 'react';
import type { McpTransport } from '../../../../shared/mcp.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { useAction } from './use-action.js';

/** `K<sep>V` lines as a record; an error naming the first line without a name. */
export function parseLines(
  text: string,
  separator: '=' | ':',
): { ok: true; values: Record<string, string> } | { ok: false; error: string } {
  const values: Record<string, string> = {};
  for (const line of text.split('\n').map((one) => one.trim())) {
    if (!line) continue;
    const at = line.indexOf(separator);
    const key = at === -1 ? '' : line.slice(0, at).trim();
    if (!key) return { ok: false, error: `"${line}" needs the form NAME${separator === '=' ? '=value' : ': value'}.` };
    values[key] = line.slice(at + 1).trim();
  }
  return { ok: true, values };
}

/** Adds an MCP server: a command to start (stdio) or a URL (streamable HTTP), globally or for one repository. */
export function McpAddForm() {
  const repos = useStore((state) => state.repos);
  const addMcpServer = useStore((state) => state.addMcpServer);
  const [name, setName] = useState('');
  const [repoId, setRepoId] = useState('');
  const [kind, setKind] = useState<'stdio' | 'http'>('stdio');
  const [command, setCommand] = useState('');
  const [url, setUrl] = useState('');
  const [secrets, setSecrets] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseLines(secrets, kind === 'stdio' ? '=' : ':');
    if (!parsed.ok) return setInvalid(parsed.error);
    const { values } = parsed;
    setInvalid(null);
    const [program = '', ...args] = command.trim().split(/\s+/);
    const server: McpTransport =
      kind === 'stdio'
        ? { transport: 'stdio', command: program, args, env: values }
        : { transport: 'http', url: url.trim(), headers: values };
    void action
      .run(() => addMcpServer({ name: name.trim(), repoId: repoId || null, server }), 'Added.')
      .then((added) => {
        if (!added) return;
        setName('');
        setCommand('');
        setUrl('');
        setSecrets('');
      });
  };
  return (
    <form className="card" onSubmit={submit} data-testid="mcp-add-form" aria-label="Add an MCP server">
      <h3>Add a server</h3>
      <div className="mcp-fields">
        <label className="field">
          <span className="field-label">Name (its tools are name__tool)</span>
          <input
            className="input mono"
            data-testid="mcp-add-name"
            value={name}
            placeholder="tickets"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">For</span>
          <select
            className="input"
            data-testid="mcp-add-scope"
            value={repoId}
            onChange={(e) => setRepoId(e.target.value)}
          >
            <option value="">Every task</option>
            {repos.map((repo) => (
              <option key={repo.id} value={repo.id}>
                {repo.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Transport</span>
          <select
            className="input"
            data-testid="mcp-add-transport"
            value={kind}
            onChange={(event) => setKind(event.target.value as 'stdio' | 'http')}
          >
            <option value="stdio">Command (stdio)</option>
            <option value="http">URL (streamable HTTP)</option>
          </select>
        </label>
      </div>
      {kind === 'stdio' ? (
        <label className="field">
          <span className="field-label">Command and arguments</span>
          <input
            className="input mono"
            data-testid="mcp-add-command"
            value={command}
            placeholder="npx -y @acme/tickets-mcp"
            onChange={(event) => setCommand(event.target.value)}
          />
        </label>
      ) : (
        <label className="field">
          <span className="field-label">URL</span>
          <input
            className="input mono"
            data-testid="mcp-add-url"
            value={url}
            placeholder="https://mcp.example.com/mcp"
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
      )}
      <label className="field">
        <span className="field-label">
          {kind === 'stdio' ? 'Environment (NAME=value per line)' : 'Headers (Name: value per line)'}; stored like API
          keys, never shown again
        </span>
        <textarea
          className="input mono"
          rows={2}
          data-testid="mcp-add-secrets"
          spellCheck={false}
          value={secrets}
          onChange={(event) => setSecrets(event.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={action.busy || !name.trim()} data-testid="mcp-add">
          Add server
        </button>
        {action.done && <span className="hint">{action.done}</span>}
      </div>
      <ErrorText error={invalid ?? action.error} testId="mcp-add-error" />
    </form>
  );
}
