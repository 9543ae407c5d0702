import { useEffect, useState, type FormEvent } from 'react';
import type { Repo } from '../../../../shared/repo.js';
import { ErrorText } from '../../components/error-text.js';
import { useStore } from '../../store/store.js';
import { checksDraft, readChecksDraft, RepoChecks, type ChecksDraft } from './repo-checks.js';
import { readPoolSize, RepoPool } from './repo-pool.js';
import { useAction } from './use-action.js';

/** Per-repository settings: untracked files copied into each worktree, the setup script, and the checks. */
export function ReposSection() {
  const repos = useStore((state) => state.repos);
  return (
    <section className="settings-section" aria-labelledby="repos-title">
      <h2 id="repos-title">Repositories</h2>
      {repos.length === 0 && <p className="hint">No repository yet: add one from the sidebar.</p>}
      {repos.map((repo) => (
        <RepoCard key={repo.id} repo={repo} />
      ))}
    </section>
  );
}

function RepoCard({ repo }: { repo: Repo }) {
  const updateRepo = useStore((state) => state.updateRepo);
  const removeRepo = useStore((state) => state.removeRepo);
  const [patterns, setPatterns] = useState(repo.settings.includePatterns.join('\n'));
  const [setupScript, setSetupScript] = useState(repo.settings.setupScript);
  const [checks, setChecks] = useState<ChecksDraft>(() => checksDraft(repo.settings));
  const [poolSize, setPoolSize] = useState(String(repo.settings.poolSize));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const action = useAction();
  // The engine's settings changed (a save here, or another client): the form starts from them again. Kept mounted
  // rather than re-keyed, so "Saved." stays in view after a save.
  const saved = JSON.stringify(repo.settings);
  useEffect(() => {
    const settings = JSON.parse(saved) as Repo['settings'];
    setPatterns(settings.includePatterns.join('\n'));
    setSetupScript(settings.setupScript);
    setChecks(checksDraft(settings));
    setPoolSize(String(settings.poolSize));
  }, [saved]);
  const includePatterns = patterns
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const dirty =
    includePatterns.join('\n') !== repo.settings.includePatterns.join('\n') ||
    setupScript !== repo.settings.setupScript ||
    JSON.stringify(checks) !== JSON.stringify(checksDraft(repo.settings)) ||
    poolSize !== String(repo.settings.poolSize);
  const save = (event: FormEvent) => {
    event.preventDefault();
    const read = readChecksDraft(checks);
    if ('error' in read) return setInvalid(read.error);
    const pool = readPoolSize(poolSize);
    if ('error' in pool) return setInvalid(pool.error);
    setInvalid(null);
    void action.run(() => updateRepo(repo.id, { includePatterns, setupScript, ...read.settings, poolSize: pool.size }));
  };
  return (
    <form className="card" onSubmit={save} data-testid={`repo-settings-${repo.id}`}>
      <div className="card-heading">
        <h3>{repo.name}</h3>
        <code className="hint">{repo.path}</code>
      </div>
      <label className="field">
        <span className="field-label">Copy into each worktree (untracked files, one glob per line)</span>
        <textarea
          className="input mono"
          rows={3}
          aria-label={`Include patterns for ${repo.name}`}
          data-testid={`repo-include-${repo.id}`}
          spellCheck={false}
          value={patterns}
          onChange={(event) => setPatterns(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Setup script (runs in each new worktree before the agent starts)</span>
        <textarea
          className="input mono"
          rows={3}
          aria-label={`Setup script for ${repo.name}`}
          data-testid={`repo-setup-${repo.id}`}
          placeholder="npm ci"
          spellCheck={false}
          value={setupScript}
          onChange={(event) => setSetupScript(event.target.value)}
        />
      </label>
      <RepoPool
        repoId={repo.id}
        repoName={repo.name}
        size={poolSize}
        savedSize={repo.settings.poolSize}
        onChange={setPoolSize}
      />
      <RepoChecks
        repoId={repo.id}
        repoName={repo.name}
        draft={checks}
        onChange={(change) => setChecks((current) => ({ ...current, ...change }))}
      />
      <div className="row">
        <button
          type="submit"
          className="button primary"
          data-testid={`repo-save-${repo.id}`}
          disabled={action.busy || !dirty}
        >
          Save
        </button>
        {action.done && <span className="hint ok">{action.done}</span>}
        <span className="spacer" />
        {confirmRemove ? (
          <>
            <span className="hint">Remove {repo.name} from Flotilla? Its files and branches stay.</span>
            <button
              type="button"
              className="button danger"
              aria-label={`Confirm removing ${repo.name}`}
              onClick={() => void action.run(() => removeRepo(repo.id), 'Removed.')}
            >
              Remove
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirmRemove(false)}>
              Keep
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button ghost"
            aria-label={`Remove ${repo.name} from Flotilla`}
            onClick={() => setConfirmRemove(true)}
          >
            Remove…
          </button>
        )}
      </div>
      <ErrorText error={invalid ?? action.error} testId={`repo-settings-error-${repo.id}`} />
    </form>
  );
}
