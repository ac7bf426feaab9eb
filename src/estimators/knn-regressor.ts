import type { EstimatorDef, Learned } from './types';
import { bruteNeighbors, voteRegressor, voteRegressorEveryK } from './neighbors';
import { neighborTable, predictionsForK } from './knn-table';
import { KNN_HYPERPARAMETERS, knnSettings } from './knn-classifier';
import { lendF64 } from '../worker/array-recycler';

export const knnRegressor: EstimatorDef = {
  id: 'knn-regressor',
  kind: 'regressor',
  summary: 'k-nearest-neighbours average of targets (brute force, exact distances).',
  hyperparameters: KNN_HYPERPARAMETERS,
  defaultMetric: 'r2',
  shareKey: (params) => `p=${params.p}`,
  trainer: {
    evaluate(ctx, train, test, params) {
      const { k, weights, p } = knnSettings(params);
      const table = neighborTable(ctx, train, test, p, k);
      // One vote per (fold, p, weights) gives every nNeighbors' predictions, bit-identical to voting each.
      const yPred = predictionsForK(ctx, table, `knn:means:p=${p}:${weights}`, test.rows, k, (kMax) =>
        voteRegressorEveryK(table, test.rows, kMax, weights, train.y!, lendF64(ctx.arrays, kMax * test.rows)),
      );
      return { yPred };
    },
    fit(ctx, train) {
      return {
        X: ctx.kernels.arena.f64(train.ptr, train.rows * train.cols).slice(),
        y: train.y!.slice(),
        rows: train.rows,
        cols: train.cols,
      };
    },
  },
  predict(learned: Learned, X, params) {
    const { k, weights, p } = knnSettings(params);
    const table = bruteNeighbors(learned.X as Float64Array, learned.rows as number, X.values, X.rows, X.cols, k, p);
    return { yPred: voteRegressor(table, X.rows, k, weights, learned.y as Float64Array) };
  },
};
