// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeFile } from '../../../testing/renderer/review-fixtures.js';
import { toDiffHunks } from './diff-model.js';
import { languageFor } from './languages.js';
import { useIdleTokens } from './use-idle-tokens.js';

const highlighter = vi.hoisted(() => ({ loaded: false }));

vi.mock('./syntax.js', async (importOriginal) => {
  highlighter.loaded = true;
  return importOriginal();
});

describe('useIdleTokens', () => {
  it('marks the edits of a file no grammar fits without loading the highlighter, and highlights one that has one', async () => {
    const plain = toDiffHunks(makeFile('notes.txt', ['-old words', '+new words']));
    const first = renderHook(() => useIdleTokens(plain, 'notes.txt'));
    await waitFor(() => expect(first.result.current).not.toBeNull());
    expect(highlighter.loaded).toBe(false);

    const code = toDiffHunks(makeFile('src/a.ts', ['-const a = 1;', '+const a = 2;']));
    const second = renderHook(() => useIdleTokens(code, 'src/a.ts'));
    await waitFor(() => expect(second.result.current).not.toBeNull());
    expect(highlighter.loaded).toBe(true);
    expect(JSON.stringify(second.result.current)).toContain('keyword');
  });

  it('names the language by extension or whole file name, and none for an unknown one', () => {
    expect(languageFor('src/view.TSX')).toBe('tsx');
    expect(languageFor('build/Makefile')).toBe('makefile');
    expect(languageFor('notes-1.txt')).toBeNull();
    expect(languageFor('.gitignore')).toBeNull();
  });
});
