/**
 * Warm-started regularisation paths (tune({ warmStart: true }), lasso and elastic net): the chain mechanism in the
 * trainer (a fit starts from the previous solution and hands its own on), and through tune(): same optimum as cold
 * starts within the solver's tolerance, and results that do not depend on the worker count.
 */
import { describe, it, expect } from 'vitest';
import { tune, createPool } from '../../../../src/index.node';
import { lasso } from '../../../../src/estimators/lasso';
import { elasticNet } from '../../../../src/estimators/elastic-net';
import { loadDataset } from '../../../helpers/fixtures';
import { context, debugKernels, randomMatrix, side } from './debug-context';
import { WorkerRuntime } from '../../../../src/worker/runtime';
import type { TrialOutcome, TrialTask } from '../../../../src/worker/protocol';
import { debugModule } from '../../../helpers/debug-kernels';

describe('warm start in the coordinate-descent trainer', () => {
  const X = randomMatrix(120, 8, 3);
  const y = X.map((r, i) => 2 * r[0] - r[3] + 0.5 * r[5] + 0.01 * ((i * 37) % 11));

  it('starts from the previous fit and hands its solution on: fewer epochs, same optimum to tolerance', () => {
    const k = debugKernels();
    const s = side(k, X, y);
    const tol = 1e-10;
    const cold = lasso.trainer.fit(context(k), s, { alpha: 0.01, tol, maxIter: 100000 });
    const warm = { value: null as unknown };
    lasso.trainer.fit({ ...context(k), warm }, s, { alpha: 0.012, tol, maxIter: 100000 });
    expect(warm.value).not.toBeNull(); // the neighbour's solution was handed on
    const warmed = lasso.trainer.fit({ ...context(k), warm }, s, { alpha: 0.01, tol, maxIter: 100000 });
    expect(warmed.nIter as number).toBeLessThan(cold.nIter as number);
    const a = cold.coef as Float64Array;
    const b = warmed.coef as Float64Array;
    for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-6);
  });

  it('ignores a handed-on solution of another shape or centring (starts cold)', () => {
    const k = debugKernels();
    const s = side(k, X, y);
    const cold = lasso.trainer.fit(context(k), s, { alpha: 0.05 });
    const wrongShape = { value: { cols: 3, fitIntercept: true, coef: new Float64Array(3).fill(9) } as unknown };
    const a = lasso.trainer.fit({ ...context(k), warm: wrongShape }, s, { alpha: 0.05 });
    expect(a.nIter).toBe(cold.nIter);
    expect(a.coef).toEqual(cold.coef);
    const otherCentring = { value: { cols: 8, fitIntercept: false, coef: new Float64Array(8).fill(9) } as unknown };
    const b = lasso.trainer.fit({ ...context(k), warm: otherCentring }, s, { alpha: 0.05 });
    expect(b.coef).toEqual(cold.coef);
  });

  it('chains only candidates that differ in alpha, strongest penalty first', () => {
    const key = elasticNet.warmPath!.key;
    expect(key({ alpha: 1, l1Ratio: 0.5 })).toBe(key({ alpha: 0.01, l1Ratio: 0.5 }));
    expect(key({ alpha: 1, l1Ratio: 0.5 })).not.toBe(key({ alpha: 1, l1Ratio: 0.2 }));
    expect(key({ alpha: 1, fitIntercept: true })).not.toBe(key({ alpha: 1, fitIntercept: false }));
    const order = lasso.warmPath!.order;
    expect(order({ alpha: 10 })).toBeLessThan(order({ alpha: 0.1 }));
  });
});

describe('tune({ warmStart: true })', () => {
  const d = loadDataset('diabetes');
  const alphas = Array.from({ length: 24 }, (_, i) => 10 ** (-4 + (5 * i) / 23));
  const base = {
    data: { X: d.X, y: d.y },
    cv: { folds: 5, shuffle: true, seed: 3 },
    refit: false,
  } as const;

  it('finds the cold-start optimum to within the tolerance and picks the same candidate (lasso, elastic net)', async () => {
    for (const [model, space] of [
      ['lasso', { alpha: alphas, tol: 1e-8 }],
      ['elastic-net', { alpha: alphas.slice(0, 12), l1Ratio: [0.2, 0.8], tol: 1e-8 }],
    ] as const) {
      const cold = await tune({ ...base, model, space, workers: 2 });
      const warm = await tune({ ...base, model, space, workers: 2, warmStart: true });
      expect(warm.trials).toHaveLength(cold.trials.length);
      for (let i = 0; i < cold.trials.length; i++) {
        expect(warm.trials[i].params).toEqual(cold.trials[i].params);
        for (let f = 0; f < 5; f++) expect(Math.abs(warm.trials[i].foldScores[f] - cold.trials[i].foldScores[f])).toBeLessThan(1e-6);
      }
      expect(warm.best!.params).toEqual(cold.best!.params);
      // ...and the paths really ran warm: starting elsewhere, coordinate descent stops at a (slightly) different point.
      expect(warm.trials.some((t, i) => t.foldScores.some((v, f) => !Object.is(v, cold.trials[i].foldScores[f])))).toBe(true);
    }
  });

  it('gives bit-identical results with 1, 2 and 3 workers', async () => {
    const pool = createPool({ workers: 3 });
    try {
      const runs: Awaited<ReturnType<typeof tune>>[] = [];
      for (const workers of [1, 2, 3]) {
        runs.push(await tune({ ...base, model: 'lasso', space: { alpha: alphas }, pool, workers, warmStart: true }));
      }
      for (const r of runs.slice(1)) {
        r.trials.forEach((t, i) => t.foldScores.forEach((s, f) => expect(Object.is(s, runs[0].trials[i].foldScores[f])).toBe(true)));
      }
    } finally {
      pool.dispose();
    }
  });

});

describe('WorkerRuntime.runPath', () => {
  const d = loadDataset('diabetes');
  const rows = d.X.length;
  const cols = d.X[0].length;
  const X = new Float64Array(rows * cols);
  d.X.forEach((r, i) => X.set(r, i * cols));
  const foldIds = Int32Array.from({ length: rows }, (_, i) => i % 3);
  const task = (alpha: number): TrialTask => ({
    datasetId: 'd',
    model: 'lasso',
    params: { alpha },
    split: 0,
    fold: 1,
    preprocess: 'standardize',
    metrics: ['r2'],
    seed: 1,
    hints: {},
  });
  const runtime = (): WorkerRuntime => {
    const rt = new WorkerRuntime();
    rt.init(debugModule());
    rt.loadDataset({ id: 'd', rowsId: 'r', X, rows, cols, y: Float64Array.from(d.y), classes: null, splits: [foldIds] });
    return rt;
  };

  it('a failing fit fails alone and the chain restarts cold after it', () => {
    const rt = runtime();
    // alpha < 0 trips the kernel's argument assert (the debug build): that fit throws inside the chain.
    const out = rt.runPath([task(1), task(-1), task(0.1), task(0.01)]);
    expect('error' in out[1]).toBe(true);
    const cold = rt.runTrial(task(0.1));
    expect((out[2] as TrialOutcome).scores.r2).toBe(cold.scores.r2); // bit for bit: it started from zero
    expect('error' in out[3]).toBe(false);
    const warmed = rt.runPath([task(0.1), task(0.01)]);
    expect((warmed[1] as TrialOutcome).scores.r2).toBe((out[3] as TrialOutcome).scores.r2); // same chain, same start
  });
});
