import { describe, it, expect } from 'vitest';
import type { StudyTrial } from '../../../src/index.node';
import { bestNumber, journalRows, studyContourRow, studyRow } from '../../../demo/study-rows';

const trial = (number: number, state: StudyTrial['state'], value: number): StudyTrial => ({
  number, params: { x: number / 10 }, value, state, intermediate: [], userAttrs: {}, error: state === 'failed' ? 'boom' : null,
  durationMs: 2, startedAt: number * 10, finishedAt: number * 10 + 2,
});

/** optimize()'s trials as the tune() charts and table read them. */
describe('demo study rows', () => {
  const trials = [trial(0, 'complete', 3), trial(1, 'pruned', 9), trial(2, 'complete', 1), trial(3, 'failed', NaN), trial(4, 'complete', 3)];

  it('scores only complete trials', () => {
    expect(trials.map(studyRow).map((r) => [r.index, r.status, r.meanScore])).toEqual([[0, 'ok', 3], [1, 'pruned', NaN], [2, 'ok', 1], [3, 'failed', NaN], [4, 'ok', 3]]);
    expect(trials.map(studyContourRow).map((r) => r.complete)).toEqual([true, false, true, false, true]);
  });

  it('finds the best complete trial in either direction (lowest number among ties)', () => {
    expect(bestNumber(trials, 'minimize')).toBe(2);
    expect(bestNumber(trials, 'maximize')).toBe(0);
    expect(bestNumber([trial(0, 'pruned', 1)], 'minimize')).toBeNull();
  });

  it('ranks journal rows as tune() does: ties share the lower rank, unfinished ones after', () => {
    const min = journalRows(trials, 'minimize');
    expect(min.map((r) => r.rank)).toEqual([2, 4, 1, 4, 2]);
    expect(journalRows(trials, 'maximize').map((r) => r.rank)).toEqual([1, 4, 3, 4, 1]);
    expect(min[3]).toMatchObject({ status: 'failed', error: 'boom', foldScores: [], spans: [], worker: -1, startedAt: 30, finishedAt: 32 });
    expect(min[0].fitMs).toBeNaN();
  });
});
