import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stand-in for the GitHub CLI: where it lives, what it was asked, and knobs for what it answers. */
export interface FakeGh {
  /** The executable, for FLOTILLA_GH. */
  readonly path: string;
  /** Every call's arguments, in order. */
  calls(): string[][];
  /** The arguments of the calls whose first two words are `command` (`pr create`). */
  callsOf(command: string): string[][];
  /** Makes `gh auth status` say it is logged in (or not). */
  logIn(loggedIn: boolean): void;
  /** Sets the pull request gh knows for the branch (what `pr view` prints); null for none. */
  setPullRequest(view: FakePullRequestView | null): void;
}

/** What `gh pr view --json url,state,number,isDraft,statusCheckRollup` prints. */
export interface FakePullRequestView {
  url: string;
  number: number;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  isDraft: boolean;
  statusCheckRollup: Record<string, unknown>[];
}

// A node script, so arguments with spaces and newlines (the drafted body) are recorded exactly, one JSON line each.
const script = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const dir = path.dirname(__filename);
const args = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(args) + '\\n');
const option = (name) => { const at = args.indexOf(name); return at < 0 ? undefined : args[at + 1]; };
const prFile = path.join(dir, 'pr.json');
const fail = (text) => { process.stderr.write(text + '\\n'); process.exit(1); };
const command = args.slice(0, 2).join(' ');
if (args[0] === '--version') { process.stdout.write('gh version 2.60.0 (fake)\\n'); process.exit(0); }
if (command === 'auth status') {
  if (!fs.existsSync(path.join(dir, 'logged-in')))
    fail('You are not logged into any GitHub hosts. To log in, run: gh auth login');
  process.stdout.write('Logged in to ' + option('--hostname') + ' account octocat\\n');
  process.exit(0);
}
if (command === 'pr create') {
  if (fs.existsSync(prFile)) {
    const pr = JSON.parse(fs.readFileSync(prFile, 'utf8'));
    if (pr.state === 'OPEN')
      fail('a pull request for branch "' + option('--head') + '" into branch "' + option('--base') + '" already exists:\\n' + pr.url);
  }
  const url = 'https://github.com/' + option('--repo') + '/pull/12';
  const pr = { url, number: 12, state: 'OPEN', isDraft: args.includes('--draft'), statusCheckRollup: [] };
  fs.writeFileSync(prFile, JSON.stringify(pr));
  process.stdout.write('\\nCreating pull request for ' + option('--head') + ' into ' + option('--base') + '\\n\\n' + url + '\\n');
  process.exit(0);
}
if (command === 'pr view') {
  if (!fs.existsSync(prFile)) fail('no pull requests found for branch "' + args[2] + '"');
  process.stdout.write(fs.readFileSync(prFile, 'utf8') + '\\n');
  process.exit(0);
}
fail('unknown command: ' + args.join(' '));
`;

/** Writes the stand-in gh into `root`/fake-gh (logged out, knowing no pull request). */
export function installFakeGh(root: string): FakeGh {
  const dir = join(root, 'fake-gh');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'gh');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  const calls = (): string[][] => {
    const file = join(dir, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  };
  return {
    path,
    calls,
    callsOf: (command) => calls().filter((args) => args.slice(0, 2).join(' ') === command),
    logIn(loggedIn) {
      if (loggedIn) writeFileSync(join(dir, 'logged-in'), '');
      else rmSync(join(dir, 'logged-in'), { force: true });
    },
    setPullRequest(view) {
      if (view === null) rmSync(join(dir, 'pr.json'), { force: true });
      else writeFileSync(join(dir, 'pr.json'), JSON.stringify(view));
    },
  };
}
