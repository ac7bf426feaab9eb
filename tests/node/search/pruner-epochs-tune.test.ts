/**
 * search.pruner with resource 'epochs' through tune(): each fold of an SGD / MLP candidate is judged after every
 * epoch against the same fold's per-epoch test scores of earlier complete candidates (Optuna's median rule), and cut
 * inside the worker. The same trials with 1 and 2 workers; pruned trials carry the epochs they ran.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, float, optimize, TuneError, type TuneResult } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const wine = loadDataset('wine');
const pools = [1, 2].map((workers) => createPool({ workers }));
afterAll(() => Promise.all(pools.map((p) => p.dispose())));
const rows = (r: TuneResult): string => JSON.stringify(r.trials.map((t) => [t.index, t.params, t.foldScores, t.status, t.resource, t.rungs]));

const sgd = {
  model: 'sgd-classifier' as const,
  data: { X: wine.X, y: wine.y },
  space: { alpha: float(1e-6, 10, { log: true }), eta0: float(1e-5, 1, { log: true }), learningRate: 'constant', epochs: 30, tol: 0, nIterNoChange: 1000 },
  search: { strategy: 'random' as const, trials: 24, pruner: { kind: 'median' as const, resource: 'epochs' as const, startupTrials: 4, warmupSteps: 2 } },
  cv: { folds: 3, shuffle: true, seed: 1 },
  preprocess: 'standardize' as const,
  seed: 3,
};

describe("search.pruner over epochs in tune()", () => {
  it('cuts hopeless SGD candidates inside their fits, the same with 1 and 2 workers', async () => {
    const [a, b] = await Promise.all(pools.map((pool) => tune({ ...sgd, pool })));
    expect(rows(b)).toBe(rows(a));
    const pruned = a.trials.filter((t) => t.status === 'pruned');
    const complete = a.trials.filter((t) => t.status === 'ok');
    expect(pruned.length).toBeGreaterThan(0);
    expect(complete.length).toBeGreaterThanOrEqual(4);
    for (const t of pruned) {
      // Some fold stopped before the 30 epochs, after the warm-up; its per-epoch means are the rungs.
      expect(t.resource).toBeGreaterThanOrEqual(3);
      expect(t.rungs!.length).toBeGreaterThanOrEqual(3);
      expect(t.rungs!.length).toBeLessThanOrEqual(30);
      expect(t.rungs!.some((r) => r.resource < 30) || t.resource! < 30).toBe(true);
    }
    // The first startupTrials candidates can only be references: none of them is pruned.
    expect(a.trials.slice(0, 4).every((t) => t.status === 'ok')).toBe(true);
    // Ranking: pruned trials after every complete one, and best is complete.
    expect(a.trials[a.best!.index].status).toBe('ok');
    expect(Math.min(...pruned.map((t) => t.rank))).toBeGreaterThan(Math.max(...complete.map((t) => t.rank)));
  });

  it('without the pruner the same candidates run every epoch (the cuts came from the rule)', async () => {
    const plain = await tune({ ...sgd, search: { strategy: 'random', trials: 24 }, pool: pools[1] });
    const cut = await tune({ ...sgd, pool: pools[1] });
    expect(plain.trials.map((t) => t.params)).toEqual(cut.trials.map((t) => t.params));
    expect(plain.trials.every((t) => t.status === 'ok')).toBe(true);
    // Complete trials are the same fits either way: cutting others never changes them.
    for (const t of cut.trials.filter((x) => x.status === 'ok')) expect(t.foldScores).toEqual(plain.trials[t.index].foldScores);
  });

  const mlp = {
    model: 'mlp-classifier' as const,
    data: { X: wine.X, y: wine.y },
    space: { hiddenLayerSizes: [[4], [16]], learningRateInit: float(1e-5, 1e-1, { log: true }), maxIter: 20, tol: 0, nIterNoChange: 1000 },
    search: { strategy: 'random' as const, trials: 14, pruner: { kind: 'median' as const, resource: 'epochs' as const, startupTrials: 3 } },
    cv: { folds: 3, shuffle: true, seed: 2 },
    preprocess: 'standardize' as const,
    seed: 8,
  };

  it('MLP candidates are judged per epoch too, the same with 1 and 2 workers', async () => {
    const [a, b] = await Promise.all(pools.map((pool) => tune({ ...mlp, pool })));
    expect(rows(b)).toBe(rows(a));
    const pruned = a.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) {
      expect(t.rungs!.length).toBeGreaterThan(0);
      expect(t.resource).toBeLessThanOrEqual(20);
    }
    // Complete candidates are the fits a search without the pruner makes.
    const plain = await tune({ ...mlp, search: { strategy: 'random', trials: 14 }, pool: pools[1] });
    for (const t of a.trials.filter((x) => x.status === 'ok')) expect(t.foldScores).toEqual(plain.trials[t.index].foldScores);
  });

  it("MLP lbfgs is judged per iteration (its epoch: maxIter counts iterations)", async () => {
    const r = await tune({
      ...mlp,
      space: { solver: 'lbfgs', hiddenLayerSizes: [[4]], alpha: float(1e-4, 30, { log: true }), maxIter: 25, tol: 0 },
      pool: pools[1],
    });
    const pruned = r.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.rungs!.length).toBeGreaterThan(0);
    expect(r.trials[r.best!.index].status).toBe('ok');
  });

  it('bad input: a model without epochs, no CV, optimize(), an unknown resource', async () => {
    const code = async (p: Promise<unknown>): Promise<string> => ((await p.catch((e: unknown) => e)) as TuneError).code;
    const pruner = { kind: 'median' as const, resource: 'epochs' as const };
    expect(await code(tune({ model: 'knn-classifier', data: { X: wine.X, y: wine.y }, space: { nNeighbors: [1, 3] }, search: { strategy: 'random', trials: 2, pruner }, pool: pools[1] }))).toBe('RESOURCE_NOT_SUPPORTED');
    expect(await code(tune({ ...sgd, cv: false, pool: pools[1] }))).toBe('CV_REQUIRED');
    expect(await code(optimize(() => 1, { space: { x: float(0, 1) }, search: { strategy: 'random', trials: 2, pruner } }))).toBe('INVALID_PRUNER');
    const e = await tune({ ...sgd, search: { strategy: 'random', trials: 2, pruner: { kind: 'median', resource: 'rows' as never } }, pool: pools[1] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).message).toMatch(/resource must be 'folds'.*or 'epochs'/);
  });
});
