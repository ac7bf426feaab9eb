/**
 * Halving and Hyperband on epochs continue a promoted SGD / MLP candidate from the fit its previous rung ended with
 * (search.resume, default true) instead of retraining it. The contract: the same trials, scores and refit model as
 * retraining every rung from scratch (resume: false), with any worker count. The worker side of the hand-over is
 * checked in tests/node/worker/checkpoint-runtime.test.ts, the continuation itself in the estimators' resume tests.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, float, type TuneResult, TuneError } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const wine = loadDataset('wine');
const iris = loadDataset('iris');
const pools = [1, 2].map((workers) => createPool({ workers }));
afterAll(() => Promise.all(pools.map((p) => p.dispose())));
const rows = (r: TuneResult): string => JSON.stringify(r.trials.map((t) => [t.index, t.params, t.foldScores, t.status, t.resource, t.rungs]));
const learned = (r: TuneResult): string => JSON.stringify(Object.entries(r.model!.parameters).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));

describe('epochs searches continue promoted fits', () => {
  it('Hyperband over SGD: resumed = retrained, with 1 and 2 workers', async () => {
    const opts = {
      model: 'sgd-classifier' as const,
      data: { X: wine.X, y: wine.y },
      space: { alpha: float(1e-5, 1e-1, { log: true }), eta0: float(1e-3, 0.3, { log: true }), learningRate: 'invscaling', loss: ['hinge', 'log_loss'], tol: 0 },
      search: { strategy: 'hyperband' as const, resource: 'epochs' as const, maxResource: 27, factor: 3 },
      cv: { folds: 3, shuffle: true, seed: 1 },
      preprocess: 'standardize' as const,
      seed: 5,
    };
    const resumed = await tune({ ...opts, pool: pools[1] });
    const retrained = await tune({ ...opts, search: { ...opts.search, resume: false }, pool: pools[1] });
    const oneWorker = await tune({ ...opts, pool: pools[0] });
    expect(rows(resumed)).toBe(rows(retrained));
    expect(rows(oneWorker)).toBe(rows(resumed));
    expect(learned(resumed)).toBe(learned(retrained));
    // Promotions happened: some candidate ran three rungs (3 -> 9 -> 27 epochs).
    expect(resumed.trials.some((t) => t.rungs!.length === 3)).toBe(true);
    expect((resumed.model!.parameters.lossCurve as Float64Array).length).toBe(resumed.model!.parameters.nIter);
  });

  it('halving over an MLP: resumed = retrained', async () => {
    const opts = {
      model: 'mlp-classifier' as const,
      data: { X: iris.X, y: iris.y },
      space: { hiddenLayerSizes: [[4], [8]], learningRateInit: [0.001, 0.01, 0.05], tol: 0 },
      search: { strategy: 'halving' as const, resource: 'epochs' as const, factor: 2, minResource: 4, maxResource: 16 },
      cv: { folds: 3, shuffle: true, seed: 2 },
      preprocess: 'standardize' as const,
      seed: 6,
      pool: pools[1],
    };
    const resumed = await tune(opts);
    const retrained = await tune({ ...opts, search: { ...opts.search, resume: false } });
    expect(rows(resumed)).toBe(rows(retrained));
    expect(resumed.trials.some((t) => t.rungs!.length >= 2)).toBe(true);
  });

  it('search.resume must be a boolean', async () => {
    const e = await tune({
      model: 'sgd-classifier',
      data: { X: iris.X, y: iris.y },
      space: { alpha: [1e-4, 1e-3] },
      search: { strategy: 'halving', resource: 'epochs', resume: 'yes' as unknown as boolean },
      pool: pools[1],
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).code).toBe('INVALID_HALVING');
    expect((e as TuneError).message).toMatch(/resume must be true/);
  });
});
