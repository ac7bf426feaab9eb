/**
 * The nEstimators prefix property: tree i of a forest depends on (the search's stream seed, split, fold, i) and the
 * other settings only (not on the candidate's own trial seed), so a forest of k trees is the first k trees of one of N > k trees, and tune() grows them once per
 * fold (the fold cache) whatever the candidates' indices.
 */
import { describe, it, expect, afterAll } from 'vitest';
import fc from 'fast-check';
import { growForest } from '../../../../src/estimators/ensemble/forest';
import { context, debugKernels, side, randomMatrix } from '../linear/debug-context';
import { ours } from './helpers';
import { tune, createPool } from '../../../../src/index.node';
import { loadDataset } from '../../../helpers/fixtures';

const X = randomMatrix(80, 5, 3);
const y = X.map((r) => (r[0] + r[1] * r[2] > 0 ? 1 : 0));

function forest(nEstimators: number, streamSeed: number, cache?: Map<string, unknown>, extra: Record<string, unknown> = {}, fold = 0) {
  const k = debugKernels();
  // The trial seed differs per candidate (here per nEstimators); the trees must not depend on it.
  const ctx = { ...context(k, [0, 1]), hints: { streamSeed }, slot: { split: 0, fold }, seed: nEstimators * 7919 };
  if (cache) ctx.foldCache = cache;
  return growForest(ctx, side(k, X, y), ours('random-forest-classifier', { n_estimators: nEstimators, max_depth: 4, ...extra }), 'classifier');
}

describe('random forests: the nEstimators prefix property', () => {
  it('a forest of k trees is the first k trees of a forest of N (fresh caches, any stream seed)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 31 }), (k, extra, seed) => {
        const small = forest(k, seed).trees;
        const large = forest(k + extra, seed).trees;
        expect(large.slice(0, k)).toEqual(small);
      }),
      { numRuns: 15 },
    );
  });

  it('another stream seed or another fold grows other trees (the property is not vacuous)', () => {
    expect(forest(3, 1).trees).not.toEqual(forest(3, 2).trees);
    expect(forest(3, 1, undefined, {}, 1).trees).not.toEqual(forest(3, 1).trees);
  });

  it('on one fold cache, the larger forest reuses the smaller one\'s trees (the same objects) and vice versa', () => {
    const cache = new Map<string, unknown>();
    const a = forest(4, 9, cache).trees;
    const b = forest(10, 9, cache).trees;
    for (let i = 0; i < 4; i++) expect(b[i]).toBe(a[i]);
    const c = forest(7, 9, cache).trees;
    for (let i = 0; i < 7; i++) expect(c[i]).toBe(b[i]);
    // Other settings: other trees, not the cached ones.
    const d = forest(4, 9, cache, { max_depth: 2 }).trees;
    expect(d[0]).not.toBe(a[0]);
  });
});

describe('random forests through tune(): candidates differing only in nEstimators share trees', () => {
  const pool = createPool({ workers: 2 });
  afterAll(() => pool.dispose());
  const bc = loadDataset('breast_cancer');
  const run = (nEstimators: number[], workers: number) =>
    tune({
      model: 'random-forest-classifier',
      data: { X: bc.X, y: bc.y },
      space: { nEstimators, maxDepth: [3] },
      cv: { folds: 3, shuffle: true, seed: 1 },
      seed: 5,
      pool,
      workers,
    });

  it('nEstimators=8 scores the same alone (candidate 0) as after nEstimators=20 (candidate 1), on 1 or 2 workers', async () => {
    const alone = await run([8], 1);
    const withLarger = await run([20, 8], 2);
    expect(withLarger.trials[1].params.nEstimators).toBe(8);
    expect(withLarger.trials[1].foldScores).toEqual(alone.trials[0].foldScores);
  });
});
