import { describe, it, expect } from 'vitest';
import { tune, int, createPool, TuneError } from '../../src/index';
import { parseCsv } from '../helpers/csv';
import irisCsv from '../fixtures/datasets/iris.csv?raw';
import wineCsv from '../fixtures/datasets/wine.csv?raw';
import diabetesCsv from '../fixtures/datasets/diabetes.csv?raw';
import wineRef from '../fixtures/reference/knn_classifier_wine_std.json';

const iris = parseCsv(irisCsv);
const wine = parseCsv(wineCsv);
const diabetes = parseCsv(diabetesCsv);

describe('tune() in Chromium through real Web Workers', () => {
  it('runs on the Web Worker platform (not a Node fallback)', () => {
    expect(typeof window).toBe('object');
    expect(typeof Worker).toBe('function');
  });

  it('knn-classifier on wine (standardised per fold) matches scikit-learn for every candidate', async () => {
    const result = await tune({
      model: 'knn-classifier',
      data: { X: wine.X, y: wine.y },
      space: { nNeighbors: [...new Set(wineRef.candidates.map((c) => c.params.n_neighbors))], weights: ['uniform', 'distance'], p: [1, 2] },
      cv: { foldIds: wineRef.fold_ids },
      preprocess: 'standardize',
      workers: 2,
    });
    expect(result.workers).toBe(2);
    expect(result.trials).toHaveLength(wineRef.candidates.length);
    for (const c of wineRef.candidates) {
      const t = result.trials.find((t) => t.params.nNeighbors === c.params.n_neighbors && t.params.p === c.params.p && t.params.weights === c.params.weights)!;
      expect(t.meanScore).toBeCloseTo(c.mean.accuracy, 9);
    }
    const best = wineRef.candidates[wineRef.best_index];
    expect(result.best!.score).toBeCloseTo(best.mean.accuracy, 9);
  });

  it('warmStart: lasso paths run as chains in the Web Workers, same best as cold starts, scores within tol', async () => {
    const alpha = Array.from({ length: 20 }, (_, i) => 10 ** (-4 + (5 * i) / 19));
    const opts = { model: 'lasso', data: { X: diabetes.X, y: diabetes.y }, space: { alpha, tol: 1e-8 }, cv: { folds: 5 }, workers: 2, refit: false } as const;
    const cold = await tune(opts);
    const warm = await tune({ ...opts, warmStart: true });
    expect(warm.best!.params).toEqual(cold.best!.params);
    warm.trials.forEach((t, i) => t.foldScores.forEach((v, f) => expect(Math.abs(v - cold.trials[i].foldScores[f])).toBeLessThan(1e-6)));
    expect(warm.trials.some((t, i) => t.foldScores.some((v, f) => !Object.is(v, cold.trials[i].foldScores[f])))).toBe(true);
  });

  it('iris grid: trials, best, refit model with learned parameters apart from hyperparameters', async () => {
    const pool = createPool({ workers: 2 });
    try {
      const result = await tune({
        model: 'knn-classifier',
        data: { X: iris.X, y: iris.y },
        space: { nNeighbors: int(1, 15), weights: ['uniform', 'distance'], p: [1, 2] },
        cv: { folds: 5, shuffle: true, seed: 7 },
        pool,
      });
      expect(result.trials).toHaveLength(60);
      expect(result.trials.every((t) => t.status === 'ok' && t.foldScores.length === 5)).toBe(true);
      expect(result.best!.score).toBeGreaterThan(0.93);
      const model = result.model!;
      expect(model.hyperparameters).toEqual(result.best!.params);
      expect(model.parameters.rows).toBe(150);
      const pred = model.predict(iris.X);
      expect(pred).toHaveLength(150);
    } finally {
      pool.dispose();
    }
  });

  it('rejects bad input with a TuneError before any worker starts', async () => {
    await expect(
      tune({ model: 'knn-classifier', data: { X: [[1, 2], [3]], y: [0, 1] }, space: { nNeighbors: [1] } }),
    ).rejects.toMatchObject({ name: 'TuneError', code: 'DATA_RAGGED' });
    await expect(
      tune({ model: 'knn-classifer' as never, data: { X: iris.X, y: iris.y }, space: {} }),
    ).rejects.toBeInstanceOf(TuneError);
  });
});

describe('CSP escape hatch: a worker script served from a URL', () => {
  it('createPool({ workerUrl }) runs the search with the standalone dist/browser/worker.js', async () => {
    // Built by `npm run build` (npm test builds first); the test server serves the project root.
    const pool = createPool({ workers: 1, workerUrl: new URL('/dist/browser/worker.js', location.origin) });
    try {
      const result = await tune({
        model: 'knn-classifier',
        data: { X: iris.X, y: iris.y },
        space: { nNeighbors: [1, 5, 9] },
        cv: { folds: 3 },
        pool,
      });
      expect(result.trials.map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
      expect(result.best!.score).toBeGreaterThan(0.9);
    } finally {
      pool.dispose();
    }
  });
});
