import { describe, expect, it } from 'vitest';
import { createPruner, nanPercentile } from '../../../../src/search/pruners';
import type { PrunerTrial } from '../../../../src/search/pruners';

const done = (...curves: number[][]): PrunerTrial[] => curves.map((c) => ({ intermediate: c }));
// Five completed curves (arrays: index = step); at step 2 the values are 3, 4, 5, 6, 7 (median 5).
const five = done([1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7]);

describe('median pruner, hand-made cases', () => {
  const min = createPruner({ kind: 'median' }, 'minimize');
  const max = createPruner({ kind: 'median' }, 'maximize');
  it('prunes a trial whose best value is worse than the median at its last step', () => {
    expect(min.shouldPrune({ intermediate: [9, 9, 5.1] }, five)).toBe(true);
    expect(min.shouldPrune({ intermediate: [9, 9, 5] }, five)).toBe(false); // equal is kept
    // best over all steps, not the last value: 4.9 at step 0 saves it at step 2.
    expect(min.shouldPrune({ intermediate: [4.9, 9, 9] }, five)).toBe(false);
    expect(max.shouldPrune({ intermediate: [0, 0, 4.9] }, five)).toBe(true);
    expect(max.shouldPrune({ intermediate: [0, 0, 5] }, five)).toBe(false);
  });
  it('waits for startupTrials completed trials (default 5) and ignores non-complete ones', () => {
    expect(min.shouldPrune({ intermediate: [99] }, five.slice(0, 4))).toBe(false);
    const withPruned = [...five.slice(0, 4), { intermediate: [0], state: 'pruned' as const }];
    expect(min.shouldPrune({ intermediate: [99] }, withPruned)).toBe(false);
    expect(min.shouldPrune({ intermediate: [99] }, five)).toBe(true);
    expect(createPruner({ kind: 'median', startupTrials: 0 }, 'minimize').shouldPrune({ intermediate: [99] }, [])).toBe(false);
  });
  it('NaN: a trial with only NaN values is pruned; NaN among completed values is dropped', () => {
    expect(min.shouldPrune({ intermediate: [Number.NaN, Number.NaN] }, five)).toBe(true);
    expect(min.shouldPrune({ intermediate: [0, Number.NaN] }, five)).toBe(false);
    const nanRefs = done([Number.NaN], [Number.NaN], [Number.NaN], [Number.NaN], [Number.NaN]);
    expect(min.shouldPrune({ intermediate: [99] }, nanRefs)).toBe(false); // no number to compare with
    expect(min.shouldPrune({ intermediate: [3.5] }, [...five, ...done([Number.NaN], [Number.NaN])])).toBe(true);
  });
  it('warm-up: no decision before warmupSteps', () => {
    const p = createPruner({ kind: 'median', warmupSteps: 2 }, 'minimize');
    expect(p.shouldPrune({ intermediate: [99] }, five)).toBe(false);
    expect(p.shouldPrune({ intermediate: [99, 99] }, five)).toBe(false);
    expect(p.shouldPrune({ intermediate: [99, 99, 99] }, five)).toBe(true);
  });
  it('interval steps: checks at warmup + k * interval, or at the first report after a skipped check', () => {
    const p = createPruner({ kind: 'median', warmupSteps: 1, intervalSteps: 3 }, 'minimize');
    const refs = done(...[0, 1, 2, 3, 4].map((i) => Array.from({ length: 10 }, (_, s) => s + i)));
    const at = (...steps: number[]) => p.shouldPrune({ intermediate: new Map(steps.map((s) => [s, 99])) }, refs);
    expect(at(0, 1)).toBe(true); // check point 1
    expect(at(0, 1, 2)).toBe(false);
    expect(at(0, 1, 2, 3)).toBe(false);
    expect(at(0, 1, 2, 3, 4)).toBe(true); // check point 4
    expect(at(0, 5)).toBe(true); // point 4 was skipped: checked at 5
    expect(at(0, 4, 5)).toBe(false); // already checked at 4
  });
  it('minTrials: needs that many completed values at the step', () => {
    const p = createPruner({ kind: 'median', minTrials: 3, startupTrials: 1 }, 'minimize');
    expect(p.shouldPrune({ intermediate: new Map([[7, 99]]) }, done([1, 2, 3]))).toBe(false);
    expect(p.shouldPrune({ intermediate: [99] }, done([1], [2], [3]))).toBe(true);
  });
  it("'none' never prunes; bad options are TuneErrors", () => {
    expect(createPruner({ kind: 'none' }, 'minimize').shouldPrune({ intermediate: [Number.NaN] }, five)).toBe(false);
    expect(() => createPruner({ kind: 'percentile', percentile: 101 }, 'minimize')).toThrow(expect.objectContaining({ code: 'INVALID_PRUNER' }));
    expect(() => createPruner({ kind: 'percentile' }, 'minimize')).toThrow(expect.objectContaining({ code: 'INVALID_PRUNER' }));
    expect(() => createPruner({ kind: 'median', intervalSteps: 0 }, 'minimize')).toThrow(expect.objectContaining({ code: 'INVALID_PRUNER' }));
    expect(() => createPruner({ kind: 'median', startupTrials: -1 }, 'minimize')).toThrow(expect.objectContaining({ code: 'INVALID_PRUNER' }));
    expect(() => createPruner({ kind: 'medain' as 'median' }, 'minimize')).toThrow(/Did you mean 'median'/);
  });
});

describe('nanPercentile (numpy linear method)', () => {
  it('interpolates as numpy does', () => {
    expect(nanPercentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(nanPercentile([4, 1, 3, 2], 25)).toBe(1.75);
    expect(nanPercentile([1, Number.NaN, 3], 100)).toBe(3);
    expect(nanPercentile([1, 3], 0)).toBe(1);
    expect(nanPercentile([Number.NaN], 50)).toBeNaN();
    expect(nanPercentile([Infinity, Infinity], 50)).toBeNaN(); // inf - inf inside numpy's _lerp
    expect(nanPercentile([1, Infinity], 100)).toBeNaN(); // numpy too: last value, weight 0, (inf - inf) * 0
  });
});

describe('foldSteps (per-fold pruning)', () => {
  it('reports the running mean of the finished prefix of folds', async () => {
    const { foldSteps } = await import('../../../../src/search/pruners');
    expect([...foldSteps([0.8, 0.6, undefined, 0.9])]).toEqual([
      [0, 0.8],
      [1, 0.7],
    ]);
    expect(foldSteps([undefined, 0.5]).size).toBe(0);
    const p = createPruner({ kind: 'median', startupTrials: 1 }, 'maximize');
    const refs = [{ intermediate: foldSteps([0.9, 0.9, 0.9]) }];
    expect(p.shouldPrune({ intermediate: foldSteps([0.5, 0.6]) }, refs)).toBe(true);
  });
});
