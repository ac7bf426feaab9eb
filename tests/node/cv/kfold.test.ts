import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kfoldIds, planSplits } from '../../../src/cv';
import { createRng, deriveSeed } from '../../../src/rng';
import { plainCtx, sizesOf } from './helpers';

describe('k-fold, hand-checked', () => {
  it('n=7, k=3 in row order gives contiguous blocks, the first n % k folds one row longer', () => {
    // scikit-learn KFold(3).split(range(7)) tests [0,1,2], [3,4], [5,6].
    expect(Array.from(kfoldIds(7, 3, null))).toEqual([0, 0, 0, 1, 1, 2, 2]);
    const plan = planSplits({ folds: 3 }, plainCtx(7));
    expect(plan).not.toBeNull();
    expect(Array.from(plan!.splits[0])).toEqual([0, 0, 0, 1, 1, 2, 2]);
    expect(plan!.nFolds).toBe(3);
    expect(plan!.description).toBe('3-fold, in row order');
  });

  it('n=4, k=2 matches the KFold docstring example (test [0,1] then [2,3])', () => {
    expect(Array.from(kfoldIds(4, 2, null))).toEqual([0, 0, 1, 1]);
  });

  it('k = n is leave-one-out', () => {
    expect(Array.from(kfoldIds(5, 5, null))).toEqual([0, 1, 2, 3, 4]);
  });

  it('shuffled k-fold is "seeded permutation, then blocks" with the repeat-0 seed deriveSeed(seed, 0)', () => {
    const n = 11;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    createRng(deriveSeed(9, 0)).shuffle(order);
    const expected = new Array<number>(n);
    // 11 rows in 3 folds: sizes 4, 4, 3
    [4, 4, 3].reduce((pos, size, fold) => {
      for (let j = 0; j < size; j++) expected[order[pos + j]] = fold;
      return pos + size;
    }, 0);
    const plan = planSplits({ folds: 3, shuffle: true, seed: 9 }, plainCtx(n));
    expect(Array.from(plan!.splits[0])).toEqual(expected);
    expect(plan!.description).toBe('3-fold, shuffled (seed 9)');
  });
});

const nk = fc.integer({ min: 2, max: 150 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 2, max: n })));

describe('k-fold properties', () => {
  it('every row is tested in exactly one fold and fold sizes differ by at most 1', () => {
    fc.assert(
      fc.property(nk, fc.boolean(), fc.integer(), ([n, k], shuffle, seed) => {
        const ids = kfoldIds(n, k, shuffle ? createRng(seed) : null);
        expect(ids.length).toBe(n);
        for (const f of ids) expect(f >= 0 && f < k).toBe(true);
        const sizes = sizesOf(ids, k);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // The larger folds come first, as in scikit-learn.
        for (let f = 0; f < k; f++) expect(sizes[f]).toBe(Math.floor(n / k) + (f < n % k ? 1 : 0));
      }),
    );
  });

  it('without shuffle the fold ids never decrease along the rows (contiguous blocks)', () => {
    fc.assert(
      fc.property(nk, ([n, k]) => {
        const ids = kfoldIds(n, k, null);
        for (let i = 1; i < n; i++) expect(ids[i]).toBeGreaterThanOrEqual(ids[i - 1]);
      }),
    );
  });

  it('same seed gives the same split; another seed or no shuffle gives a different one', () => {
    // n >= 30 and k >= 3: there are over 10^12 distinct assignments, so an accidental match is not a concern.
    const args = fc.tuple(fc.integer({ min: 30, max: 120 }), fc.integer({ min: 3, max: 10 }));
    fc.assert(
      fc.property(args, fc.integer({ min: 0, max: 2 ** 31 }), ([n, k], seed) => {
        const a = planSplits({ folds: k, shuffle: true, seed }, plainCtx(n))!.splits[0];
        const b = planSplits({ folds: k, shuffle: true, seed }, plainCtx(n))!.splits[0];
        const c = planSplits({ folds: k, shuffle: true, seed: seed + 1 }, plainCtx(n))!.splits[0];
        const plain = planSplits({ folds: k }, plainCtx(n))!.splits[0];
        expect(Array.from(a)).toEqual(Array.from(b));
        expect(Array.from(a)).not.toEqual(Array.from(c));
        expect(Array.from(a)).not.toEqual(Array.from(plain));
        // Shuffling changes which rows are together, never the fold sizes.
        expect(sizesOf(a, k)).toEqual(sizesOf(plain, k));
      }),
    );
  });
});
