import { describe, expect, it } from 'vitest';
import { newTask } from '../../shared/new-task.js';
import type { Task } from '../../shared/task.js';
import type { VerifyResult } from '../../shared/verify.js';
import { checkRankingAnswer } from './ranking-answer.js';
import { rankByRule } from './rule-ranking.js';

function attempt(id: string, fields: Partial<Task> = {}): Task {
  return newTask({
    id,
    repoId: 'repo',
    title: id,
    prompt: 'p',
    agent: 'scripted',
    model: null,
    baseRef: 'main',
    baseBranch: 'main',
    baseCommit: 'c0',
    branch: `b-${id}`,
    worktreePath: `/tmp/${id}`,
    createdAt: `2026-01-01T00:00:0${id.length}Z`,
    status: 'done',
    ...fields,
  });
}

function passed(commit: string): VerifyResult {
  return {
    passed: true,
    outcome: 'passed',
    exitCode: 0,
    durationMs: 1200,
    command: 'npm test',
    outputTail: '',
    outputChars: 0,
    commit,
    at: '2026-01-01T00:00:00Z',
  };
}

const change = (lines: number) => ({ files: 1, additions: lines, deletions: 0 });

describe('the rule', () => {
  it('puts verified attempts first, then the smaller change, then the lower cost', () => {
    const big = attempt('big', { changes: change(40), lastCommit: 'c1', lastVerify: passed('c1') });
    const small = attempt('small', { changes: change(3) });
    const cheap = attempt('cheap', { changes: change(3), usage: { ...small.usage, costUsd: 0.01 } });
    const dear = attempt('dear', { changes: change(3), usage: { ...small.usage, costUsd: 0.02 } });
    const stale = attempt('stale', { changes: change(1), lastCommit: 'c2', lastVerify: passed('c1') });
    const ranked = rankByRule([dear, stale, small, cheap, big]);
    expect(ranked.map((entry) => entry.taskId)).toEqual(['big', 'stale', 'small', 'cheap', 'dear']);
    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(ranked[0]?.score).toBe(10);
    expect(ranked[4]?.score).toBe(0);
    expect(ranked[0]?.strengths).toContain('`npm test` passed in 1.2 s');
    expect(ranked[1]?.risks.join(' ')).toContain('older commit');
  });
});

describe('the judge answer check', () => {
  const ids = ['a', 'b'];
  const entry = (taskId: string, rank: number) => ({ taskId, rank, score: 5, strengths: [], risks: [], verdict: 'ok' });

  it('accepts every attempt once with ranks 1..N and sorts best first', () => {
    const checked = checkRankingAnswer({ attempts: [entry('b', 2), entry('a', 1)] }, ids);
    expect(checked.ok && checked.entries.map((item) => item.taskId)).toEqual(['a', 'b']);
  });

  it('says what is wrong: schema, unknown, repeated and missing attempts, bad ranks', () => {
    const schema = checkRankingAnswer({ attempts: [{ taskId: 'a' }] }, ids);
    expect(!schema.ok && schema.problem).toContain('does not match the schema');
    const wrong = checkRankingAnswer({ attempts: [entry('a', 1), entry('a', 3), entry('z', 2)] }, ids);
    expect(wrong.ok).toBe(false);
    const problem = wrong.ok ? '' : wrong.problem;
    expect(problem).toContain('a is ranked more than once');
    expect(problem).toContain('"z" is not one of the attempts');
    expect(problem).toContain('missing: b');
    expect(problem).toContain('ranks must be 1 to 2');
  });
});
