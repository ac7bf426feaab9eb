/**
 * The tune() contract in Chromium through real Web Workers: validation before any worker, the JSON export with NaN
 * as null, and the same result with 1 or 2 workers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, int, TuneError } from '../../src/index';
import { parseCsv } from '../helpers/csv';
import irisCsv from '../fixtures/datasets/iris.csv?raw';

const iris = parseCsv(irisCsv);
const pools = [createPool({ workers: 1 }), createPool({ workers: 2 })];
afterAll(() => pools.forEach((p) => p.dispose()));

describe('tune() contract in the browser', () => {
  it('bad input rejects with its code before any Web Worker starts', async () => {
    const pool = createPool({ workers: 2 });
    try {
      const cases: [Record<string, unknown>, string][] = [
        [{ data: { X: [[1], ['a']], y: [0, 1] }, space: {} }, 'DATA_NOT_NUMERIC'],
        [{ data: { X: iris.X, y: iris.y }, space: { nNeighbors: int(0, 3) } }, 'INVALID_HYPERPARAMETER'],
        [{ data: { X: iris.X, y: iris.y }, space: {}, cv: { holdout: 2 } }, 'INVALID_HOLDOUT'],
        [{ data: { X: iris.X, y: iris.y }, space: {}, scoring: 'r2' }, 'METRIC_MISMATCH'],
      ];
      for (const [opts, code] of cases) {
        const t0 = performance.now();
        const error = await tune({ model: 'knn-classifier', pool, ...opts } as never).then(() => null, (e: unknown) => e);
        expect(error).toBeInstanceOf(TuneError);
        expect((error as TuneError).code).toBe(code);
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(pool.liveWorkers).toBe(0);
      }
    } finally {
      pool.dispose();
    }
  });

  it('same seed, same result with 1 and 2 workers; JSON round-trips with NaN as null', async () => {
    // Setosa vs versicolor with fold 0 testing setosa only: ROC AUC is NaN there.
    const X = iris.X.slice(0, 100);
    const y = iris.y.slice(0, 100);
    const foldIds = y.map((label, i) => (label === 0 && i < 20 ? 0 : 1 + (i % 3)));
    const run = (pool: (typeof pools)[number]) =>
      tune({
        model: 'knn-classifier',
        data: { X, y },
        space: { nNeighbors: [1, 3, 5], weights: ['uniform', 'distance'] },
        cv: { foldIds },
        scoring: ['accuracy', 'rocAuc'],
        pool,
      });
    const [one, two] = [await run(pools[0]), await run(pools[1])];
    const strip = (r: Awaited<ReturnType<typeof run>>) => {
      const { elapsedMs: _e, workers: _w, ...rest } = r.toJSON();
      return { ...rest, trials: rest.trials.map(({ fitMs: _f, scoreMs: _s, startedAt: _a, finishedAt: _b, worker: _k, spans: _p, ...t }) => t) };
    };
    expect(strip(two)).toEqual(strip(one));
    const parsed = JSON.parse(JSON.stringify(one)) as ReturnType<typeof one.toJSON>;
    expect(parsed).toEqual(one.toJSON());
    expect(parsed.trials[0].metrics.rocAuc.folds[0]).toBeNull();
    expect(one.trials[0].metrics.rocAuc.folds[0]).toBeNaN();
  });
});
