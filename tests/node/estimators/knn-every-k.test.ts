/**
 * The one-pass votes over every nNeighbors (voteClassifierEveryK / voteRegressorEveryK) must equal, bit for bit, the
 * per-candidate votes they replace in tune(): property tests over random tables with many ties (few classes, small
 * integer distances, zero distances), plus a hand-checked table.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  voteClassifier,
  voteClassifierEveryK,
  voteRegressor,
  voteRegressorEveryK,
  type NeighborTable,
} from '../../../src/estimators/neighbors';

/** A random neighbour table: per query, k ascending distances (small integers so ties are common, zeros included). */
const tableArb = fc
  .record({ nQuery: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 1, max: 9 }), nTrain: fc.integer({ min: 9, max: 20 }) })
  .chain(({ nQuery, k, nTrain }) =>
    fc.record({
      nQuery: fc.constant(nQuery),
      nTrain: fc.constant(nTrain),
      table: fc
        .tuple(
          fc.array(fc.integer({ min: 0, max: nTrain - 1 }), { minLength: nQuery * k, maxLength: nQuery * k }),
          fc.array(fc.constantFrom(0, 0.5, 1, 1, 2, 2, 3, 7), { minLength: nQuery * k, maxLength: nQuery * k }),
        )
        .map(([idx, dist]): NeighborTable => {
          for (let q = 0; q < nQuery; q++) {
            const row = dist.slice(q * k, q * k + k).sort((a, b) => a - b);
            dist.splice(q * k, k, ...row);
          }
          return { k, idx: Int32Array.from(idx), dist: Float64Array.from(dist) };
        }),
    }),
  );

const weightsArb = fc.constantFrom('uniform', 'distance');

describe('votes over every k in one pass', () => {
  it('classifier: the labels for each k equal voteClassifier(k) bit for bit', () => {
    fc.assert(
      fc.property(tableArb, weightsArb, fc.integer({ min: 1, max: 4 }), ({ nQuery, nTrain, table }, weights, nC) => {
        const classes = Float64Array.from({ length: nC }, (_, c) => 10 * c - 5);
        const yClass = Int32Array.from({ length: nTrain }, (_, i) => (i * 7 + 3) % nC);
        const every = voteClassifierEveryK(table, nQuery, table.k, weights, yClass, classes);
        for (let k = 1; k <= table.k; k++) {
          const one = voteClassifier(table, nQuery, k, weights, yClass, classes).yPred;
          expect(Array.from(every.subarray((k - 1) * nQuery, k * nQuery)), `k=${k}`).toEqual(Array.from(one));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('regressor: the means for each k equal voteRegressor(k) bit for bit', () => {
    fc.assert(
      fc.property(tableArb, weightsArb, ({ nQuery, nTrain, table }, weights) => {
        const y = Float64Array.from({ length: nTrain }, (_, i) => Math.sin(i + 1) * 3.7);
        const every = voteRegressorEveryK(table, nQuery, table.k, weights, y);
        for (let k = 1; k <= table.k; k++) {
          const one = voteRegressor(table, nQuery, k, weights, y);
          // Object.is per value: bit-identical, not merely close.
          every.subarray((k - 1) * nQuery, k * nQuery).forEach((v, q) => expect(Object.is(v, one[q]), `k=${k} q=${q}`).toBe(true));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a hand-checked table: vote ties go to the smaller label, a zero distance outvotes the rest', () => {
    // Query 0: neighbours of classes 1, 0, 1, 0 at distances 1, 1, 2, 4.
    // Query 1: first neighbour at distance 0 (class 1), then class 0 at 0.1 twice.
    const table: NeighborTable = {
      k: 4,
      idx: Int32Array.from([1, 0, 3, 2, 5, 4, 6, 7]),
      dist: Float64Array.from([1, 1, 2, 4, 0, 0.1, 0.1, 0.2]),
    };
    const yClass = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 0]);
    const classes = Float64Array.from([7, 9]);
    // uniform: q0: k=1 -> 9; k=2 tie 1:1 -> 7 (smaller); k=3 2:1 -> 9; k=4 2:2 -> 7.
    //          q1: k=1 -> 9; k=2 tie -> 7; k=3 0 leads -> 7; k=4 -> 7.
    expect(Array.from(voteClassifierEveryK(table, 2, 4, 'uniform', yClass, classes))).toEqual([9, 9, 7, 7, 9, 7, 7, 7]);
    // distance: q0: 1/1 vs 1/1 at k=2 -> tie -> 7; k=3 adds 1/2 to 9 -> 9; k=4 adds 1/4 to 7 -> 9 (1.5 vs 1.25).
    //           q1: the zero distance alone counts (weight 1, others 0) -> 9 for every k.
    expect(Array.from(voteClassifierEveryK(table, 2, 4, 'distance', yClass, classes))).toEqual([9, 9, 7, 9, 9, 9, 9, 9]);
  });

  it('refuses a kMax larger than the table', () => {
    const table: NeighborTable = { k: 2, idx: Int32Array.from([0, 1]), dist: Float64Array.from([1, 2]) };
    expect(() => voteClassifierEveryK(table, 1, 3, 'uniform', Int32Array.from([0, 0]), Float64Array.from([1]))).toThrow(/exceeds/);
    expect(() => voteRegressorEveryK(table, 1, 3, 'uniform', Float64Array.from([1, 2]))).toThrow(/exceeds/);
  });
});

describe('tune(): KNN with and without probability metrics', () => {
  it('labels-only scoring (one vote per fold) gives the same accuracy per fold as the per-candidate vote', async () => {
    const { tune } = await import('../../../src/index.node');
    const { loadDataset } = await import('../../helpers/fixtures');
    const wine = loadDataset('wine');
    const base = {
      model: 'knn-classifier' as const,
      data: { X: wine.X, y: wine.y },
      space: { nNeighbors: [1, 2, 4, 7, 12], weights: ['uniform', 'distance'], p: [1, 2] },
      cv: { folds: 4, shuffle: true },
      seed: 3,
      refit: false,
      workers: 1,
    };
    // With logLoss the worker must produce probabilities, so it votes per candidate; accuracy alone takes the
    // every-k vote. Both must agree on every fold of every candidate.
    const labelsOnly = await tune({ ...base, scoring: 'accuracy' });
    const withProba = await tune({ ...base, scoring: ['accuracy', 'logLoss'] });
    expect(labelsOnly.trials).toHaveLength(20);
    const byKey = new Map(withProba.trials.map((t) => [JSON.stringify(t.params), t]));
    for (const t of labelsOnly.trials) {
      const other = byKey.get(JSON.stringify(t.params))!;
      expect(t.metrics.accuracy.folds, JSON.stringify(t.params)).toEqual(other.metrics.accuracy.folds);
    }
  });
});
