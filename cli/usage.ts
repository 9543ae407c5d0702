import { maxTasksPerPrompt } from '../shared/limits.js';
import { automationUsages } from './automation-usage.js';
import { mcpUsages } from './mcp-usage.js';
import { queueUsages } from './queue-usage.js';

/** Help text of every CLI command, keyed by command path ("repo add", "run", …). */
export const usages = {
  main: `Usage: flotilla <command> [options]

Run coding agents in parallel, each in its own git worktree and branch.

Commands:
  repo add <path>          Add a git repository
  repo list                List added repositories
  repo remove <id>         Forget a repository (its files are untouched)
  repo set <repo> …        Set a repository's verify command, retries and merge checks
  run "<prompt>"           Start a task (see flotilla run --help)
  list                     List tasks
  show <task>              Show a task and its thread
  diff <task>              Show a task's changes
  merge <task>             Merge a task into its base branch
  queue …                  Merge finished tasks one at a time, each brought up to date and verified
  verify <task>            Run a task's checks (its verify command) again now
  compare <task>           Compare the attempts of a task's group: ranking, checks, cost
  pick <task>              Merge this attempt of its group and archive the others
  push <task>              Push a task's branch, for a pull request
  pr <task>                Push a task's branch and open its pull request with gh
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
  host …                   Remote machines to run agents on over ssh (add, list, remove)
  automation …             Start tasks on schedules, commits, failing checks, webhooks, GitHub
  inbox [--all]            What automations' runs came to
  mcp …                    MCP servers that give every agent more tools (add, list, test, approve)

Global option: --host <name> runs the command on a remote host's engine (see flotilla host --help).
Tasks may be given by a unique prefix of their id. State lives in FLOTILLA_HOME.
Run flotilla <command> --help for details.`,
  repo: `Usage: flotilla repo <add|list|remove|set> …

  flotilla repo add <path>      Add the git repository at <path>
  flotilla repo list            List added repositories
  flotilla repo remove <id>     Forget a repository (its files are untouched)
  flotilla repo set <repo> …    Set its verify command, retries and merge checks`,
  'repo add': `Usage: flotilla repo add <path>

Adds the git repository at <path> so tasks can run on it. Without a verify command, prints the
ones the repository suggests (nothing is set until you choose one with flotilla repo set).`,
  'repo list': `Usage: flotilla repo list

Lists added repositories: id, name, verify command, path.`,
  'repo set': `Usage: flotilla repo set <repo> [--verify "<command>"|none] [--retries <n>] [--verify-timeout <time>]
                         [--require-checks|--no-require-checks] [--pool <n>] [--suggest-verify]

Changes how a repository's tasks are checked. After each agent turn that changes files, the verify
command runs in the task's worktree (in the agent's sandbox); when it fails, the agent gets its
output and tries again, up to <n> times. The task then ends verified or failed verification.

Options:
  --verify "<command>"  The command that checks the work, e.g. "npm test"; none removes it
  --retries <n>         How many times a failure goes back to the agent (0 to 10; default 2)
  --verify-timeout <t>  How long the command may run: 90s, 10m, 1h (default 10m)
  --require-checks      Refuse to merge without passing checks on the tip being merged (the default
                        while a verify command is set); --no-require-checks allows it
  --pool <n>            Keep n worktrees (0 to 8; default 0, off) prepared at the tip of the current
                        branch, setup script done, so a new task on it starts at once; they are not
                        tasks, refill in the background, and \`flotilla clean\` removes them
  --suggest-verify      Print the commands the repository suggests (package.json's test script,
                        pytest, cargo test, go test, make test, ...); nothing is set or run`,
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
                       even if the engine has a default budget). With several tasks it is the
                       group's budget: each attempt gets an equal share, and the whole group
                       stops once it is spent (attempts, judge and synthesis)
  --tokens <n>         Stop the agent once the task has used <n> tokens
  --verify "<cmd>"     This task's verify command instead of the repository's (none: no checks)
  --retries <n>        How many times a failed verify goes back to the agent (0 to 10)
  --judge              With several tasks: once all are verified, a judge model ranks them
                       (see flotilla compare); without --judge they are ranked by a stated rule
  --synthesize         With several tasks: after the judge, one more task combines the best of each
  --team               Make the task a team lead: its agent can start subtasks (each in its own
                       worktree from the lead's branch), message them and merge them into its branch
  --wait               Follow the task here and exit when it ends: 0 when done (verified, or
                       with no verify command) or merged, 1 when it failed verification, failed,
                       stopped or was interrupted

Without --wait the task runs in the background engine (started if needed) and its id is printed.`,
  list: `Usage: flotilla list [--repo <path-or-id>] [--status <s>[,<s>…]]

Lists tasks: id, status, verify (verified, failed verification, verifying, retry 1 of 2, stale
when the checks ran on an older commit, - for none), branch, changes, cost, title.

Options:
  --repo <path-or-id>  Only tasks of this repository
  --status <list>      Only tasks in these statuses (e.g. running,done)`,
  show: `Usage: flotilla show <task>

Shows a task's details (with its last verify result and, in a group, its rank) and its thread as text.`,
  verify: `Usage: flotilla verify <task> [--wait]

Runs the task's verify command now in its worktree (loose work is checkpointed first), prints its
output as it runs, and exits 0 when it passes, 1 when it fails. A failure here is not sent to the
agent. It always waits for the result (--wait is accepted, as for run). Without a verify command,
says how to set one (flotilla repo set <repo> --verify "<cmd>").`,
  compare: `Usage: flotilla compare <task>

Compares the attempts of the task's group (started with --attempts or several agents): rank, agent
and model, verify result, lines changed, tokens, cost, time and the judge's verdict; then the
judge's strengths and risks for each, who ranked them (the judge model, or the stated rule and
why), the judge's own tokens and cost, and what the group spent against what the winner cost.`,
  pick: `Usage: flotilla pick <task> [--into <branch>] [--mode squash|merge] [--message <m>] [--force-unverified]

Merges this attempt of its group (like flotilla merge) and discards the other attempts: their work
is archived, and flotilla restore <task> brings one back.

Options:
  --into <branch>       Target branch; default: the task's base branch
  --mode <mode>         squash (default) or merge
  --message <m>         Commit message
  --force-unverified    Merge even though the repository requires passing checks and this attempt
                        has none for its tip`,
  diff: `Usage: flotilla diff <task>

Shows what a task changed against its base: a per-file summary, then the patch.`,
  merge: `Usage: flotilla merge <task> [--into <branch>] [--mode squash|merge] [--message <m>] [--keep-worktree]
                         [--force-unverified]

Checks the merge first: lists conflicts if there are any, and says where the task's checks stand
(the last verify result, and whether it ran on the tip being merged). A repository that requires
passing checks refuses a merge without them (run flotilla verify <task>). Otherwise merges, then
removes the task's worktree (its branch keeps the work) unless --keep-worktree is given or Settings
say not to.

Options:
  --into <branch>     Target branch; default: the task's base branch
  --mode <mode>       squash (default) or merge
  --message <m>       Commit message
  --keep-worktree     Keep the task's worktree after merging
  --force-unverified  Merge even without passing checks on the tip being merged`,
  push: `Usage: flotilla push <task> [--remote <name>]

Commits what is loose in the task's worktree, then pushes its branch under the same name and prints
where to open a pull request (GitHub, GitLab, Bitbucket). Never forces: a remote branch with commits
the task lacks is left alone.

Options:
  --remote <name>     Remote to push to; default: the base branch's remote, else origin`,
  pr: `Usage: flotilla pr <task> [--draft] [--title <title>] [--body <text>] [--remote <name>]

Pushes the task's branch (as flotilla push does), then opens its pull request into the task's base
branch with the GitHub CLI (gh), and prints its address, state and checks. The title is the task's;
the body tells the prompt, the files and lines changed, and the last verify result. A pull request
already open for the branch is shown instead. Needs gh installed and logged in (gh auth login);
without it the branch is still pushed and the link to open one by hand is printed.

Options:
  --draft             Open it as a draft
  --title <title>     Title instead of the task's
  --body <text>       Body instead of the drafted one
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
It also removes the prepared worktrees of warm pools (flotilla repo set --pool).

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
  host: `Usage: flotilla host <add|list|remove> …

Remote machines whose engines this Flotilla drives over the system ssh (your ~/.ssh/config, agent, jump hosts and
known_hosts apply; nothing listens on a port there). Then run any command there with --host:

  flotilla host add buildbox ssh://me@buildbox.internal
  flotilla --host buildbox repo add /srv/code/app
  flotilla --host buildbox run --repo /srv/code/app --wait "Profile the nightly import"

  flotilla host add <name> <target>   Check a host (and --install this engine there), then remember it
  flotilla host list                  Each host: reachable? engine version? tasks running?
  flotilla host remove <name>         Forget a host (its engine and tasks stay there)`,
  'host add': `Usage: flotilla host add <name> <target> [--install] [--ssh-option "<opt>"]… [--home <dir>] [--node <path>]
                         [--command "<cmd>"] [--send-key <provider>]…

Connects to <target> (ssh://user@host[:port], user@host, or a Host alias from ~/.ssh/config) with the system ssh in
batch mode, checks node, Flotilla and the remote home, and remembers the host as <name>. Adding an existing name
changes it.

Options:
  --install             First copy this Flotilla's engine to the remote user's data folder
                        ($XDG_DATA_HOME/flotilla/engine) over ssh; needs node 20 or later there
  --ssh-option "<opt>"  Extra ssh arguments, e.g. "-i ~/.ssh/build_key" or "-o ProxyJump=gateway"
  --home <dir>          The remote FLOTILLA_HOME (default: the remote user's own)
  --node <path>         The remote node, when it is not on the PATH of non-interactive ssh sessions
  --command "<cmd>"     The remote command that starts Flotilla, when it is neither installed nor on PATH
  --send-key <provider> Send this machine's key for a provider (anthropic, openai, …) on each connection; the remote
                        engine holds it in memory only, never on its disk. Without it the remote uses its own keys`,
  'host list': `Usage: flotilla host list [--no-check]

Lists the hosts and connects to each: reachable or why not, engine version, tasks running.
With --no-check it only lists them. Exits 1 when a host cannot be reached.`,
  'host remove': `Usage: flotilla host remove <name>

Forgets a host. Its engine keeps running there, with its tasks.`,
  serve: `Usage: flotilla serve [--port <n>] [--background | --stdio]

Runs the engine with a WebSocket server on 127.0.0.1 so the CLI and UI share one engine.
Prints the address (with its access token) and runs until Ctrl-C.

Options:
  --port <n>       Port to listen on; default: any free port
  --background     Start the engine as a background process (logs in FLOTILLA_HOME/logs/engine.log) and return
  --stdio          Speak the engine protocol on standard input and output (what \`flotilla --host\` runs over ssh),
                   starting a background engine for the home when none runs; remote work outlives the connection`,
  ...automationUsages,
  ...queueUsages,
  ...mcpUsages,
} as const;

/** The name of a command with its own help text. */
export type UsageKey = keyof typeof usages;
