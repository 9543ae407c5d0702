import { describe, expect, it } from 'vitest';
import { rankingRule } from '../../../../shared/ranking.js';
import { attempt, ranking } from '../../../../testing/renderer/compare-fixtures.js';
import { compareColumns, formatUsd, groupTaskIds, rankingStatus, spentLine } from './compare-model.js';

describe('the compare view model', () => {
  it('orders a group as group/get does: attempts oldest first, then the synthesis', () => {
    const tasks = {
      s: attempt('s', 0, 1, 0, { groupRole: 'synthesis' }),
      b: attempt('b', 2, 1, 0),
      a: attempt('a', 1, 1, 0),
      other: attempt('other', 3, 1, 0, { groupId: 'h' }),
    };
    expect(groupTaskIds(tasks, 'g')).toEqual(['a', 'b', 's']);
  });

  it('puts ranked attempts best first and any the ranking lacks after them', () => {
    const columns = compareColumns(['a', 'b', 's'], ranking(['b', 'a']));
    expect(columns.map((column) => [column.taskId, column.entry?.rank ?? null])).toEqual([
      ['b', 1],
      ['a', 2],
      ['s', null],
    ]);
  });

  it('says why the rule ranked, a judge failing or missing, without the rule twice', () => {
    const failed = `The judge gave no valid ranking in 2 answers: attempt t2 missing. Ranked by the rule instead: ${rankingRule}.`;
    expect(rankingStatus(ranking(['a'], { by: 'rule', model: null, note: failed }))).toEqual({
      kind: 'rule',
      text: `Ranked by the rule: ${rankingRule}`,
      why: 'The judge gave no valid ranking in 2 answers: attempt t2 missing.',
    });
    expect(rankingStatus(ranking(['a'], { note: 'The first answer was invalid; the second was used.' }))).toEqual({
      kind: 'judge',
      text: 'Ranked by compatible:scenario:judgeRanks',
      note: 'The first answer was invalid; the second was used.',
    });
    expect(rankingStatus(null).kind).toBe('unranked');
  });

  it('shows dollars exactly enough to tell a judge’s share apart', () => {
    expect([0, 0.0021, 0.5, 12.345].map(formatUsd)).toEqual(['$0.00', '$0.0021', '$0.50', '$12.35']);
    const spent = {
      attemptsUsd: 0.03,
      judgeUsd: 0.002,
      synthesisUsd: 0,
      totalUsd: 0.032,
      winnerUsd: null,
      totalTokens: 10,
      judgeTokens: 2,
    };
    expect(spentLine(spent)).toBe('Group spent $0.0320 (attempts $0.0300 + judge $0.0020 + synthesis $0.00)');
  });
});
