import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { holdoutSize, planSplits, stratifiedHoldoutCounts } from '../../../src/cv';
import { createRng, deriveSeed } from '../../../src/rng';
import { clfCtx, labelsFrom, plainCtx } from './helpers';

const testRows = (ids: Int32Array): number[] => Array.from(ids.keys()).filter((i) => ids[i] === 0);

describe('holdout, hand-checked', () => {
  it('test size is round(fraction * n) clamped to [1, n - 1]', () => {
    expect(holdoutSize(10, 0.2)).toBe(2);
    expect(holdoutSize(10, 0.25)).toBe(3); // 2.5 rounds up
    expect(holdoutSize(10, 0.3)).toBe(3); // 0.3 * 10 is 3.0000000000000004 in floating point
    expect(holdoutSize(150, 0.2)).toBe(30);
    expect(holdoutSize(3, 0.01)).toBe(1); // would be 0 rows of test
    expect(holdoutSize(3, 0.99)).toBe(2); // would be 0 rows of training
    expect(holdoutSize(2, 0.5)).toBe(1);
  });

  it('shuffle: false holds out the contiguous tail', () => {
    const plan = planSplits({ holdout: 0.4, shuffle: false }, plainCtx(5))!;
    expect(Array.from(plan.splits[0])).toEqual([-1, -1, -1, 0, 0]);
    expect(plan.nFolds).toBe(1);
    expect(plan.description).toBe('holdout 40% (2 of 5 rows), last rows');
  });

  it('is shuffled by default with the context seed: the first rows of the repeat-0 permutation', () => {
    const plan = planSplits({ holdout: 0.3 }, plainCtx(10, 5))!;
    const order = Int32Array.from({ length: 10 }, (_, i) => i);
    createRng(deriveSeed(5, 0)).shuffle(order);
    expect(testRows(plan.splits[0])).toEqual(Array.from(order.subarray(0, 3)).sort((a, b) => a - b));
    expect(plan.description).toBe('holdout 30% (3 of 10 rows), shuffled (seed 5)');
  });

  it('stratified without shuffle holds out the last rows of each class in proportion', () => {
    // 4 rows of class 0 and 6 of class 1, half held out: quotas 2 and 3.
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const plan = planSplits({ holdout: 0.5, shuffle: false }, clfCtx(y))!;
    expect(Array.from(plan.splits[0])).toEqual([-1, -1, 0, 0, -1, -1, -1, 0, 0, 0]);
    expect(plan.description).toBe('holdout 50% (5 of 10 rows) stratified, last rows of each class');
  });

  it('per-class counts: largest remainder, ties to the class seen first, a training row kept per class', () => {
    expect(stratifiedHoldoutCounts([3, 7], 5)).toEqual([2, 3]); // quotas 1.5 and 3.5: tie, first class wins
    expect(stratifiedHoldoutCounts([7, 3], 5)).toEqual([4, 1]); // quotas 3.5 and 1.5: tie, first class wins
    expect(stratifiedHoldoutCounts([10, 5, 5], 4)).toEqual([2, 1, 1]);
    expect(stratifiedHoldoutCounts([1, 9], 5)).toEqual([0, 5]); // the single row of class 0 stays in training
    expect(stratifiedHoldoutCounts([2, 2], 3)).toEqual([2, 1]); // cannot keep both: fills as little as needed
  });
});

describe('holdout properties', () => {
  const sizes = fc.tuple(fc.integer({ min: 2, max: 300 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }));

  it('exactly holdoutSize rows are marked 0, the rest -1, shuffled or not', () => {
    fc.assert(
      fc.property(sizes, fc.boolean(), fc.integer(), ([n, h], shuffle, seed) => {
        const ids = planSplits({ holdout: h, shuffle, ...(shuffle ? { seed } : {}) }, plainCtx(n))!.splits[0];
        const t = Math.min(n - 1, Math.max(1, Math.round(h * n)));
        expect(testRows(ids).length).toBe(t);
        for (const v of ids) expect(v === 0 || v === -1).toBe(true);
      }),
    );
  });

  it('stratified holdout keeps each class within 1 of its proportional share', () => {
    const strat = fc.tuple(
      fc.array(fc.integer({ min: 2, max: 40 }), { minLength: 2, maxLength: 5 }),
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }),
      fc.double({ min: 0.01, max: 0.4, noNaN: true }),
    );
    fc.assert(
      fc.property(strat, fc.boolean(), ([counts, order, h], shuffle) => {
        const y = labelsFrom(counts, order);
        const ids = planSplits({ holdout: h, shuffle }, clfCtx(y))!.splits[0];
        const t = holdoutSize(y.length, h);
        expect(testRows(ids).length).toBe(t);
        counts.forEach((count, c) => {
          const tested = y.filter((label, i) => label === c && ids[i] === 0).length;
          expect(Math.abs(tested - (t * count) / y.length)).toBeLessThan(1);
          expect(tested).toBeLessThan(count);
        });
      }),
    );
  });
});
