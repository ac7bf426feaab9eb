import type { EstimatorDef, FoldSide, Learned, Prediction, TrainContext } from '../types';
import type { Params } from '../../types';
import type { MlpProblem } from './mlp-engine';
import { fitMlpInContext, learnedOf, outputsOfLearned, outputsOfSide } from './mlp-fit';
import { MLP_HYPERPARAMETERS, checkMlpParams, mlpCost, mlpSettings } from './mlp-schema';

/** The regression problem: one identity output, squared loss ((y - p)^2 / 2 averaged); validation score R^2. */
export function regressorProblem(train: FoldSide): MlpProblem {
  const y = train.y!;
  return {
    xPtr: train.ptr,
    rows: train.rows,
    inputs: train.cols,
    targets: Float64Array.from(y),
    outputs: 1,
    output: 'identity',
    loss: 'squared',
    strata: null,
    nStrata: 0,
    score(out, rows) {
      let mean = 0;
      for (let i = 0; i < rows.length; i++) mean += y[rows[i]];
      mean /= rows.length;
      let res = 0;
      let tot = 0;
      for (let i = 0; i < rows.length; i++) {
        res += (y[rows[i]] - out[i]) ** 2;
        tot += (y[rows[i]] - mean) ** 2;
      }
      return tot > 0 ? 1 - res / tot : res === 0 ? 1 : 0;
    },
  };
}

/** One fit on `train`; with `test` (evaluate), search.pruner over epochs can judge the test rows after each epoch. */
function fitRegressor(ctx: TrainContext, train: FoldSide, params: Params, test?: FoldSide) {
  const s = mlpSettings(params);
  const problem = regressorProblem(train);
  const probeRows = test && { side: test, toPrediction: (yPred: Float64Array) => ({ yPred }) };
  return { s, fit: fitMlpInContext(ctx, problem, s, probeRows), problem };
}

/**
 * Multi-layer perceptron regressor, scikit-learn 1.2.1 `MLPRegressor` (same hyperparameters as mlp-classifier, see
 * there). Targets are used as given: standardise them (or expect slower training) when they are far from unit scale.
 * Learned parameters: see src/estimators/neural_network/mlp-fit.ts.
 */
export const mlpRegressor: EstimatorDef = {
  id: 'mlp-regressor',
  kind: 'regressor',
  epochParam: 'maxIter',
  resumable: true,
  summary: 'Neural network (multi-layer perceptron) regressor trained by backpropagation with adam or SGD.',
  hyperparameters: MLP_HYPERPARAMETERS,
  checkParams: (params: Params) => checkMlpParams('mlp-regressor', params),
  defaultMetric: 'r2',
  trainer: {
    evaluate(ctx, train, test, params): Prediction {
      const { s, fit, problem } = fitRegressor(ctx, train, params, test);
      return { yPred: outputsOfSide(ctx.kernels, test, fit.state.sizes, fit.theta, s, problem.output) };
    },
    fit(ctx, train, params): Learned {
      const { s, fit, problem } = fitRegressor(ctx, train, params);
      return learnedOf(fit, s, problem.output);
    },
  },
  cost: (params) => mlpCost(params, 10, 1),
  predict(learned: Learned, X, params) {
    return { yPred: outputsOfLearned(learned, X.values, X.rows, mlpSettings(params).activation) };
  },
};
