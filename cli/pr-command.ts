import { describeChecks, describePullRequestState } from '../shared/pull-request-words.js';
import { expectPositionals, parseCommandArgs, stringOption } from './args.js';
import { eprintln, help, println, type CliIo } from './cli-io.js';
import { resolveTask, withEngine } from './session.js';
import { usages } from './usage.js';

/**
 * `flotilla pr <task> [--draft] [--title T] [--body B] [--remote R]`: pushes the task branch and opens its pull request
 * with gh, printing its URL, state and checks; without gh, the push's link and what to install (exit 1).
 */
export async function prCommand(args: string[], io: CliIo): Promise<number> {
  const usage = usages.pr;
  const parsed = parseCommandArgs(
    args,
    {
      draft: { type: 'boolean' },
      title: { type: 'string' },
      body: { type: 'string' },
      remote: { type: 'string' },
    },
    usage,
  );
  if (parsed.values.help) return help(io, usage);
  const [reference] = expectPositionals(parsed, ['task'], usage);
  const title = stringOption(parsed, 'title');
  const body = stringOption(parsed, 'body');
  const remote = stringOption(parsed, 'remote');
  const result = await withEngine(io, async (api) => {
    const task = await resolveTask(api, reference!);
    eprintln(io, `Pushing ${task.branch} and opening its pull request…`);
    return api.call('task/createPullRequest', {
      taskId: task.id,
      ...(parsed.values.draft === true ? { draft: true } : {}),
      ...(title === undefined ? {} : { title }),
      ...(body === undefined ? {} : { body }),
      ...(remote === undefined ? {} : { remote }),
    });
  });
  const { pushed, pullRequest } = result;
  println(io, `Pushed ${pushed.branch} to ${pushed.remote} at ${pushed.commit.slice(0, 10)}.`);
  if (pullRequest === null) {
    if (pushed.pullRequestUrl) println(io, `Open a pull request: ${pushed.pullRequestUrl}`);
    eprintln(io, `error: No pull request was opened. ${result.ghProblem ?? ''}`.trim());
    return 1;
  }
  println(
    io,
    result.created
      ? `Opened pull request #${pullRequest.number}: ${pullRequest.url}`
      : `Pull request #${pullRequest.number} was already open for this branch: ${pullRequest.url}`,
  );
  println(io, `State: ${describePullRequestState(pullRequest)}`);
  println(io, `Checks: ${describeChecks(pullRequest.checks)}`);
  return 0;
}
