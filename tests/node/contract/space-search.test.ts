/**
 * Spaces and strategies through tune(): every way to write a space, conditional spaces including the model as a
 * hyperparameter, clustering without CV, and the budgets (search.trials, timeoutMs) with the reason the search stopped.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, int, float, choice } from '../../../src/index.node';
import { iris, parseCsvCells, twoGroups, withoutTimings } from './helpers';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());
const data = { X: iris.X, y: iris.y };
const knn = { model: 'knn-classifier' as const, data, pool };

describe('space forms', () => {
  it('int with a step, stepped float, choice, plain arrays and constants; grid in sorted-name order', async () => {
    const r = await tune({
      ...knn,
      space: { weights: 'distance', p: float(1, 2, { step: 0.5 }), nNeighbors: int(1, 9, { step: 4 }) },
    });
    // Names sorted: nNeighbors, p, weights; the last varies fastest.
    expect(r.trials.map((t) => [t.params.nNeighbors, t.params.p, t.params.weights])).toEqual([
      [1, 1, 'distance'], [1, 1.5, 'distance'], [1, 2, 'distance'],
      [5, 1, 'distance'], [5, 1.5, 'distance'], [5, 2, 'distance'],
      [9, 1, 'distance'], [9, 1.5, 'distance'], [9, 2, 'distance'],
    ]);
    const listed = await tune({ ...knn, space: { nNeighbors: choice([7, 3]), p: [2, 1] } });
    // Listed values keep the order given.
    expect(listed.trials.map((t) => [t.params.nNeighbors, t.params.p])).toEqual([[7, 2], [7, 1], [3, 2], [3, 1]]);
  });

  it('{} scores the defaults as one candidate', async () => {
    const r = await tune({ ...knn, space: {} });
    expect(r.trials).toHaveLength(1);
    expect(r.trials[0].params).toEqual({});
    expect(r.model!.hyperparameters).toEqual({});
  });

  it('a conditional space: each sub-space its own names; CSV leaves the others empty', async () => {
    const r = await tune({
      ...knn,
      space: [
        { weights: 'uniform', nNeighbors: [1, 3] },
        { weights: 'distance', p: [1, 2], nNeighbors: 5 },
      ],
    });
    expect(r.trials.map((t) => t.params)).toEqual([
      { weights: 'uniform', nNeighbors: 1 },
      { weights: 'uniform', nNeighbors: 3 },
      { weights: 'distance', p: 1, nNeighbors: 5 },
      { weights: 'distance', p: 2, nNeighbors: 5 },
    ]);
    const [header, first] = parseCsvCells(r.toCSV());
    expect(header.slice(3, 6)).toEqual(['param_nNeighbors', 'param_p', 'param_weights']);
    expect(first.slice(3, 6)).toEqual(['1', '', 'uniform']);
  });

  it('the model as a hyperparameter: each candidate names its model, the refit uses the winner', async () => {
    const r = await tune({
      data,
      space: [
        { model: 'knn-classifier', nNeighbors: [1, 15] },
        { model: 'logistic-regression', C: [0.01, 1] },
      ],
      cv: { folds: 5, shuffle: true },
      preprocess: 'standardize',
      scoring: ['accuracy', 'logLoss'],
      pool,
    });
    expect(r.trials.map((t) => t.params)).toEqual([
      { model: 'knn-classifier', nNeighbors: 1 },
      { model: 'knn-classifier', nNeighbors: 15 },
      { model: 'logistic-regression', C: 0.01 },
      { model: 'logistic-regression', C: 1 },
    ]);
    expect(r.trials.every((t) => t.status === 'ok')).toBe(true);
    const { model: winner, ...hp } = r.best!.params;
    expect(r.model!.model).toBe(winner);
    expect(r.model!.hyperparameters).toEqual(hp);
    expect(r.model!.predict(iris.X)).toHaveLength(150);
  });
});

describe('clustering', () => {
  it('cv: false fits on all rows and scores unsupervised; the default for clustering is no CV', async () => {
    const blobs = twoGroups(40);
    const noCv = await tune({
      model: 'kmeans',
      data: { X: blobs.X },
      space: { nClusters: [2, 3, 4] },
      cv: false,
      scoring: ['silhouette', 'inertia', 'calinskiHarabasz'],
      pool,
    });
    expect(noCv.cv).toBeNull();
    expect(noCv.trials.every((t) => t.status === 'ok' && t.foldScores.length === 1)).toBe(true);
    // Two far-apart groups: two clusters separate them best by silhouette.
    expect(noCv.best!.params).toEqual({ nClusters: 2 });
    const byDefault = await tune({
      model: 'kmeans',
      data: { X: blobs.X },
      space: { nClusters: [2, 3, 4] },
      scoring: ['silhouette', 'inertia', 'calinskiHarabasz'],
      pool,
    });
    expect(withoutTimings(byDefault)).toEqual(withoutTimings(noCv));
    // Ground-truth labels, when given, feed the external metrics.
    const external = await tune({ model: 'kmeans', data: blobs, space: { nClusters: [2] }, scoring: ['adjustedRand', 'nmi'], pool });
    expect(external.trials[0].meanScore).toBe(1);
  });
});

describe('budgets and stoppedBecause', () => {
  const ten = { nNeighbors: int(1, 10) };

  it("grid capped by search.trials below the grid size: the first points, 'trials'", async () => {
    const r = await tune({ ...knn, space: ten, search: { strategy: 'grid', trials: 4 } });
    expect(r.stoppedBecause).toBe('trials');
    expect(r.trials.map((t) => t.params.nNeighbors)).toEqual([1, 2, 3, 4]);
  });

  it("a cap at or above the grid size stops nothing: 'completed'", async () => {
    for (const trials of [10, 50]) {
      const r = await tune({ ...knn, space: ten, search: { strategy: 'grid', trials } });
      expect(r.stoppedBecause).toBe('completed');
      expect(r.trials).toHaveLength(10);
    }
  });

  it('random search: distinct candidates; the whole grid once when trials exceed it', async () => {
    const part = await tune({ ...knn, space: ten, search: { strategy: 'random', trials: 4 }, seed: 3 });
    expect(part.stoppedBecause).toBe('trials');
    const ks = part.trials.map((t) => t.params.nNeighbors as number);
    expect(new Set(ks).size).toBe(4);
    const all = await tune({ ...knn, space: ten, search: { strategy: 'random', trials: 30 }, seed: 3 });
    expect(all.stoppedBecause).toBe('completed');
    expect(all.trials.map((t) => t.params.nNeighbors).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The same seed draws the same candidates in the same order; the cap takes a prefix of that order.
    expect(all.trials.slice(0, 4).map((t) => t.params.nNeighbors)).toEqual(ks);
  });

  it("random search over a continuous range: 'trials', distinct values inside the range", async () => {
    const r = await tune({ ...knn, space: { p: float(1, 3), nNeighbors: 5 }, search: { strategy: 'random', trials: 5 } });
    expect(r.stoppedBecause).toBe('trials');
    const ps = r.trials.map((t) => t.params.p as number);
    expect(new Set(ps).size).toBe(5);
    expect(ps.every((p) => p >= 1 && p <= 3)).toBe(true);
  });

  describe('timeoutMs', () => {
    const space = { nNeighbors: int(1, 40) };

    it('a budget that is never reached changes nothing (batched dispatch gives the same result)', async () => {
      const plain = await tune({ ...knn, space, cv: { folds: 3, shuffle: true } });
      const budgeted = await tune({ ...knn, space, cv: { folds: 3, shuffle: true }, timeoutMs: 120_000 });
      expect(budgeted.stoppedBecause).toBe('completed');
      expect(withoutTimings(budgeted)).toEqual(withoutTimings(plain));
    });

    it('when time is up: only finished candidates are listed and the refit still runs', async () => {
      const one = createPool({ workers: 1 });
      const timeoutMs = 1500;
      try {
        const t0 = performance.now();
        const r = await tune({
          ...knn,
          space,
          pool: one,
          timeoutMs,
          // The first finished candidate holds the main thread past the deadline, so the budget is spent
          // deterministically right after it, whatever the machine's speed.
          onTrial: () => {
            while (performance.now() < t0 + timeoutMs + 10) {
              // busy-wait: the deadline must pass before the pool asks for more work
            }
          },
        });
        expect(r.stoppedBecause).toBe('timeout');
        // One worker: the first batch is one candidate (5 folds); nothing else was dispatched before the deadline.
        expect(r.trials).toHaveLength(1);
        expect(r.trials[0].index).toBe(0);
        expect(r.trials[0].foldScores).toHaveLength(5);
        expect(r.trials[0].foldScores.every(Number.isFinite)).toBe(true);
        expect(r.best!.index).toBe(0);
        expect(r.model).not.toBeNull();
        expect(r.model!.hyperparameters).toEqual({ nNeighbors: 1 });
        expect(JSON.parse(JSON.stringify(r))).toEqual(r.toJSON());
      } finally {
        one.dispose();
      }
    });

    it('with two workers every listed trial is complete and fewer than all candidates finish', async () => {
      const t0 = performance.now();
      const r = await tune({
        ...knn,
        space,
        timeoutMs: 800,
        onTrial: () => {
          while (performance.now() < t0 + 810) {
            // busy-wait past the deadline (see above)
          }
        },
      });
      expect(r.stoppedBecause).toBe('timeout');
      expect(r.trials.length).toBeGreaterThanOrEqual(1);
      expect(r.trials.length).toBeLessThan(40);
      expect(r.trials.every((t) => t.foldScores.length === 5 && t.foldScores.every(Number.isFinite))).toBe(true);
      expect(r.model!.hyperparameters).toEqual(r.best!.params);
    });

    it('a budget spent before the first dispatch: no trials, no best, no model, no worker started', async () => {
      const own = createPool({ workers: 2 });
      // 60 000 rows take longer than 1 ms to validate, and the budget counts from the call.
      const rows = 60_000;
      const X = Array.from({ length: rows }, (_, i) => [i % 97, i % 89, i % 83, i % 79]);
      const y = X.map((r) => r[0] % 2);
      try {
        const r = await tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: [1, 3] }, timeoutMs: 1, pool: own });
        expect(r.stoppedBecause).toBe('timeout');
        expect(r.trials).toEqual([]);
        expect(r.best).toBeNull();
        expect(r.model).toBeNull();
        expect(own.liveWorkers).toBe(0);
      } finally {
        own.dispose();
      }
    });
  });
});
