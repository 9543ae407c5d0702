/** Help text of `flotilla automation …`, keyed by command path. */
export const automationUsages = {
  automation: `Usage: flotilla automation <add|list|runs|run|pause|resume|remove|secret> …

Automations start tasks by themselves: on a schedule, when commits land on a branch, when the
checks fail on a branch's new tip, on a signed webhook, on new GitHub issues and pull requests,
or when another task finishes, is merged or fails verification. They fire while an engine runs
(the desktop app, \`flotilla serve\`, or the background engine \`automation add\` starts).

  flotilla automation add --name <name> --on <trigger> --prompt "<prompt>" [options]
  flotilla automation list                List automations, their triggers and last runs
  flotilla automation runs <name>         Its runs, newest first, and why each fired or was skipped
  flotilla automation run <name>          Run it now, by hand
  flotilla automation pause <name>        Stop it firing (resume turns it back on)
  flotilla automation remove <name>       Remove it (the tasks its runs started are kept)
  flotilla automation secret <name>       A webhook's URL and secret`,
  'automation add': `Usage: flotilla automation add --name <name> --on <trigger> --prompt "<prompt>" [options]

Triggers:
  --on schedule --cron "<expr>" [--timezone <IANA zone>]
                       5 fields (minute hour day month weekday) or 6 with seconds first;
                       a run missed while the machine slept runs once when it wakes, marked late
  --on commit --branch <b> [--per tip|commit] [--include-own-merges]
                       New commits on <b> by anyone; Flotilla's own merges do not fire it
  --on verify-failed --branch <b> [--include-own-merges]
                       Runs the repository's verify command on each new tip of <b> in a scratch
                       worktree (never your checkout) and fires when it fails: {{failure.output}}
                       {{failure.command}} {{failure.exitCode}} and the {{commit.*}} variables
  --on webhook         POST /hooks/<id> on the engine's server, signed with the automation's secret
                       (GitHub's X-Hub-Signature-256, or an X-Flotilla-Secret header); GitHub issue,
                       pull request and push payloads give {{event.title}} {{event.body}} {{event.url}}
                       {{event.number}} {{event.sender}} {{event.ref}} {{event.commits}}; any JSON
                       gives {{event.json}}. The URL and secret are printed once (see \`secret\`)
  --on github [--every 5m] [--kinds issues,pulls]
                       New issues and pull requests of the repository's GitHub remote, polled with
                       the GitHub CLI (https://cli.github.com, logged in with \`gh auth login\`);
                       {{event.kind}} {{event.title}} {{event.body}} {{event.url}} {{event.number}}
  --on task [--when finished|merged|failed-verification] [--branch <b>]
                       Another task's outcome (default: merged); its own runs never fire it

The task it starts:
  --repo <path-or-id>  The repository (added if needed); default: the current folder
  --prompt "<text>"    May use {{variables}}: {{commit.sha}} {{commit.short}} {{commit.subject}}
                       {{commit.list}} {{task.title}} {{schedule.due}} {{repo.name}} … (a typo is
                       refused with the list); \\n makes a line break
  --agent <id>[,<id>…] --model <m> --attempts <n> --base <ref> --usd <n> --tokens <n>
  --verify "<cmd>" --retries <n>

Limits:
  --max-concurrent <n>      Runs at once (default 1)
  --when-busy queue|skip    An event while at the limit waits (default) or is skipped
  --max-runs-per-day <n>    --max-usd-per-day <n>    Skipped past them, with the reason
  --paused                  Add it paused`,
  'automation secret': `Usage: flotilla automation secret <name>

Prints a webhook automation's URL and secret, for the sender's settings (GitHub: Settings → Webhooks,
content type application/json, the secret as given). Keep the secret private.`,
  'automation list': `Usage: flotilla automation list

Lists automations: name, on or paused, trigger, next scheduled run, last run.`,
  'automation runs': `Usage: flotilla automation runs <name>

Lists an automation's runs, newest first: when, how it went, its tasks, and why it fired or was skipped.`,
  'automation run': `Usage: flotilla automation run <name>

Runs an automation now (its limits still apply), in the background engine.`,
  'automation pause': `Usage: flotilla automation pause <name>

Stops an automation firing until it is resumed; scheduled slots passed while paused are not run.`,
  'automation resume': `Usage: flotilla automation resume <name>

Turns a paused automation back on.`,
  'automation remove': `Usage: flotilla automation remove <name>

Removes an automation. The tasks its runs started, and their threads, are kept.`,
  inbox: `Usage: flotilla inbox [--all]
       flotilla inbox read|unread|archive <run-or-task>

Lists the runs of automations that finished with something to look at, newest first: those that
changed files, reported findings or failed. Runs with nothing to report are archived at once
(--all shows them). Open one with \`flotilla show <task>\`; merge or discard it as any task, which
also marks it read.`,
} as const;
