import { maxTasksPerPrompt } from '../shared/limits.js';
import { automationUsages } from './automation-usage.js';

/** Help text of every CLI command, keyed by command path ("repo add", "run", …). */
export const usages = {
  main: `Usage: flotilla <command> [options]

Run coding agents in parallel, each in its own git worktree and branch.

Commands:
  repo add <path>          Add a git repository
  repo list                List added repositories
  repo remove <id>         Forget a repository (its files are untouched)
  run "<prompt>"           Start a task (see flotilla run --help)
  list                     List tasks
  show <task>              Show a task and its thread
  diff <task>              Show a task's changes
  merge <task>             Merge a task into its base branch
  push <task>              Push a task's branch, for a pull request
  bring-in-base <task>     Bring the latest base branch into a task (alias: sync)
  clean [--repo <repo>]    Remove the worktrees of merged tasks (branches are kept)
  discard <task>           Discard a task (its work stays archived)
  restore <task>           Bring a discarded task back
  rollback <task> [<c>]    Move a task back to one of its checkpoints (lists them without <c>)
  rename <task> "<title>"  Give a task a new title
  archive <task> [--undo]  Archive a task (out of the task list), or bring it back
  stop <task>              Stop a task's agent
  send <task> "<text>"     Send a follow-up message to a task's agent
  budget <task>            Show or change a task's cost and token budget
  approve <task> [<req>]   Approve what a task's agent is waiting on
  deny <task> [<req>]      Deny it
  serve                    Run the engine with a local server
  automation …             Start tasks on schedules, commits, failing checks, webhooks, GitHub

Tasks may be given by a unique prefix of their id. State lives in FLOTILLA_HOME.
Run flotilla <command> --help for details.`,
  repo: `Usage: flotilla repo <add|list|remove> …

  flotilla repo add <path>      Add the git repository at <path>
  flotilla repo list            List added repositories
  flotilla repo remove <id>     Forget a repository (its files are untouched)`,
  'repo add': `Usage: flotilla repo add <path>

Adds the git repository at <path> so tasks can run on it.`,
  'repo list': `Usage: flotilla repo list

Lists added repositories: id, name, path.`,
  'repo remove': `Usage: flotilla repo remove <id>

Forgets a repository. Its folder and branches are left untouched.`,
  run: `Usage: flotilla run [--repo <path-or-id>] [--base <ref>] [--agent <id>] [--model <m>] [options] [--wait] "<prompt>"

Starts a task: a new worktree and branch from <ref>, with an agent working on <prompt>.

Options:
  --repo <path-or-id>  The repository (added if needed); default: the current folder
  --base <ref>         Branch, tag or commit to start from; default: the repository's current branch
  --agent <id>[,<id>…] Which agent runs the task (default: the engine's default agent); several
                       ids run the prompt with each, side by side, to compare
  --model <m>          Which model the agent uses
  --attempts <n>       Run <n> tries of each agent on the same prompt, each in its own worktree
                       (at most ${maxTasksPerPrompt} tasks in all)
  --approval <mode>    auto (commands run in the sandbox) or ask (each command waits for approve/deny)
  --allow-network      Let the agent's commands reach the network
  --usd <n>            Stop the agent once the task has cost $<n> ("none": no budget,
                       even if the engine has a default budget)
  --tokens <n>         Stop the agent once the task has used <n> tokens
  --wait               Follow the task here and exit when it ends
                       (0 when done or merged, 1 when failed, stopped or interrupted)

Without --wait the task runs in the background engine (started if needed) and its id is printed.`,
  list: `Usage: flotilla list [--repo <path-or-id>] [--status <s>[,<s>…]]

Lists tasks: id, status, branch, title, cost.

Options:
  --repo <path-or-id>  Only tasks of this repository
  --status <list>      Only tasks in these statuses (e.g. running,done)`,
  show: `Usage: flotilla show <task>

Shows a task's details and its thread as text.`,
  diff: `Usage: flotilla diff <task>

Shows what a task changed against its base: a per-file summary, then the patch.`,
  merge: `Usage: flotilla merge <task> [--into <branch>] [--mode squash|merge] [--message <m>] [--keep-worktree]

Checks the merge first and lists conflicts if there are any; otherwise merges. Then removes the
task's worktree (its branch keeps the work) unless --keep-worktree is given or Settings say not to.

Options:
  --into <branch>     Target branch; default: the task's base branch
  --mode <mode>       squash (default) or merge
  --message <m>       Commit message
  --keep-worktree     Keep the task's worktree after merging`,
  push: `Usage: flotilla push <task> [--remote <name>]

Commits what is loose in the task's worktree, then pushes its branch under the same name and prints
where to open a pull request (GitHub, GitLab, Bitbucket). Never forces: a remote branch with commits
the task lacks is left alone.

Options:
  --remote <name>     Remote to push to; default: the base branch's remote, else origin`,
  'bring-in-base': `Usage: flotilla bring-in-base <task> [--base <branch>] [--by-hand]
       flotilla sync <task> …  (its old name, an alias for one release)

Merges the latest base branch into the task's branch and worktree. Files that conflict are committed
with conflict markers, and the agent is asked to resolve them (with --by-hand, you do); merging the
task refuses until no marker is left.

Options:
  --base <branch>     Branch to bring in; default: the task's base branch
  --by-hand           Leave the conflicts to you instead of asking the agent`,
  clean: `Usage: flotilla clean [--repo <path or id>]

Removes the worktrees of merged tasks, to free the disk space their checkouts take. Their branches
keep every commit, and a follow-up (flotilla send) brings a worktree back. A worktree with changes
made after its merge is checkpointed on its branch first; one that is not at its branch's tip is kept.

Options:
  --repo <repo>       Only this repository's tasks`,
  discard: `Usage: flotilla discard <task>

Stops the task, removes its worktree and branch, and archives its work so restore can bring it back.`,
  restore: `Usage: flotilla restore <task>

Brings a discarded task back: its branch and worktree are recreated from the archive.`,
  rollback: `Usage: flotilla rollback <task> [<commit>]

Moves the task's branch back to one of its checkpoints and resets its worktree there. Whatever is
not checkpointed yet is checkpointed first, and everything after the checkpoint stays reachable
under refs/flotilla/archive/<task>-rollback-<time>. Refused while the task's agent works.
Without <commit>, lists the task's checkpoints.`,
  rename: `Usage: flotilla rename <task> "<title>"

Gives the task a new title, as the window and flotilla list show it.`,
  archive: `Usage: flotilla archive <task> [--undo]

Archives the task: it leaves the window's task list (the "Archived" filter shows it) and nothing
else changes; its branch, worktree and thread stay. With --undo, brings it back to the list.

Options:
  --undo              Unarchive the task`,
  stop: `Usage: flotilla stop <task>

Stops the task's agent; the worktree and changes stay.`,
  send: `Usage: flotilla send <task> "<text>"

Sends a follow-up message; the agent works on it in a new turn, in the running engine or in one
started in the background (follow with flotilla show <task>).`,
  budget: `Usage: flotilla budget <task> [--usd <n>|none] [--tokens <n>|none]

Shows a task's budget and what it has used. With options, changes it: the agent is stopped once
the task's cost reaches $<n> or its tokens reach <n>; "none" removes that budget. A task stopped
at its budget can go on (\`flotilla send\`) once the budget is raised.`,
  approve: `Usage: flotilla approve <task> [<request>]

Approves what the task's agent is waiting on (a command in "ask" mode). Without <request>, the
oldest pending request of the task is answered.`,
  deny: `Usage: flotilla deny <task> [<request>]

Denies what the task's agent is waiting on; the agent is told and carries on without it.`,
  serve: `Usage: flotilla serve [--port <n>] [--background]

Runs the engine with a WebSocket server on 127.0.0.1 so the CLI and UI share one engine.
Prints the address (with its access token) and runs until Ctrl-C.

Options:
  --port <n>       Port to listen on; default: any free port
  --background     Start the engine as a background process (logs in FLOTILLA_HOME/logs/engine.log) and return`,
  ...automationUsages,
} as const;

/** The name of a command with its own help text. */
export type UsageKey = keyof typeof usages;
