import type { EstimatorDef, Learned } from './types';
import type { Matrix } from '../types';
import { assignSide, fitKmeans, kmeansSettings, nearestCentres } from './kmeans-core';

/**
 * k-means (Lloyd), scikit-learn 1.2.1 `KMeans(algorithm='lloyd')` hyperparameters and defaults, camelCase.
 * Learned parameters: centroids (nClusters x cols, row-major), inertia and labels of the training rows, nIter.
 *
 * defaultMetric is 'calinskiHarabasz', not inertia (what scikit-learn's KMeans.score reports): inertia always
 * improves with more clusters, so ranking a search over nClusters by it would always pick the largest k.
 * Calinski-Harabasz weighs between- against within-cluster spread, costs O(n d) and needs no labels.
 * nInit defaults to 10, scikit-learn 1.2's value (1.4 moves to 'auto' = 1 run for k-means++).
 */
export const kmeans: EstimatorDef = {
  id: 'kmeans',
  kind: 'clusterer',
  summary: "k-means clustering: Lloyd's algorithm with k-means++ seeding, best of nInit seeded runs.",
  hyperparameters: {
    nClusters: {
      type: 'int',
      min: 1,
      default: 8,
      doc: 'Number of clusters (centroids) to find; at most the number of rows being clustered.',
    },
    init: {
      type: 'enum',
      values: ['k-means++', 'random'],
      default: 'k-means++',
      doc: "'k-means++': greedy k-means++ seeding (2 + ln k candidate rows per centre); 'random': k distinct rows.",
    },
    nInit: {
      type: 'int',
      min: 1,
      default: 10,
      doc: 'Number of seeded runs; the one with the lowest inertia is kept (scikit-learn 1.2 default 10).',
    },
    maxIter: { type: 'int', min: 1, default: 300, doc: 'Maximum Lloyd iterations per run.' },
    tol: {
      type: 'float',
      min: 0,
      default: 1e-4,
      doc: 'A run stops when the squared centre shift is <= tol x the mean feature variance (0: until no label changes).',
    },
  },
  defaultMetric: 'calinskiHarabasz',
  // Each of nInit runs costs about nClusters distance evaluations per row per iteration.
  cost: (params) => Number(params.nClusters) * Number(params.nInit),
  trainer: {
    evaluate(ctx, train, test, params) {
      const s = kmeansSettings(params);
      const fit = fitKmeans(ctx.kernels, train, s, ctx.seed);
      const centroids: Matrix = { values: fit.centres, rows: s.nClusters, cols: train.cols };
      if (test === train) return { yPred: Float64Array.from(fit.labels), centroids, inertia: fit.inertia };
      const { labels, inertia } = assignSide(ctx.kernels, test, fit.centres, s.nClusters);
      return { yPred: Float64Array.from(labels), centroids, inertia };
    },
    fit(ctx, train, params) {
      const s = kmeansSettings(params);
      const fit = fitKmeans(ctx.kernels, train, s, ctx.seed);
      return {
        centroids: fit.centres,
        cols: train.cols,
        inertia: fit.inertia,
        labels: fit.labels,
        nIter: fit.nIter,
      };
    },
  },
  predict(learned: Learned, X) {
    // The number of centres is read off the learned centroids (nClusters is a hyperparameter, not something learned).
    const values = learned.centroids as Float64Array;
    const k = values.length / (learned.cols as number);
    const { labels, inertia } = nearestCentres(X.values, X.rows, X.cols, values, k);
    return { yPred: Float64Array.from(labels), centroids: { values, rows: k, cols: X.cols }, inertia };
  },
};
