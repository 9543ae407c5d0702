import { useCallback, useEffect, useState } from 'react';
import type { CommandResult } from '../../../../shared/commands.js';
import { maxPoolSize } from '../../../../shared/repo.js';
import { useStore } from '../../store/store.js';

/** A byte count as the pool list shows disk use: KB below a megabyte, else MB. */
function megabytes(bytes: number | null): string {
  if (bytes === null) return 'measuring…';
  if (bytes < 1_048_576) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * A repository's warm pool in Settings: how many worktrees to keep prepared (part of the repository form), and the
 * ones there are now, with their state and disk use, and a button that removes them.
 */
export function RepoPool({
  repoId,
  repoName,
  size,
  savedSize,
  onChange,
}: {
  repoId: string;
  repoName: string;
  size: string;
  savedSize: number;
  onChange(size: string): void;
}) {
  const listPool = useStore((state) => state.listPool);
  const clearPool = useStore((state) => state.clearPool);
  const [pool, setPool] = useState<CommandResult<'pool/list'> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refresh = useCallback(() => {
    listPool(repoId).then(setPool, () => setPool(null));
  }, [listPool, repoId]);
  useEffect(() => {
    if (savedSize === 0) return setPool(null);
    refresh();
    // The pool fills in the background: look again while it does.
    const timer = setInterval(refresh, 3_000);
    return () => clearInterval(timer);
  }, [refresh, savedSize]);
  const total = pool?.worktrees.reduce((sum, one) => sum + (one.bytes ?? 0), 0) ?? 0;
  return (
    <div className="field" data-testid={`repo-pool-${repoId}`}>
      <label className="field">
        <span className="field-label">
          Warm pool: worktrees kept prepared at the current branch’s tip, so a new task starts at once (0 for none)
        </span>
        <input
          className="input small pool-size"
          type="number"
          min={0}
          max={maxPoolSize}
          aria-label={`Warm pool size for ${repoName}`}
          data-testid={`repo-pool-size-${repoId}`}
          value={size}
          onChange={(event) => onChange(event.target.value)}
        />
      </label>
      {pool && pool.worktrees.length > 0 && (
        <>
          <ul className="hint pool-list" data-testid={`repo-pool-list-${repoId}`}>
            {pool.worktrees.map((one) => (
              <li key={one.path}>
                <code>{one.path}</code> · {one.state === 'ready' ? 'ready' : 'preparing'} at {one.commit.slice(0, 7)}
                {pool.base ? ` (${pool.base})` : ''} · {megabytes(one.bytes)}
              </li>
            ))}
          </ul>
          <div className="row">
            <span className="hint">
              {pool.worktrees.length} prepared, {megabytes(total)} on disk; not tasks.
            </span>
            <button
              type="button"
              className="button ghost small"
              data-testid={`repo-pool-clear-${repoId}`}
              onClick={() =>
                void clearPool(repoId).then((removed) => {
                  setNote(`Removed ${removed}; the pool fills again in the background while its size is above 0.`);
                  refresh();
                })
              }
            >
              Remove them
            </button>
          </div>
        </>
      )}
      {note && <p className="hint ok">{note}</p>}
    </div>
  );
}

/** The pool size typed in the form as a number, or an error saying what to type. */
export function readPoolSize(text: string): { size: number } | { error: string } {
  const size = Number(text.trim() === '' ? '0' : text);
  if (!Number.isInteger(size) || size < 0 || size > maxPoolSize)
    return { error: `The warm pool size is a whole number from 0 to ${maxPoolSize}.` };
  return { size };
}
