import { useEffect, useState } from 'react';
import type { RepoSettings } from '../../../../shared/repo.js';
import { maxVerifyRetries } from '../../../../shared/verify.js';
import type { VerifySuggestion } from '../../store/repos-slice.js';
import { useStore } from '../../store/store.js';

/** The checks settings as the form holds them: the time limit in minutes as typed. */
export interface ChecksDraft {
  verifyCommand: string;
  verifyRetries: number;
  timeLimitMinutes: string;
  requirePassingChecks: boolean;
}

/** A repository's checks settings as the form starts them. */
export function checksDraft(settings: RepoSettings): ChecksDraft {
  return {
    verifyCommand: settings.verifyCommand,
    verifyRetries: settings.verifyRetries,
    timeLimitMinutes: String(Math.round((settings.verifyTimeoutMs / 60_000) * 100) / 100),
    requirePassingChecks: settings.requirePassingChecks,
  };
}

/** The repository settings a checks draft saves, or why it cannot be saved (a time limit that is not a number). */
export function readChecksDraft(
  draft: ChecksDraft,
):
  | { settings: Pick<RepoSettings, 'verifyCommand' | 'verifyRetries' | 'verifyTimeoutMs' | 'requirePassingChecks'> }
  | { error: string } {
  const minutes = Number(draft.timeLimitMinutes.trim().replace(',', '.'));
  if (!draft.timeLimitMinutes.trim() || !Number.isFinite(minutes) || minutes <= 0)
    return { error: 'Give the checks’ time limit in minutes, such as 10 or 0.5.' };
  return {
    settings: {
      verifyCommand: draft.verifyCommand.trim(),
      verifyRetries: draft.verifyRetries,
      verifyTimeoutMs: Math.round(minutes * 60_000),
      requirePassingChecks: draft.requirePassingChecks,
    },
  };
}

/**
 * A repository's checks: the verify command (with what the repository suggests, offered as "Use `npm test`" for the
 * user to take and save — nothing is set by itself), how many retries a failure gets, the time limit, and whether a
 * merge needs passing checks.
 */
export function RepoChecks({
  repoId,
  repoName,
  draft,
  onChange,
}: {
  repoId: string;
  repoName: string;
  draft: ChecksDraft;
  onChange(change: Partial<ChecksDraft>): void;
}) {
  const suggestVerify = useStore((state) => state.suggestVerify);
  const [suggestions, setSuggestions] = useState<VerifySuggestion[]>([]);
  useEffect(() => {
    let live = true;
    suggestVerify(repoId)
      .then((found) => live && setSuggestions(found))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [repoId, suggestVerify]);
  const suggestion = suggestions.find((each) => each.command !== draft.verifyCommand.trim());
  const hasCommand = draft.verifyCommand.trim() !== '';
  return (
    <fieldset className="repo-checks" data-testid={`repo-checks-${repoId}`}>
      <legend className="field-label">Checks</legend>
      <label className="field">
        <span className="field-label">
          Verify command (runs in the task&apos;s worktree after each turn that changed files; empty for none)
        </span>
        <input
          className="input mono"
          aria-label={`Verify command for ${repoName}`}
          data-testid={`repo-verify-${repoId}`}
          placeholder={suggestions[0]?.command ?? 'npm test'}
          spellCheck={false}
          value={draft.verifyCommand}
          onChange={(event) => onChange({ verifyCommand: event.target.value })}
        />
      </label>
      {suggestion && (
        <p className="hint repo-verify-suggestion" data-testid={`repo-verify-suggestion-${repoId}`}>
          <button
            type="button"
            className="button small"
            data-testid={`repo-verify-use-${repoId}`}
            onClick={() => onChange({ verifyCommand: suggestion.command })}
          >
            Use <code>{suggestion.command}</code>
          </button>{' '}
          Suggested because {suggestion.reason}. Save to keep it.
        </p>
      )}
      <div className="repo-checks-row">
        <label className="field">
          <span className="field-label">Retries after a failure</span>
          <input
            className="input"
            type="number"
            min={0}
            max={maxVerifyRetries}
            aria-label={`Verify retries for ${repoName}`}
            data-testid={`repo-verify-retries-${repoId}`}
            value={draft.verifyRetries}
            onChange={(event) =>
              onChange({
                verifyRetries: Math.min(maxVerifyRetries, Math.max(0, Math.round(Number(event.target.value) || 0))),
              })
            }
          />
        </label>
        <label className="field">
          <span className="field-label">Time limit (minutes)</span>
          <input
            className="input"
            inputMode="decimal"
            aria-label={`Verify time limit in minutes for ${repoName}`}
            data-testid={`repo-verify-timeout-${repoId}`}
            value={draft.timeLimitMinutes}
            onChange={(event) => onChange({ timeLimitMinutes: event.target.value })}
          />
        </label>
      </div>
      <label className="field checkbox">
        <input
          type="checkbox"
          aria-label={`Require passing checks to merge in ${repoName}`}
          data-testid={`repo-require-checks-${repoId}`}
          checked={draft.requirePassingChecks}
          disabled={!hasCommand}
          onChange={(event) => onChange({ requirePassingChecks: event.target.checked })}
        />
        <span>
          Require passing checks to merge
          {!hasCommand && <span className="hint"> (applies once a verify command is set)</span>}
        </span>
      </label>
    </fieldset>
  );
}
