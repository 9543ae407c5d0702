// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createRootStore } from '../store/store.js';
import { makeFile } from '../../../testing/renderer/review-fixtures.js';
import { countViewed, fileIdentity, isViewed, loadViewedMarks, saveViewedMarks, withViewed } from './viewed-marks.js';

afterEach(() => localStorage.clear());

describe('viewed marks', () => {
  it('gives two diffs of a file that show the same the same identity, and any change a new one', () => {
    const file = makeFile('a.ts', [' keep', '-old', '+new']);
    expect(fileIdentity(makeFile('a.ts', [' keep', '-old', '+new']))).toBe(fileIdentity(file));
    expect(fileIdentity(makeFile('a.ts', [' keep', '-old', '+newer']))).not.toBe(fileIdentity(file));
    expect(fileIdentity(makeFile('a.ts', [' keep', '-old', '+new'], { status: 'renamed', oldPath: 'b.ts' }))).not.toBe(
      fileIdentity(file),
    );
  });

  it('counts a marked file as viewed only until its diff changes', () => {
    const first = makeFile('a.ts', ['+one']);
    const other = makeFile('b.ts', ['+two']);
    const marks = withViewed({}, first, true);
    expect(isViewed(marks, first)).toBe(true);
    expect(countViewed(marks, [first, other])).toBe(1);
    const changed = makeFile('a.ts', ['+one', '+and another line']);
    expect(isViewed(marks, changed)).toBe(false);
    expect(countViewed(marks, [changed, other])).toBe(0);
    expect(withViewed(marks, first, false)).toEqual({});
  });

  it('keeps the marks per task in localStorage, and reads damaged storage as none', () => {
    const file = makeFile('a.ts', ['+one']);
    saveViewedMarks('task-1', withViewed({}, file, true));
    expect(isViewed(loadViewedMarks('task-1'), file)).toBe(true);
    expect(loadViewedMarks('task-2')).toEqual({});
    localStorage.setItem('flotilla.review.viewed.task-3', '{not json');
    expect(loadViewedMarks('task-3')).toEqual({});
    saveViewedMarks('task-1', {});
    expect(localStorage.getItem('flotilla.review.viewed.task-1')).toBeNull();
  });

  it('survives a new store (a reload): marks set through the store are read back', () => {
    const file = makeFile('src/a.ts', ['+one']);
    createRootStore().getState().setViewed('task-1', file, true);
    const reloaded = createRootStore();
    reloaded.getState().loadViewed('task-1');
    expect(isViewed(reloaded.getState().viewedMarks['task-1'], file)).toBe(true);
  });
});
