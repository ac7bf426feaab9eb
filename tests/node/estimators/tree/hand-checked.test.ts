/**
 * Tiny trees whose every number was worked out by hand (gini of 4 zeros and 2 ones = 1 - (16 + 4) / 36 = 4/9, ...).
 *
 * Rows (x0, x1, y): (1,2,0) (2,1,0) (3,6,0) (4,3,1) (5,5,1) (6,4,0).
 * Root on x0: splits after 1..5 rows leave weighted gini 0.4, 1/3, 2/9, 5/12, 0.4; the best is after 3 rows,
 * threshold (3 + 4) / 2 = 3.5 (x1's best, after 2 rows, leaves 1/3). The right node (x0 = 4, 5, 6; y = 1, 1, 0;
 * gini 4/9) splits at 5.5 into two pure leaves; x1 cannot separate it as well.
 */
import { describe, it, expect } from 'vitest';
import { fitInProcess, ours } from './helpers';

const X = [[1, 2], [2, 1], [3, 6], [4, 3], [5, 5], [6, 4]];
const y = [0, 0, 0, 1, 1, 0];
const arr = (v: unknown) => Array.from(v as ArrayLike<number>);

describe('hand-checked tiny trees', () => {
  it('gini, no limits: five nodes in preorder', () => {
    const l = fitInProcess('decision-tree-classifier', X, y, ours('decision-tree-classifier', {}));
    expect(arr(l.feature)).toEqual([0, -2, 0, -2, -2]);
    expect(arr(l.threshold)).toEqual([3.5, -2, 5.5, -2, -2]);
    expect(arr(l.left)).toEqual([1, -1, 3, -1, -1]);
    expect(arr(l.right)).toEqual([2, -1, 4, -1, -1]);
    expect(arr(l.nNodeSamples)).toEqual([6, 3, 3, 2, 1]);
    expect(arr(l.value)).toEqual([4, 2, 3, 0, 1, 2, 0, 2, 1, 0]);
    const imp = arr(l.impurity);
    [4 / 9, 0, 4 / 9, 0, 0].forEach((v, i) => expect(imp[i]).toBeCloseTo(v, 15));
    expect(arr(l.featureImportances)).toEqual([1, 0]);
  });

  it('minSamplesLeaf 2 (or maxDepth 1) stops after the root split', () => {
    for (const p of [{ min_samples_leaf: 2 }, { max_depth: 1 }]) {
      const l = fitInProcess('decision-tree-classifier', X, y, ours('decision-tree-classifier', p));
      expect(arr(l.threshold)).toEqual([3.5, -2, -2]);
      expect(arr(l.value)).toEqual([4, 2, 3, 0, 1, 2]);
    }
  });

  it('minImpurityDecrease above the root split\'s 4/9 - 2/9 = 2/9 leaves a single leaf', () => {
    const l = fitInProcess('decision-tree-classifier', X, y, ours('decision-tree-classifier', { min_impurity_decrease: 0.23 }));
    expect(arr(l.feature)).toEqual([-2]);
    const kept = fitInProcess('decision-tree-classifier', X, y, ours('decision-tree-classifier', { min_impurity_decrease: 0.22 }));
    expect(arr(kept.feature)[0]).toBe(0);
  });

  it('entropy picks the same root split: H(4/6, 2/6) = 0.9183 bits', () => {
    const l = fitInProcess('decision-tree-classifier', X, y, ours('decision-tree-classifier', { criterion: 'entropy' }));
    expect(arr(l.impurity)[0]).toBeCloseTo(-(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3), 14);
    expect(arr(l.threshold)[0]).toBe(3.5);
  });

  it('regression: squared error splits 1, 2, 3 | 10, 11, 12 at 3.5 into means 2 and 11', () => {
    const yr = [1, 2, 3, 10, 11, 12];
    const l = fitInProcess('decision-tree-regressor', X, yr, ours('decision-tree-regressor', { max_depth: 1 }));
    expect(arr(l.threshold)).toEqual([3.5, -2, -2]);
    expect(arr(l.value)).toEqual([6.5, 2, 11]);
    // Root MSE: mean of squared deviations from 6.5 = (5.5^2 + 4.5^2 + 3.5^2) * 2 / 6.
    expect(arr(l.impurity)[0]).toBeCloseTo(((5.5 ** 2 + 4.5 ** 2 + 3.5 ** 2) * 2) / 6, 12);
    expect(arr(l.impurity)[1]).toBeCloseTo(2 / 3, 12);
  });

  it('regression: absolute error leaves predict the median (even counts: the mean of the middle two)', () => {
    const yr = [1, 2, 30, 10, 11, 12];
    const l = fitInProcess('decision-tree-regressor', X, yr, ours('decision-tree-regressor', { criterion: 'absolute_error', max_depth: 1 }));
    expect(arr(l.value)[0]).toBe(10.5);
  });
});
