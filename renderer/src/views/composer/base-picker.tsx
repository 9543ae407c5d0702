import { useState } from 'react';
import type { CommandResult } from '../../../../shared/commands.js';
import { Combobox, filterOptions, type ComboOption } from '../../components/combobox.js';
import { useStore } from '../../store/store.js';

type BranchInfo = NonNullable<CommandResult<'repo/branches'>['details']>[number];

/** "today", "yesterday", "5 days ago", "3 months ago": how long ago a branch was last committed to. */
export function committedAgo(iso: string, now = Date.now()): string {
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (!Number.isFinite(days)) return '';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 45) return `${days} days ago`;
  if (days < 548) return `${Math.round(days / 30)} months ago`;
  return `${Math.round(days / 365)} years ago`;
}

function optionOf(branch: BranchInfo, current: string | null): ComboOption {
  const when = committedAgo(branch.committedAt);
  const detail = branch.name === current ? `current · ${when}` : branch.taskTitle ? `task: ${branch.taskTitle}` : when;
  return { value: branch.name, detail };
}

/**
 * The base-branch field: the user's branches first (current, then most recently committed), task
 * branches behind a toggle, filtered as one types; a tag or commit typed by hand is kept as is.
 * Empty means the current branch.
 */
export function BasePicker({
  repoId,
  value,
  onChange,
}: {
  repoId: string;
  value: string;
  onChange(base: string): void;
}) {
  const branches = useStore((state) => state.branches[repoId]);
  const [showTasks, setShowTasks] = useState(false);
  const current = branches?.current ?? null;
  const details =
    branches?.details ??
    (branches?.branches ?? []).map((name) => ({ name, committedAt: '', task: false, taskId: null, taskTitle: null }));
  const own = details.filter((branch) => !branch.task).map((branch) => optionOf(branch, current));
  const tasks = details.filter((branch) => branch.task).map((branch) => optionOf(branch, current));
  const [typed, setTyped] = useState('');
  const hiddenMatches = showTasks ? 0 : filterOptions(tasks, typed).length;
  const action =
    tasks.length === 0
      ? null
      : {
          label: showTasks
            ? 'Hide task branches'
            : typed.trim() && hiddenMatches > 0
              ? `Show ${hiddenMatches} matching task ${hiddenMatches === 1 ? 'branch' : 'branches'}`
              : `Show ${tasks.length} task ${tasks.length === 1 ? 'branch' : 'branches'}`,
          onPick: () => setShowTasks((shown) => !shown),
        };
  return (
    <Combobox
      label="Base branch"
      testId="composer-base"
      value={value}
      onChange={(base) => {
        setTyped(base);
        onChange(base);
      }}
      options={showTasks ? [...own, ...tasks] : own}
      placeholder={current ? `${current} (current)` : 'Current branch'}
      title="The branch, tag or commit the task starts from. Type to filter; a tag or commit can be typed in full."
      action={action}
      noMatch={(text) => `No branch matches “${text.trim()}”; it is used as typed (a tag or commit).`}
    />
  );
}
