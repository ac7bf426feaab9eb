import { describe, it, expect } from 'vitest';
import { barsOfStudyTrials, barsOfTrials, barLabel } from '../../../demo/timeline';

/** The timeline's bars: tune()'s tasks per worker, optimize()'s trials per slot, a journal's trials packed in lanes. */
describe('demo timeline bars', () => {
  it('gives one bar per task of a tune() row, on its worker', () => {
    const bars = barsOfTrials([
      { index: 3, status: 'pruned', meanScore: 0.5, spans: [{ fold: 0, worker: 1, startedAt: 2, finishedAt: 9 }, { fold: 1, worker: 0, startedAt: NaN, finishedAt: 4 }] },
      { index: 4, status: 'ok', meanScore: 0.9 },
    ]);
    expect(bars).toEqual([{ worker: 1, startedAt: 2, finishedAt: 9, trial: 3, status: 'pruned', score: 0.5, detail: 'fold 0' }]);
    expect(barLabel(bars[0], 'accuracy')).toBe('Trial 3 (fold 0): accuracy 0.5, pruned, 2–9 ms');
  });

  it("puts optimize() trials on their slot, and packs a journal's trials into as few lanes as keep them apart", () => {
    const run = barsOfStudyTrials([
      { number: 0, state: 'complete', value: 1, startedAt: 0, finishedAt: 5, worker: 0 },
      { number: 1, state: 'running', value: NaN, startedAt: 5, finishedAt: NaN, worker: 0 },
    ]);
    expect(run).toEqual([{ worker: 0, startedAt: 0, finishedAt: 5, trial: 0, status: 'complete', score: 1 }]);
    const loaded = barsOfStudyTrials([
      { number: 0, state: 'complete', value: 1, startedAt: 0, finishedAt: 10 },
      { number: 1, state: 'pruned', value: 2, startedAt: 2, finishedAt: 6 },
      { number: 2, state: 'failed', value: NaN, startedAt: 6, finishedAt: 8 },
      { number: 3, state: 'complete', value: 3, startedAt: 3, finishedAt: 4 },
      { number: 4, state: 'complete', value: 3, startedAt: 10, finishedAt: 12 },
    ]);
    expect(loaded.map((b) => [b.trial, b.row])).toEqual([[0, 'lane 1'], [1, 'lane 2'], [2, 'lane 2'], [3, 'lane 3'], [4, 'lane 1']]);
    expect(new Set(loaded.map((b) => b.worker)).size).toBe(3);
    expect(loaded.find((b) => b.trial === 2)!.status).toBe('failed');
  });
});
