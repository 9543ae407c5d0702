/** Help text of `flotilla queue …`, keyed by command path. */
export const queueUsages = {
  queue: `Usage: flotilla queue [list|add|remove|reorder|pause|resume] …

A merge queue per base branch merges finished tasks one at a time, in order: each is brought up
to date with the base, verified when the repository has a verify command, and merged only if the
base has not moved meanwhile (otherwise it goes round again). A failing entry is set aside with
the reason and the queue goes on. Queues are worked while an engine runs (the desktop app,
\`flotilla serve\`, or the background engine \`queue add\` starts); they survive restarts.

  flotilla queue [list] [--repo <repo>] [--base <branch>]   Each queue's entries, states and reasons
  flotilla queue add <task> [<task> …] [--base <branch>] [--on-conflict agent|wait]
  flotilla queue remove <task>                             Take a task out of its queue
  flotilla queue reorder <task> <position>                 Move a waiting task (1 is first)
  flotilla queue pause [--repo <repo>] [--base <branch>]   No next entry starts until resumed
  flotilla queue resume [--repo <repo>] [--base <branch>]`,
  'queue add': `Usage: flotilla queue add <task> [<task> …] [--base <branch>] [--on-conflict agent|wait]

Queues finished tasks, in the order given, on the queue of their base branch (or --base).
Only tasks whose agent is done can be queued; a task already queued, merged or discarded is refused.

Options:
  --base <branch>              The branch to merge into; default: the branch each task started from
  --on-conflict agent|wait     When bringing the base in conflicts: ask the task's agent to resolve it
                               (the default), or set the entry aside for you to resolve`,
} as const;
