import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldSizes, planSplits, trainTestIndices } from '../../../src/cv';
import { plainCtx } from './helpers';

describe('trainTestIndices', () => {
  it('splits a hand-written fold vector, -1 rows always in training', () => {
    const ids = Int32Array.from([1, 0, -1, 1, 0, 1]);
    const f0 = trainTestIndices(ids, 0);
    expect(Array.from(f0.test)).toEqual([1, 4]);
    expect(Array.from(f0.train)).toEqual([0, 2, 3, 5]);
    const f1 = trainTestIndices(ids, 1);
    expect(Array.from(f1.test)).toEqual([0, 3, 5]);
    expect(Array.from(f1.train)).toEqual([1, 2, 4]);
  });

  it('rejects a fold that is not a fold number', () => {
    const ids = Int32Array.from([0, 1]);
    expect(() => trainTestIndices(ids, -1)).toThrow(RangeError);
    expect(() => trainTestIndices(ids, 0.5)).toThrow(/integer >= 0/);
  });

  it('property: train and test are disjoint, ascending, and cover every row', () => {
    const foldVec = fc.array(fc.integer({ min: -1, max: 6 }), { minLength: 0, maxLength: 80 });
    fc.assert(
      fc.property(foldVec, fc.integer({ min: 0, max: 6 }), (raw, fold) => {
        const ids = Int32Array.from(raw);
        const { train, test } = trainTestIndices(ids, fold);
        expect(train.length + test.length).toBe(ids.length);
        for (let j = 1; j < train.length; j++) expect(train[j]).toBeGreaterThan(train[j - 1]);
        for (let j = 1; j < test.length; j++) expect(test[j]).toBeGreaterThan(test[j - 1]);
        const seen = new Uint8Array(ids.length);
        for (const i of test) {
          expect(ids[i]).toBe(fold);
          seen[i]++;
        }
        for (const i of train) {
          expect(ids[i]).not.toBe(fold);
          seen[i]++;
        }
        for (const s of seen) expect(s).toBe(1);
      }),
    );
  });
});

describe('foldSizes', () => {
  it('counts test rows per fold for every repeat', () => {
    const plan = planSplits({ folds: 3, repeats: 2, seed: 1 }, plainCtx(7))!;
    expect(foldSizes(plan).map((s) => Array.from(s))).toEqual([
      [3, 2, 2],
      [3, 2, 2],
    ]);
    const explicit = planSplits({ foldIds: [0, -1, 1, 1, -1] }, plainCtx(5))!;
    expect(foldSizes(explicit).map((s) => Array.from(s))).toEqual([[1, 2]]);
  });
});
