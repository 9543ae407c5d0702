import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadEvent } from '../../shared/events.js';
import { makeTempDir, removeTemp } from '../../testing/engine/temp-repo.js';
import { EventLog } from './event-log.js';
import { readEventPage } from './event-page.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeTemp(dir);
});

function event(seq: number): ThreadEvent {
  // Some lines are long, so pages cross the reader's 64 KB chunks mid-line.
  const text = seq % 997 === 0 ? `long ${'x'.repeat(150_000)}` : `word ${seq} `;
  return { type: 'agent.text', text, taskId: 'long', seq, at: new Date(seq * 1000).toISOString() };
}

function writeLog(count: number): string {
  const dir = makeTempDir('flotilla-page-');
  dirs.push(dir);
  const path = join(dir, 'long.jsonl');
  const lines: string[] = [];
  for (let seq = 1; seq <= count; seq += 1) lines.push(`${JSON.stringify(event(seq))}\n`);
  writeFileSync(path, lines.join(''));
  return path;
}

const seqs = (events: readonly ThreadEvent[]) => events.map((item) => item.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('reading a thread log a page at a time', () => {
  it('gives the last events first, oldest first within the page', () => {
    const path = writeLog(20_000);
    const page = readEventPage(path, { limit: 2_000 });
    expect(seqs(page.events)).toEqual(range(18_001, 20_000));
    expect(page.hasMore).toBe(true);
    expect(page.events.at(-1)).toEqual(event(20_000));
  });

  it('chains pages back to seq 1 without gaps or duplicates', () => {
    const path = writeLog(20_000);
    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = readEventPage(path, { beforeSeq, limit: 1_500 });
      seen.unshift(...seqs(page.events));
      if (!page.hasMore) break;
      beforeSeq = page.events[0]?.seq;
    }
    expect(seen).toEqual(range(1, 20_000));
    expect(seen.filter((seq) => seq % 997 === 0).length).toBe(20);
  });

  it('skips a torn last line and says nothing more is left on the first page', () => {
    const path = writeLog(10);
    appendFileSync(path, '{"type":"agent.text","text":"half a li');
    const page = readEventPage(path, { limit: 50 });
    expect(seqs(page.events)).toEqual(range(1, 10));
    expect(page.hasMore).toBe(false);
    expect(readEventPage(path, { beforeSeq: 5, limit: 50 }).events.map((item) => item.seq)).toEqual(range(1, 4));
  });

  it('keeps paging back correctly while the log grows', () => {
    const path = writeLog(5_000);
    const log = new EventLog(path, 0);
    const first = readEventPage(path, { limit: 1_000 });
    for (let seq = 5_001; seq <= 5_500; seq += 1) log.append(event(seq));
    const second = readEventPage(path, { beforeSeq: first.events[0]?.seq, limit: 1_000 });
    log.close();
    expect(seqs(first.events)).toEqual(range(4_001, 5_000));
    expect(seqs(second.events)).toEqual(range(3_001, 4_000));
    expect(seqs(readEventPage(path, { limit: 10 }).events)).toEqual(range(5_491, 5_500));
  });

  it('answers an empty page for a missing log or a seq before the first event', () => {
    const path = writeLog(3);
    expect(readEventPage(join(path, '..', 'missing.jsonl'), { limit: 10 })).toEqual({ events: [], hasMore: false });
    expect(readEventPage(path, { beforeSeq: 1, limit: 10 })).toEqual({ events: [], hasMore: false });
    expect(seqs(readEventPage(path, { beforeSeq: 99, limit: 10 }).events)).toEqual([1, 2, 3]);
  });
});
