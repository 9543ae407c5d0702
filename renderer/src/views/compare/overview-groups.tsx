import { useShallow } from '../../store/use-shallow.js';
import { groupRanking } from '../../../../shared/group.js';
import { isActive, type Task } from '../../../../shared/task.js';
import { useStore } from '../../store/store.js';

/** A group still waiting for a pick, as the overview lists it. */
interface OpenGroup {
  groupId: string;
  firstId: string;
  title: string;
  count: number;
  state: string;
}

/** "2 of 3 working", "Judging…", "Ranked by the judge: t3 first", "Ranked by the rule: t1 first", "Not ranked yet". */
function groupState(members: readonly Task[]): string {
  const working = members.filter((task) => isActive(task.status) || task.verifying).length;
  if (working > 0) return `${working} of ${members.length} working`;
  const ranking = groupRanking(members);
  if (!ranking) return 'Not ranked yet';
  if (ranking.state === 'judging') return 'Judging…';
  const winner = ranking.entries[0]?.taskId;
  const by = ranking.by === 'judge' ? `Ranked by ${ranking.model ?? 'the judge'}` : 'Ranked by the rule';
  return winner ? `${by}: ${winner} first` : by;
}

/** The groups of attempts nobody has picked from yet (none merged, some not discarded), newest first. */
function openGroups(tasks: Record<string, Task>): OpenGroup[] {
  const byGroup = new Map<string, Task[]>();
  for (const task of Object.values(tasks)) {
    if (!task.groupId) continue;
    byGroup.set(task.groupId, [...(byGroup.get(task.groupId) ?? []), task]);
  }
  const groups: (OpenGroup & { createdAt: string })[] = [];
  for (const [groupId, members] of byGroup) {
    if (members.some((task) => task.status === 'merged')) continue;
    if (members.every((task) => task.status === 'discarded' || task.archived)) continue;
    const first = [...members].sort((left, right) => left.createdAt.localeCompare(right.createdAt))[0]!;
    groups.push({
      groupId,
      firstId: first.id,
      title: first.title,
      count: members.length,
      state: groupState(members),
      createdAt: first.createdAt,
    });
  }
  return groups
    .sort((left, right) => right.createdAt.localeCompare(left.createdAt))
    .map(({ createdAt: _createdAt, ...group }) => group);
}

/** A compact key of the open groups, so the overview re-renders only when what it lists changes. */
function openGroupsKey(tasks: Record<string, Task>): string[] {
  return openGroups(tasks).map((group) => JSON.stringify(group));
}

/** On the overview: each group of attempts waiting for a pick, with where it stands; opens its compare view. */
export function OverviewGroups() {
  const keys = useStore(useShallow((state) => openGroupsKey(state.tasks)));
  const openCompare = useStore((state) => state.openCompare);
  if (keys.length === 0) return null;
  const groups = keys.map((key) => JSON.parse(key) as OpenGroup);
  return (
    <>
      <h2 className="section-title">Attempts to compare</h2>
      <ul className="overview-groups" data-testid="overview-groups">
        {groups.map((group) => (
          <li key={group.groupId}>
            <button
              type="button"
              className="overview-group"
              data-testid="overview-group"
              data-group-id={group.groupId}
              onClick={() => openCompare(group.firstId)}
            >
              <span className="overview-group-title">{group.title}</span>
              <span className="hint">
                {group.count} tasks · {group.state}
              </span>
              <span className="overview-group-open">Compare ›</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
