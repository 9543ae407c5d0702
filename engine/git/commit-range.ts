import { git } from './git.js';

/** A commit as an automation's {{commit.*}} variables give it. */
export interface CommitFacts {
  sha: string;
  subject: string;
  body: string;
  author: string;
  /** Parent commits, first parent first. */
  parents: string[];
}

const fieldSeparator = '\x1f';
const recordSeparator = '\x1e';

/**
 * The commits reachable from `to` and not from `from` (all of `to`'s history when `from` is null), oldest first, at
 * most `max` of the newest.
 */
export async function commitsBetween(
  repoPath: string,
  from: string | null,
  to: string,
  max: number,
): Promise<CommitFacts[]> {
  const range = from === null ? [to] : [to, `^${from}`];
  const out = await git({
    name: 'rev-list.range',
    cwd: repoPath,
    args: [
      'log',
      `--max-count=${max}`,
      `--format=%H${fieldSeparator}%P${fieldSeparator}%an <%ae>${fieldSeparator}%s${fieldSeparator}%b${recordSeparator}`,
      ...range,
      '--',
    ],
    readOnly: true,
  });
  return out.stdout
    .split(recordSeparator)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha = '', parents = '', author = '', subject = '', body = ''] = record.split(fieldSeparator);
      return { sha, parents: parents.split(' ').filter(Boolean), author, subject, body: body.trim() };
    })
    .reverse();
}
