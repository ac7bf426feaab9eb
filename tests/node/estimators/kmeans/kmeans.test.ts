/**
 * The kmeans estimator: seeding and best-of-nInit in the worker-side engine, and the public tune() path.
 * Known scikit-learn values on iris (KMeans converges to the same partitions from any reasonable seeding):
 * calinski_harabasz_score 513.92454598 (k = 2) and 561.62775663 (k = 3), inertia_ 78.851441426146 (k = 3).
 */
import { describe, it, expect } from 'vitest';
import { tune } from '../../../../src/index.node';
import { createKernels, type Kernels } from '../../../../src/worker/kernels';
import { fitKmeans, lloydFromCentres, nearestCentres, kmeansSettings } from '../../../../src/estimators/kmeans-core';
import { kmeans } from '../../../../src/estimators/kmeans';
import { calinskiHarabasz } from '../../../../src/metrics/clustering-internal';
import type { FoldSide, TrainContext } from '../../../../src/estimators/types';
import { loadDataset } from '../../../helpers/fixtures';

const iris = loadDataset('iris');
const d = iris.X[0].length;
const irisValues = Float64Array.from(iris.X.flat());

function withSide(rows: number[][]): { kernels: Kernels; side: FoldSide } {
  const kernels = createKernels();
  const ptr = kernels.arena.allocF64(Float64Array.from(rows.flat()));
  return { kernels, side: { ptr, rows: rows.length, cols: rows[0].length, y: null } };
}

function context(kernels: Kernels, seed: number): TrainContext {
  return { kernels, foldCache: new Map(), seed, hints: {}, classes: null };
}

describe('kmeans through tune()', () => {
  it('cv: false over nClusters on iris, ranked by calinskiHarabasz, matches scikit-learn and picks k = 3', async () => {
    const result = await tune({
      model: 'kmeans',
      data: { X: iris.X },
      space: { nClusters: [2, 3, 4, 5, 6] },
      cv: false,
      scoring: ['calinskiHarabasz', 'inertia'],
      seed: 7,
    });
    expect(result.trials.every((t) => t.status === 'ok')).toBe(true);
    const byK = new Map(result.trials.map((t) => [t.params.nClusters, t]));
    expect(byK.get(2)!.meanScore).toBeCloseTo(513.92454598, 6);
    expect(byK.get(3)!.meanScore).toBeCloseTo(561.62775663, 6);
    expect(byK.get(3)!.metrics.inertia.mean).toBeCloseTo(78.851441426146, 9);
    // Inertia always falls as k grows: that is why calinskiHarabasz, not inertia, ranks this search.
    const inertias = [2, 3, 4, 5, 6].map((k) => byK.get(k)!.metrics.inertia.mean);
    for (let i = 1; i < inertias.length; i++) expect(inertias[i]).toBeLessThan(inertias[i - 1]);
    expect(result.best!.params.nClusters).toBe(3);

    const model = result.model!;
    const p = model.parameters;
    expect(model.hyperparameters.nClusters).toBe(3); // a hyperparameter: not among the learned parameters
    expect(p.nClusters).toBeUndefined();
    expect((p.centroids as Float64Array).length).toBe(3 * d);
    expect(p.inertia as number).toBeCloseTo(78.851441426146, 9);
    expect(p.nIter as number).toBeGreaterThanOrEqual(1);
    // Main-thread prediction (pure TS) reproduces the kernel's training labels.
    const pred = model.predict(iris.X);
    expect([...pred]).toEqual([...(p.labels as Int32Array)]);
    expect(calinskiHarabasz({ values: irisValues, rows: iris.X.length, cols: d }, pred)).toBeCloseTo(561.62775663, 6);
  });

  it('with CV, test rows are assigned to the centres learned on the training rows', async () => {
    const result = await tune({
      model: 'kmeans',
      data: { X: iris.X, y: iris.y },
      space: { nClusters: [3] },
      cv: { folds: 3, shuffle: true },
      scoring: ['adjustedRand', 'inertia'],
      seed: 3,
    });
    const t = result.trials[0];
    expect(t.status).toBe('ok');
    // Three well-separated-enough species: held-out rows land in their species' cluster most of the time.
    expect(t.metrics.adjustedRand.mean).toBeGreaterThan(0.6);
    // Each test fold holds a third of the rows, so its inertia is about a third of the full-data optimum.
    for (const v of t.metrics.inertia.folds) expect(v).toBeGreaterThan(10);
    for (const v of t.metrics.inertia.folds) expect(v).toBeLessThan(45);
  });

  it('nClusters above the number of rows is rejected before any trial runs', async () => {
    const run = tune({
      model: 'kmeans',
      data: { X: iris.X.slice(0, 4) },
      space: { nClusters: [2, 5] },
      cv: false,
      scoring: 'inertia',
    });
    await expect(run).rejects.toMatchObject({ name: 'TuneError', code: 'EXCEEDS_TRAINING_ROWS' });
    await expect(run).rejects.toThrow(/nClusters=5 exceeds the 4 rows/);
  });
});

describe('kmeans engine', () => {
  const settings = (over: Record<string, number | string>) => kmeansSettings({ nClusters: 4, nInit: 4, ...over });

  it.each(['k-means++', 'random'])('%s: the same seed gives identical results; another seed, other draws', (init) => {
    const { kernels, side } = withSide(iris.X);
    const s = settings({ init });
    const a = fitKmeans(kernels, side, s, 11);
    const b = fitKmeans(kernels, side, s, 11);
    const c = fitKmeans(kernels, side, s, 12);
    expect([...b.centres]).toEqual([...a.centres]);
    expect([...b.labels]).toEqual([...a.labels]);
    expect(b.runs.map((r) => [...r])).toEqual(a.runs.map((r) => [...r]));
    expect(c.runs.map((r) => [...r])).not.toEqual(a.runs.map((r) => [...r]));
    // Every run starts from nClusters distinct rows.
    for (const r of a.runs) expect(new Set(r).size).toBe(4);
  });

  it('keeps the run with the lowest inertia among the nInit runs', () => {
    const { kernels, side } = withSide(iris.X);
    const s = settings({ nClusters: 6, nInit: 6, init: 'random' });
    const best = fitKmeans(kernels, side, s, 5);
    const each = best.runs.map((rows) =>
      lloydFromCentres(kernels, side, Float64Array.from([...rows].flatMap((r) => iris.X[r])), s.maxIter, s.tol),
    );
    const lowest = Math.min(...each.map((f) => f.inertia));
    expect(best.inertia).toBe(lowest);
    // Random seeding on iris with k = 6 lands in different local optima, so the choice matters.
    expect(Math.max(...each.map((f) => f.inertia))).toBeGreaterThan(lowest);
  });

  it('k-means++ starts far better than random rows on average (it spreads the seeds)', () => {
    const { kernels, side } = withSide(iris.X);
    let pp = 0;
    let rnd = 0;
    for (let seed = 0; seed < 20; seed++) {
      const a = fitKmeans(kernels, side, settings({ nClusters: 6, nInit: 1, maxIter: 1, init: 'k-means++' }), seed);
      const b = fitKmeans(kernels, side, settings({ nClusters: 6, nInit: 1, maxIter: 1, init: 'random' }), seed);
      pp += a.inertia;
      rnd += b.inertia;
    }
    expect(pp).toBeLessThan(rnd);
  });

  it('evaluate on a separate test side assigns with the kernel exactly as the main-thread predict does', () => {
    const kernels = createKernels();
    const trainRows = iris.X.filter((_, i) => i % 3 !== 0);
    const testRows = iris.X.filter((_, i) => i % 3 === 0);
    const trainPtr = kernels.arena.allocF64(Float64Array.from(trainRows.flat()));
    const testPtr = kernels.arena.allocF64(Float64Array.from(testRows.flat()));
    const train = { ptr: trainPtr, rows: trainRows.length, cols: d, y: null };
    const test = { ptr: testPtr, rows: testRows.length, cols: d, y: null };
    const params = { nClusters: 3, nInit: 3 };
    const pred = kmeans.trainer.evaluate(context(kernels, 9), train, test, params);
    const centres = pred.centroids!.values;
    const ts = nearestCentres(Float64Array.from(testRows.flat()), testRows.length, d, centres, 3);
    expect([...pred.yPred]).toEqual([...ts.labels]);
    expect(pred.inertia!).toBeCloseTo(ts.inertia, 9);
    const learned = kmeans.trainer.fit(context(kernels, 9), train, params);
    expect([...(learned.centroids as Float64Array)]).toEqual([...centres]);
  });

  it('nClusters = 1: the centroid is the mean and the inertia the total sum of squares', () => {
    const { kernels, side } = withSide(iris.X);
    const fit = fitKmeans(kernels, side, settings({ nClusters: 1, nInit: 2 }), 1);
    const n = iris.X.length;
    let total = 0;
    for (let f = 0; f < d; f++) {
      const mean = iris.X.reduce((a, r) => a + r[f], 0) / n;
      expect(fit.centres[f]).toBeCloseTo(mean, 12);
      total += iris.X.reduce((a, r) => a + (r[f] - mean) ** 2, 0);
    }
    expect(fit.inertia).toBeCloseTo(total, 9);
    expect(new Set(fit.labels).size).toBe(1);
  });

  it('identical rows: more clusters than distinct points still ends cleanly with zero inertia', () => {
    const { kernels, side } = withSide(Array.from({ length: 6 }, () => [1, 2, 3]));
    for (const init of ['k-means++', 'random']) {
      const fit = fitKmeans(kernels, side, settings({ nClusters: 3, nInit: 2, init }), 2);
      expect(fit.inertia).toBe(0);
      expect([...fit.centres].every(Number.isFinite)).toBe(true);
    }
  });

  it('the trainer refuses more clusters than rows', () => {
    const { kernels, side } = withSide(iris.X.slice(0, 3));
    expect(() => kmeans.trainer.fit(context(kernels, 1), side, { nClusters: 4 })).toThrow(/nClusters=4 exceeds the 3 rows/);
  });
});
