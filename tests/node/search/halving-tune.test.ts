/** Successive halving and Hyperband through tune(): resources rows, epochs and folds on the worker pool. */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, int, float, TuneError, type TuneResult } from '../../../src/index.node';
import { halvingSchedule } from '../../../src/search/halving';
import { loadDataset } from '../../helpers/fixtures';

const digits = loadDataset('digits');
const iris = loadDataset('iris');
const pools = [1, 2, 4].map((workers) => createPool({ workers }));
afterAll(() => Promise.all(pools.map((p) => p.dispose())));
const rows = (r: TuneResult): string => JSON.stringify(r.trials.map((t) => [t.index, t.params, t.meanScore, t.status, t.resource, t.rungs]));

describe('halving on rows', () => {
  const opts = {
    model: 'knn-classifier' as const,
    data: { X: digits.X, y: digits.y },
    space: { nNeighbors: int(1, 9), weights: ['uniform', 'distance'], p: [1, 2] },
    search: { strategy: 'halving' as const, factor: 3 },
    cv: { folds: 3, shuffle: true, seed: 1 },
    seed: 2,
  };

  it("follows scikit-learn's schedule; only candidates of the last rung rank; the same with 1, 2 and 4 workers", async () => {
    const [a, b, c] = await Promise.all(pools.map((pool) => tune({ ...opts, pool })));
    expect(rows(b)).toBe(rows(a));
    expect(rows(c)).toBe(rows(a));
    const schedule = halvingSchedule({ nCandidates: 36, factor: 3, minResources: 'exhaust', nSamples: digits.X.length, resource: 'rows', nSplits: 3, nClasses: 10 });
    const last = schedule.iterations.at(-1)!;
    const complete = a.trials.filter((t) => t.status === 'ok');
    expect(complete).toHaveLength(last.nCandidates);
    expect(complete.every((t) => t.resource === last.nResources)).toBe(true);
    expect(a.trials).toHaveLength(36);
    const pruned = a.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBe(36 - last.nCandidates);
    // Every rung's count matches the schedule.
    schedule.iterations.forEach((it, r) => expect(a.trials.filter((t) => t.rungs!.some((g) => g.rung === r)).length).toBe(it.nCandidates));
    expect(a.best!.index).toBe(complete.find((t) => t.rank === 1)!.index);
    expect(Math.min(...pruned.map((t) => t.rank))).toBeGreaterThan(Math.max(...complete.map((t) => t.rank)));
    expect(a.model).not.toBeNull();
  });
});

describe('halving on folds and Hyperband on epochs', () => {
  it('folds: a promoted candidate keeps the folds it already ran', async () => {
    const r = await tune({
      model: 'logistic-regression',
      data: { X: iris.X, y: iris.y },
      space: { C: [0.001, 0.01, 0.1, 1, 10, 100] },
      search: { strategy: 'halving', factor: 2, resource: 'folds', minResource: 1 },
      cv: { folds: 4, shuffle: true, seed: 3 },
      preprocess: 'standardize',
      pool: pools[1],
    });
    const complete = r.trials.filter((t) => t.status === 'ok');
    expect(complete.length).toBeGreaterThan(0);
    for (const t of complete) expect(t.foldScores).toHaveLength(t.resource!);
    // Rung 0 ran one fold; a promoted candidate's trial still holds that fold's score first, and every rung's score
    // is the mean of the folds it had.
    const promoted = r.trials.filter((t) => t.rungs!.length > 1);
    expect(promoted.length).toBeGreaterThan(0);
    for (const t of promoted) {
      expect(t.rungs![0].resource).toBe(1);
      expect(t.rungs![0].score).toBe(t.foldScores[0]);
      const last = t.rungs!.at(-1)!;
      expect(last.score).toBeCloseTo(t.foldScores.slice(0, last.resource).reduce((a, b) => a + b, 0) / last.resource, 12);
    }
  });

  it("hyperband on epochs: Li et al.'s brackets, the best trained with the full epochs", async () => {
    const r = await tune({
      model: 'sgd-classifier',
      data: { X: iris.X, y: iris.y },
      space: { alpha: float(1e-5, 1e-1, { log: true }), eta0: float(1e-3, 1, { log: true }), learningRate: 'constant' },
      search: { strategy: 'hyperband', resource: 'epochs', maxResource: 9, factor: 3 },
      cv: { folds: 3, shuffle: true, seed: 1 },
      preprocess: 'standardize',
      seed: 4,
      pool: pools[1],
    });
    // Brackets for R = 9, eta = 3: s = 2 (9 candidates), s = 1 (5), s = 0 (3).
    expect(r.trials).toHaveLength(17);
    expect(r.trials.filter((t) => t.status === 'ok').every((t) => t.resource === 9)).toBe(true);
    expect(r.model!.hyperparameters.epochs).toBe(9);
  });

  it('bad input: a resource the model lacks, factor < 2, minResource > maxResource, optimize() halving', async () => {
    const code = async (p: Promise<unknown>): Promise<string> => ((await p.catch((e: unknown) => e)) as TuneError).code;
    const base = { model: 'knn-classifier' as const, data: { X: iris.X, y: iris.y }, space: { nNeighbors: [1, 3] }, pool: pools[1] };
    expect(await code(tune({ ...base, search: { strategy: 'halving', resource: 'epochs' } }))).toBe('RESOURCE_NOT_SUPPORTED');
    expect(await code(tune({ ...base, search: { strategy: 'halving', factor: 1 } }))).toBe('INVALID_FACTOR');
    expect(await code(tune({ ...base, search: { strategy: 'hyperband', resource: 'rows', maxResource: 10, minResource: 20 } }))).toBe('MIN_RESOURCE_TOO_LARGE');
  });
});

describe('search.pruner in tune(): fold by fold', () => {
  it('prunes hopeless candidates after a fold or two, the same with 1, 2 and 4 workers', async () => {
    const run = (pool: (typeof pools)[number]) =>
      tune({
        model: 'sgd-classifier',
        data: { X: iris.X, y: iris.y },
        space: { alpha: float(1e-6, 10, { log: true }), eta0: float(1e-4, 1, { log: true }), learningRate: 'constant' },
        search: { strategy: 'random', trials: 30, pruner: { kind: 'median', startupTrials: 3 } },
        cv: { folds: 5, shuffle: true, seed: 1 },
        preprocess: 'standardize',
        seed: 7,
        pool,
      });
    const [a, b, c] = await Promise.all(pools.map(run));
    expect(rows(b)).toBe(rows(a));
    expect(rows(c)).toBe(rows(a));
    const pruned = a.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect(t.resource).toBeLessThan(5);
      expect(t.foldScores.slice(t.resource).every(Number.isNaN)).toBe(true);
      expect(t.meanScore).toBeCloseTo(t.foldScores.slice(0, t.resource).reduce((x, y) => x + y, 0) / t.resource!, 12);
    }
    const ok = a.trials.filter((t) => t.status === 'ok');
    expect(Math.min(...pruned.map((t) => t.rank))).toBeGreaterThan(Math.max(...ok.map((t) => t.rank)));
    expect(a.best!.index).toBe(ok.find((t) => t.rank === 1)!.index);
  });
});
