/**
 * Conformance of every strategy through tune() on the worker pool: the budget is respected, a finite space is never
 * repeated, and the trials are identical with 1, 2 and 4 workers (the fixed-lag rule), adaptive strategies included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, int, float, type TuneOptions, type TuneResult } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const pools = [1, 2, 4].map((workers) => createPool({ workers }));
afterAll(() => Promise.all(pools.map((p) => p.dispose())));

const base: Omit<TuneOptions, 'search'> = {
  model: 'logistic-regression',
  data: { X: iris.X, y: iris.y },
  space: { C: float(1e-3, 1e2, { log: true }), maxIter: int(20, 200, { step: 20 }) },
  cv: { folds: 3, shuffle: true, seed: 1 },
  preprocess: 'standardize',
  seed: 5,
  refit: false,
};
const rows = (r: TuneResult): string => JSON.stringify(r.trials.map((t) => [t.index, t.params, t.meanScore, t.status]));

describe.each(['random', 'tpe', 'gp'] as const)('%s through tune()', (strategy) => {
  it('same trials with 1, 2 and 4 workers; budget respected', async () => {
    const search = strategy === 'random' ? { strategy, trials: 14 } : { strategy, trials: 14, startupTrials: 4 };
    const results = await Promise.all(pools.map((pool) => tune({ ...base, search, pool })));
    expect(results[0].trials).toHaveLength(14);
    expect(results[0].stoppedBecause).toBe('trials');
    expect(rows(results[1])).toBe(rows(results[0]));
    expect(rows(results[2])).toBe(rows(results[0]));
  });

  it('never repeats a candidate of a finite space and stops when it is exhausted', async () => {
    const search = strategy === 'random' ? { strategy, trials: 30 } : { strategy, trials: 30, startupTrials: 3 };
    const r = await tune({ ...base, space: { C: [0.01, 0.1, 1, 10], maxIter: [50, 100] }, search, pool: pools[1] });
    expect(r.trials).toHaveLength(8);
    expect(new Set(r.trials.map((t) => JSON.stringify(t.params))).size).toBe(8);
    expect(r.stoppedBecause).toBe('completed');
  });
});

describe('adaptive search in tune()', () => {
  it('TPE learns: its last trials beat the random start on average (KNN on iris)', async () => {
    const r = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: int(1, 100), weights: ['uniform', 'distance'], p: [1, 2] },
      search: { strategy: 'tpe', trials: 40 },
      cv: { folds: 5, shuffle: true, seed: 3 },
      seed: 1,
      pool: pools[1],
    });
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(r.trials.slice(30).map((t) => t.meanScore))).toBeGreaterThan(mean(r.trials.slice(0, 10).map((t) => t.meanScore)));
    expect(r.model).not.toBeNull();
    const imp = r.importance();
    expect(Object.keys(imp).sort()).toEqual(['nNeighbors', 'p', 'weights']);
  });

  it('patience ends a tune() search in candidate order; abort and timeout keep their meaning', async () => {
    const r = await tune({ ...base, search: { strategy: 'tpe', trials: 200, patience: 5 }, pool: pools[1] });
    expect(r.stoppedBecause).toBe('patience');
    expect(r.trials.length).toBeLessThan(200);
    const again = await tune({ ...base, search: { strategy: 'tpe', trials: 200, patience: 5 }, pool: pools[2] });
    expect(rows(again)).toBe(rows(r));
    const timed = await tune({ ...base, search: { strategy: 'tpe', trials: 100_000 }, timeoutMs: 300, pool: pools[1] });
    expect(timed.stoppedBecause).toBe('timeout');
    const ac = new AbortController();
    const aborted = tune({ ...base, search: { strategy: 'tpe', trials: 100_000 }, signal: ac.signal, pool: pools[1], onTrial: (t) => t.index === 5 && ac.abort() });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('grid through tune()', () => {
  it('every candidate once, in grid order, identical with 1, 2 and 4 workers', async () => {
    const space = { C: [0.01, 0.1, 1, 10], maxIter: [50, 100], fitIntercept: [true, false] };
    const results = await Promise.all(pools.map((pool) => tune({ ...base, space, search: { strategy: 'grid' }, pool })));
    const r = results[0];
    expect(r.trials).toHaveLength(16);
    expect(new Set(r.trials.map((t) => JSON.stringify(t.params))).size).toBe(16);
    expect(r.trials.map((t) => t.index)).toEqual([...Array(16).keys()]);
    expect(r.stoppedBecause).toBe('completed');
    expect(rows(results[1])).toBe(rows(r));
    expect(rows(results[2])).toBe(rows(r));
  });
});
