import { describe, expect, it } from 'vitest';
import { formatReviewMessage } from './review-message.js';
import type { ReviewComment } from './review-state.js';

const comment = (
  id: string,
  path: string,
  line: number,
  quote: string,
  text: string,
  side: 'old' | 'new' = 'new',
): ReviewComment => ({ id, path, line, quote, text, side });

describe('formatReviewMessage', () => {
  it('groups comments by file, in diff order, each as file:line — quoted line — comment', () => {
    const message = formatReviewMessage(
      [
        comment('1', 'src/b.ts', 30, '  return total;', 'Round this.'),
        comment('2', 'src/a.ts', 12, 'const x = 1;', 'Name it count.'),
        comment('3', 'src/b.ts', 4, 'import fs from "fs";', 'Unused import.'),
        comment('4', 'src/a.ts', 7, 'legacy();', 'Why was this removed?', 'old'),
      ],
      ['src/b.ts', 'src/a.ts'],
    );
    expect(message).toBe(
      [
        'Please address these 4 review comments on your changes:',
        '',
        'src/b.ts',
        '- src/b.ts:4 — `import fs from "fs";` — Unused import.',
        '- src/b.ts:30 — `return total;` — Round this.',
        '',
        'src/a.ts',
        '- src/a.ts:7 (removed line) — `legacy();` — Why was this removed?',
        '- src/a.ts:12 — `const x = 1;` — Name it count.',
        '',
      ].join('\n'),
    );
  });

  it('keeps quotes containing backticks readable and indents multi-line comments', () => {
    const message = formatReviewMessage([
      comment('1', 'README.md', 3, 'Run `npm test`', 'Mention the e2e suite.\nAnd the bench.'),
      comment('2', 'README.md', 5, '   ', 'Drop this blank line.'),
    ]);
    expect(message).toContain('- README.md:3 — `` Run `npm test` `` — Mention the e2e suite.\n  And the bench.');
    expect(message).toContain('- README.md:5 — (blank line) — Drop this blank line.');
    expect(message.startsWith('Please address these 2 review comments')).toBe(true);
  });
});
