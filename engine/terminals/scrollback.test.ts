import { describe, expect, it } from 'vitest';
import { OutputBatcher } from './output-batcher.js';
import { Scrollback } from './scrollback.js';

describe('a terminal’s scrollback', () => {
  it('keeps everything under its limit, in order', () => {
    const scrollback = new Scrollback(100);
    scrollback.append('one\r\n');
    scrollback.append('two\r\n');
    expect(scrollback.text()).toBe('one\r\ntwo\r\n');
  });

  it('drops the oldest output past its limit, starting the kept part on a fresh line', () => {
    const scrollback = new Scrollback(80);
    for (let line = 1; line <= 50; line += 1) scrollback.append(`line ${line}\r\n`);
    const kept = scrollback.text();
    expect(kept.length).toBeLessThanOrEqual(80);
    expect(kept.endsWith('line 50\r\n')).toBe(true);
    expect(kept.startsWith('line ')).toBe(true);
  });

  it('cuts a line longer than the limit where it falls', () => {
    const scrollback = new Scrollback(10);
    scrollback.append('x'.repeat(25));
    expect(scrollback.text()).toBe('x'.repeat(10));
  });
});

describe('terminal output batching', () => {
  it('sends output after a quiet moment at once, and what follows within a frame as one piece', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((data) => sent.push(data));
    batcher.push('a');
    expect(sent).toEqual(['a']);
    batcher.push('b');
    batcher.push('c');
    expect(sent).toEqual(['a']);
    batcher.flush();
    expect(sent).toEqual(['a', 'bc']);
    batcher.flush();
    expect(sent).toEqual(['a', 'bc']);
  });

  it('does not hold back a large burst', () => {
    const sent: string[] = [];
    const batcher = new OutputBatcher((data) => sent.push(data));
    batcher.push('x');
    batcher.push('y'.repeat(70 * 1024));
    expect(sent).toHaveLength(2);
    batcher.flush();
  });
});
