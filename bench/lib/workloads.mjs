// The W-suite of /work/shared/bench/WORKLOADS.md as tune() options, with scikit-learn's reference numbers and the
// targets of work item [4]. Shared by the Node runner and the Chromium bench page; `h` is the package's space helpers
// ({ int, float }) of whichever build is running, so the spaces are built by the code under test.

import { W7 } from './mlp-workload.mjs';

/** numpy.logspace(a, b, n). */
export function logspace(a, b, n) {
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / (n - 1)));
}

/** Targets: Chromium, 2 workers, wall time <= 0.5 x scikit-learn's, best score no worse than the reference by more
 *  than 0.002 (in the ranking metric's direction; all W-suite metrics are greater-is-better). */
export const TARGET = { ratio: 0.5, scoreTolerance: 0.002, env: 'chromium', workers: 2 };

/** The seed of every workload (folds, random search, model randomness). */
export const SEED = 42;

/**
 * id, dataset, model, ranking metric, scikit-learn 1.2.1 reference (n_jobs=2, 2 cores): seconds, best score where
 * WORKLOADS.md gives one, best params as text. `options(h, data, quick)` returns the tune() options without pool,
 * workers and callbacks.
 */
export const WORKLOADS = [
  {
    id: 'W1',
    dataset: 'digits',
    model: 'knn-classifier',
    scoring: 'accuracy',
    sklearn: { seconds: 5.43, score: 0.9878, params: 'nNeighbors=3, p=2, weights=uniform' },
    options: (h, data) => ({
      model: 'knn-classifier',
      data: { X: data.X, y: data.y },
      space: { nNeighbors: h.int(1, 30), weights: ['uniform', 'distance'], p: [1, 2] },
      search: { strategy: 'grid' },
      cv: { folds: 5, shuffle: true },
      scoring: 'accuracy',
      seed: SEED,
    }),
  },
  {
    id: 'W2',
    dataset: 'breast_cancer',
    model: 'logistic-regression',
    scoring: 'accuracy',
    sklearn: { seconds: 0.43, score: 0.9789, params: 'C=1' },
    options: (h, data) => ({
      model: 'logistic-regression',
      data: { X: data.X, y: data.y },
      space: { C: logspace(-4, 4, 17), penalty: 'l2' },
      search: { strategy: 'grid' },
      cv: { folds: 5, shuffle: true },
      preprocess: 'standardize',
      scoring: 'accuracy',
      seed: SEED,
    }),
  },
  {
    id: 'W3',
    dataset: 'diabetes',
    model: 'lasso',
    scoring: 'r2',
    sklearn: { seconds: 0.1, score: 0.4899, params: '' },
    options: (h, data) => ({
      model: 'lasso',
      data: { X: data.X, y: data.y },
      space: { alpha: logspace(-4, 1, 30) },
      search: { strategy: 'grid' },
      cv: { folds: 5, shuffle: true },
      scoring: 'r2',
      seed: SEED,
    }),
  },
  {
    id: 'W3b',
    dataset: 'diabetes',
    model: 'ridge',
    scoring: 'r2',
    sklearn: { seconds: 0.07, score: null, params: '' },
    options: (h, data) => ({
      model: 'ridge',
      data: { X: data.X, y: data.y },
      space: { alpha: logspace(-4, 3, 30) },
      search: { strategy: 'grid' },
      cv: { folds: 5, shuffle: true },
      scoring: 'r2',
      seed: SEED,
    }),
  },
  {
    id: 'W4',
    dataset: 'synth_blobs_50k',
    model: 'kmeans',
    scoring: 'calinskiHarabasz',
    sklearn: { seconds: 3.94, score: null, params: 'nClusters=12' },
    options: (h, data) => ({
      model: 'kmeans',
      // Clustering: features only (the file's last column holds the generating blob, not used).
      data: { X: data.X },
      space: { nClusters: h.int(2, 20), init: 'k-means++', nInit: 3 },
      search: { strategy: 'grid' },
      cv: false,
      scoring: 'calinskiHarabasz',
      seed: SEED,
    }),
  },
  {
    id: 'W5',
    dataset: 'synth_clf_20k',
    model: 'sgd-classifier',
    scoring: 'accuracy',
    sklearn: { seconds: 8.93, score: 0.6218, params: '' },
    options: (h, data, quick) => ({
      model: 'sgd-classifier',
      data: { X: data.X, y: data.y },
      space: {
        alpha: h.float(1e-6, 1e-1, { log: true }),
        eta0: h.float(1e-4, 1e-1, { log: true }),
        loss: 'log_loss',
        learningRate: ['constant', 'optimal', 'invscaling', 'adaptive'],
        epochs: [5, 10, 20, 50],
      },
      search: { strategy: 'random', trials: quick ? 12 : 60 },
      cv: { folds: 3, shuffle: true },
      preprocess: 'standardize',
      scoring: 'accuracy',
      seed: SEED,
    }),
  },
  W7,
];

export const WORKLOAD_IDS = WORKLOADS.map((w) => w.id);
