import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/rng';
import { FanovaTree } from '../../../../src/search/importance/fanova-tree';
import { fitTree } from '../../../../src/search/importance/forest';

function randomTree(seed: number, n: number, d: number) {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = j >= d - 3 ? rng.int(2) : rng.next() * 4 - 2; // last 3: one-hot-like
  }
  const y = new Float64Array(n).map((_, i) => Math.sin(3 * X[i * d]) + X[i * d + 1] * X[i * d + d - 1] + 0.2 * rng.normal());
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[rng.int(n)] += 1;
  const tree = fitTree(X, d, y, w, rng, { maxDepth: 64, minSamplesSplit: 2, minSamplesLeaf: 1 });
  const lo = new Float64Array(d).map((_, j) => (j >= d - 3 ? 0 : -2));
  const hi = new Float64Array(d).map((_, j) => (j >= d - 3 ? 1 : 2));
  return new FanovaTree(tree, lo, hi);
}

describe('FanovaTree', () => {
  it("the sweep equals Optuna's traversal, single and joint features (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 5, max: 60 }), (seed, n) => {
        const t = randomTree(seed, n, 5);
        for (const feats of [[0], [1], [2], [2, 3, 4], [0, 1]]) {
          const a = t.marginalVariance(feats);
          const b = t.marginalVarianceByTraversal(feats);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('main effects of all features together explain the whole variance', () => {
    const t = randomTree(3, 40, 5);
    expect(t.marginalVariance([0, 1, 2, 3, 4])).toBeCloseTo(t.variance, 9);
  });
});
