import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planSplits, stratifiedFoldIds } from '../../../src/cv';
import { createRng } from '../../../src/rng';
import { clfCtx, labelsFrom, sizesOf } from './helpers';

describe('stratified k-fold, hand-checked against scikit-learn 1.2 StratifiedKFold (shuffle=False)', () => {
  it('y = [1,0,0,1,0,1,0,0,1], k = 3', () => {
    // Worked by hand from sklearn 1.2 StratifiedKFold._make_test_folds:
    // 1. Encode classes by first appearance: label 1 (row 0) -> code 0, label 0 (row 1) -> code 1.
    //    Counts: code 0 has 4 rows (0, 3, 5, 8), code 1 has 5 rows (1, 2, 4, 6, 7).
    // 2. y_order = sort(codes) = [0,0,0,0,1,1,1,1,1]; fold f takes positions f, f+3, f+6:
    //    fold 0: positions 0,3,6 -> codes 0,0,1 -> allocation (code0, code1) = (2, 1)
    //    fold 1: positions 1,4,7 -> codes 0,1,1 -> (1, 2)
    //    fold 2: positions 2,5,8 -> codes 0,1,1 -> (1, 2)
    // 3. Code 0's folds = [0,0,1,2] laid on rows 0,3,5,8; code 1's folds = [0,1,1,2,2] laid on rows 1,2,4,6,7.
    // Result by row: [0,0,1,0,1,1,2,2,2].
    // Had classes been coded in sorted order (label 0 first) the allocation would be (2,1),(2,1),(1,2) for
    // (label 0, label 1) and the result [0,0,0,1,1,2,1,2,2], so this fixture pins the first-appearance encoding.
    const y = [1, 0, 0, 1, 0, 1, 0, 0, 1];
    expect(Array.from(stratifiedFoldIds(y, 3, null))).toEqual([0, 0, 1, 0, 1, 1, 2, 2, 2]);
    const plan = planSplits({ folds: 3 }, clfCtx(y));
    expect(Array.from(plan!.splits[0])).toEqual([0, 0, 1, 0, 1, 1, 2, 2, 2]);
    expect(plan!.description).toBe('3-fold stratified, in row order');
  });

  it('y = [0,0,1,1], k = 2 matches the StratifiedKFold docstring (test [0,2] then [1,3])', () => {
    expect(Array.from(stratifiedFoldIds([0, 0, 1, 1], 2, null))).toEqual([0, 1, 0, 1]);
  });

  it('labels are compared as numbers, whatever their values', () => {
    // Same structure as the first fixture with labels 7.5 and -3.
    const y = [7.5, -3, -3, 7.5, -3, 7.5, -3, -3, 7.5];
    expect(Array.from(stratifiedFoldIds(y, 3, null))).toEqual([0, 0, 1, 0, 1, 1, 2, 2, 2]);
  });
});

/** k, per-class counts (each >= k) and a scramble order for the rows. */
const stratCase = fc.integer({ min: 2, max: 6 }).chain((k) =>
  fc.tuple(
    fc.constant(k),
    fc.array(fc.integer({ min: k, max: 40 }), { minLength: 1, maxLength: 5 }),
    fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 }),
  ),
);

describe('stratified k-fold properties', () => {
  it('per class, every fold gets floor or ceil of n_class / k rows; fold sizes differ by at most 1', () => {
    fc.assert(
      fc.property(stratCase, fc.boolean(), fc.integer(), ([k, counts, order], shuffle, seed) => {
        const y = labelsFrom(counts, order);
        const ids = stratifiedFoldIds(y, k, shuffle ? createRng(seed) : null);
        for (const f of ids) expect(f >= 0 && f < k).toBe(true);
        const sizes = sizesOf(ids, k);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(y.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        counts.forEach((count, c) => {
          const perFold = new Array<number>(k).fill(0);
          y.forEach((label, i) => {
            if (label === c) perFold[ids[i]]++;
          });
          for (const m of perFold) expect(Math.abs(m - count / k)).toBeLessThan(1);
        });
      }),
    );
  });

  it('without shuffle each class is laid out in row order (its fold ids never decrease)', () => {
    fc.assert(
      fc.property(stratCase, ([k, counts, order]) => {
        const y = labelsFrom(counts, order);
        const ids = stratifiedFoldIds(y, k, null);
        const last = new Map<number, number>();
        y.forEach((label, i) => {
          expect(ids[i]).toBeGreaterThanOrEqual(last.get(label) ?? 0);
          last.set(label, ids[i]);
        });
      }),
    );
  });

  it('same seed gives the same split, another seed and no shuffle differ, fold sizes do not change', () => {
    const big = fc.tuple(
      fc.integer({ min: 3, max: 5 }),
      fc.array(fc.integer({ min: 20, max: 40 }), { minLength: 2, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 }),
    );
    fc.assert(
      fc.property(big, fc.integer({ min: 0, max: 2 ** 31 }), ([k, counts, order], seed) => {
        const ctx = clfCtx(labelsFrom(counts, order));
        const a = planSplits({ folds: k, shuffle: true, seed }, ctx)!.splits[0];
        const b = planSplits({ folds: k, shuffle: true, seed }, ctx)!.splits[0];
        const c = planSplits({ folds: k, shuffle: true, seed: seed + 1 }, ctx)!.splits[0];
        const plain = planSplits({ folds: k }, ctx)!.splits[0];
        expect(Array.from(a)).toEqual(Array.from(b));
        expect(Array.from(a)).not.toEqual(Array.from(c));
        expect(Array.from(a)).not.toEqual(Array.from(plain));
        expect(sizesOf(a, k)).toEqual(sizesOf(plain, k));
      }),
    );
  });
});
