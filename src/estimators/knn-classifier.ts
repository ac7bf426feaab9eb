import type { EstimatorDef, Learned } from './types';
import type { Params } from '../types';
import { bruteNeighbors, voteClassifier, voteClassifierEveryK, type VoteBuffers } from './neighbors';
import { neighborTable, predictionsForK } from './knn-table';
import { classIndices } from './labels';
import { lendF64 } from '../worker/array-recycler';

/** Hyperparameters shared by both KNN models (scikit-learn names in camelCase, scikit-learn defaults). */
export const KNN_HYPERPARAMETERS = {
  nNeighbors: { type: 'int', min: 1, default: 5, doc: 'Number of neighbours that vote.' },
  weights: {
    type: 'enum',
    values: ['uniform', 'distance'],
    default: 'uniform',
    doc: "'uniform': every neighbour counts the same; 'distance': closer neighbours count more (1/d).",
  },
  p: { type: 'float', min: 1, default: 2, doc: 'Minkowski power: 1 = Manhattan, 2 = Euclidean, any p >= 1.' },
} as const;

export function knnSettings(params: Params): { k: number; weights: string; p: number } {
  return {
    k: Number(params.nNeighbors ?? 5),
    weights: String(params.weights ?? 'uniform'),
    p: Number(params.p ?? 2),
  };
}

export const knnClassifier: EstimatorDef = {
  id: 'knn-classifier',
  kind: 'classifier',
  summary: 'k-nearest-neighbours vote (brute force, exact distances).',
  hyperparameters: KNN_HYPERPARAMETERS,
  defaultMetric: 'accuracy',
  // One neighbour table per (fold, p) serves every nNeighbors and weights.
  shareKey: (params) => `p=${params.p}`,
  trainer: {
    evaluate(ctx, train, test, params) {
      const { k, weights, p } = knnSettings(params);
      const classes = ctx.classes!;
      const table = neighborTable(ctx, train, test, p, k);
      // The training labels' class indices are the same for every candidate on this fold.
      let yClass = ctx.foldCache.get('knn:yClass') as Int32Array | undefined;
      if (!yClass) ctx.foldCache.set('knn:yClass', (yClass = classIndices(train.y!, classes)));
      if (ctx.needsProba === false) {
        // Labels only: one vote per (fold, p, weights) gives every nNeighbors' labels, bit-identical to voting each.
        const labels = yClass;
        const yPred = predictionsForK(ctx, table, `knn:labels:p=${p}:${weights}`, test.rows, k, (kMax) =>
          voteClassifierEveryK(table, test.rows, kMax, weights, labels, classes, lendF64(ctx.arrays, kMax * test.rows)),
        );
        return { yPred, classes };
      }
      // One pair of output buffers per fold, overwritten by every vote: the worker consumes a Prediction (its
      // metrics) before it runs the next task, so nothing reads these after the next evaluate.
      let buffers = ctx.foldCache.get('knn:vote') as VoteBuffers | undefined;
      if (!buffers) {
        buffers = { yPred: lendF64(ctx.arrays, test.rows), proba: lendF64(ctx.arrays, test.rows * classes.length) };
        ctx.foldCache.set('knn:vote', buffers);
      }
      const { yPred, proba } = voteClassifier(table, test.rows, k, weights, yClass, classes, buffers);
      return { yPred, proba, classes };
    },
    fit(ctx, train) {
      // KNN's "training" is storing the rows: the learned parameters are the training set itself.
      const { arena } = ctx.kernels;
      return {
        X: arena.f64(train.ptr, train.rows * train.cols).slice(),
        y: train.y!.slice(),
        rows: train.rows,
        cols: train.cols,
        classes: ctx.classes!.slice(),
      };
    },
  },
  predict(learned: Learned, X, params) {
    const { k, weights, p } = knnSettings(params);
    const classes = learned.classes as Float64Array;
    const table = bruteNeighbors(learned.X as Float64Array, learned.rows as number, X.values, X.rows, X.cols, k, p);
    const yClass = classIndices(learned.y as Float64Array, classes);
    return { ...voteClassifier(table, X.rows, k, weights, yClass, classes), classes };
  },
};
