/**
 * The same seed gives the same result, every field but the timings and the worker count, with 1, 2 or 4 workers:
 * every random choice derives from (seed, candidate, split, fold), never from which worker ran what.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, int, float, type TuneOptions, type TuneResult } from '../../../src/index.node';
import { iris, withoutTimings } from './helpers';

const pools = [1, 2, 4].map((workers) => createPool({ workers }));
afterAll(() => pools.forEach((p) => p.dispose()));

async function acrossPools(opts: TuneOptions): Promise<TuneResult[]> {
  const results: TuneResult[] = [];
  for (const pool of pools) results.push(await tune({ ...opts, pool }));
  return results;
}

const data = { X: iris.X, y: iris.y };

describe('reproducibility across worker counts', () => {
  it('grid search, knn-classifier on iris, shuffled repeated CV, several metrics', async () => {
    const opts: TuneOptions = {
      model: 'knn-classifier',
      data,
      space: { nNeighbors: int(1, 12), weights: ['uniform', 'distance'], p: [1, 2] },
      cv: { folds: 5, shuffle: true, repeats: 2 },
      scoring: ['accuracy', 'logLoss', 'f1Macro'],
      seed: 42,
    };
    const [one, two, four] = await acrossPools(opts);
    expect([one.workers, two.workers, four.workers]).toEqual([1, 2, 4]);
    expect(pools.map((p) => p.liveWorkers)).toEqual([1, 2, 4]);
    expect(one.trials).toHaveLength(48);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    expect(withoutTimings(four)).toEqual(withoutTimings(one));
  });

  it('random search over integer, continuous and listed values', async () => {
    const opts: TuneOptions = {
      model: 'knn-classifier',
      data,
      space: { nNeighbors: int(1, 30, { log: true }), p: float(1, 4), weights: ['uniform', 'distance'] },
      search: { strategy: 'random', trials: 12 },
      cv: { folds: 4, shuffle: true },
      preprocess: 'standardize',
      seed: 7,
    };
    const [one, two, four] = await acrossPools(opts);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    expect(withoutTimings(four)).toEqual(withoutTimings(one));
    // The seed matters: another one draws other candidates and other folds.
    const other = await tune({ ...opts, seed: 8, pool: pools[1] });
    expect(other.trials.map((t) => t.params)).not.toEqual(one.trials.map((t) => t.params));
  });

  it('a stochastic model (sgd-classifier) gives identical scores and learned parameters', async () => {
    const opts: TuneOptions = {
      model: 'sgd-classifier',
      data,
      space: { alpha: [0.0001, 0.01], loss: ['hinge', 'log_loss'] },
      cv: { folds: 3, shuffle: true },
      preprocess: 'standardize',
      seed: 5,
    };
    const [one, two, four] = await acrossPools(opts);
    expect(one.trials.every((t) => t.status === 'ok')).toBe(true);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    expect(withoutTimings(four)).toEqual(withoutTimings(one));
  });
});
