import type { EstimatorDef, FoldSide, HyperparameterSchema, Learned, Prediction, TrainContext } from './types';
import type { Params } from '../types';
import {
  decisionOfMatrix,
  decisionOfSide,
  sgdHyperparameters,
  learningRateSchema,
  sgdSettings,
  trainSgdInContext,
  trainingRecord,
  type SgdFit,
  type SgdSettings,
  type ValidationScore,
} from './sgd-engine';

/** The regressor's own hyperparameters (loss, schedule and powerT defaults differ from the classifier's). */
const REGRESSOR_OWN: Record<string, HyperparameterSchema> = {
  loss: {
    type: 'enum',
    values: ['squared_error', 'huber', 'epsilon_insensitive', 'squared_epsilon_insensitive'],
    default: 'squared_error',
    doc:
      "'squared_error': least squares; 'huber': squared within epsilon of the target, linear beyond (robust); " +
      "'epsilon_insensitive' / 'squared_epsilon_insensitive': errors below epsilon cost nothing (linear SVR).",
  },
  epsilon: {
    type: 'float',
    min: 0,
    default: 0.1,
    doc: "Width of 'huber' and the epsilon-insensitive losses, in target units.",
  },
  learningRate: learningRateSchema('invscaling'),
  powerT: { type: 'float', default: 0.25, doc: "Exponent of 'invscaling' (scikit-learn's SGDRegressor default 0.25)." },
};

const HYPERPARAMETERS = sgdHyperparameters(REGRESSOR_OWN);

/** R^2 on the validation rows (scikit-learn's regressor score; 1 for a perfect fit of constant targets, else 0). */
const r2Score: ValidationScore = (decision, targets, nRows, _nModels, out) => {
  let mean = 0;
  for (let r = 0; r < nRows; r++) mean += targets[r];
  mean /= nRows;
  let res = 0;
  let tot = 0;
  for (let r = 0; r < nRows; r++) {
    res += (targets[r] - decision[r]) ** 2;
    tot += (targets[r] - mean) ** 2;
  }
  out[0] = tot > 0 ? 1 - res / tot : res === 0 ? 1 : 0;
};

function fitRegressor(ctx: TrainContext, train: FoldSide, params: Params, test?: FoldSide): SgdFit & { s: SgdSettings } {
  const s = sgdSettings(params, HYPERPARAMETERS);
  const probeTest = test && { side: test, toPrediction: (decision: Float64Array): Prediction => ({ yPred: decision }) };
  return { ...trainSgdInContext(ctx, train, train.y!, 1, s, null, 0, r2Score, probeTest), s };
}

/**
 * Linear regression trained by SGD, scikit-learn 1.2.1 `SGDRegressor` hyperparameters and defaults (loss
 * 'squared_error', learningRate 'invscaling', eta0 0.01, powerT 0.25). Learned parameters: coef (cols), intercept;
 * about training: nIter, lossCurve and (earlyStopping) validationScores per epoch. Resumable by epochs. Targets are used as given: unscaled targets with a large constant rate can diverge (the trial then fails).
 */
export const sgdRegressor: EstimatorDef = {
  id: 'sgd-regressor',
  kind: 'regressor',
  epochParam: 'epochs',
  resumable: true,
  summary: 'Linear regression (least squares, Huber, linear SVR) trained by stochastic gradient descent.',
  hyperparameters: HYPERPARAMETERS,
  defaultMetric: 'r2',
  trainer: {
    evaluate(ctx, train, test, params): Prediction {
      const fit = fitRegressor(ctx, train, params, test);
      return { yPred: decisionOfSide(ctx.kernels, test, fit.coef, fit.intercept) };
    },
    fit(ctx, train, params): Learned {
      const fit = fitRegressor(ctx, train, params);
      return { coef: fit.coef, intercept: fit.intercept[0], cols: train.cols, ...trainingRecord(fit, fit.s) };
    },
  },
  predict(learned: Learned, X) {
    const intercept = Float64Array.of(learned.intercept as number);
    return { yPred: decisionOfMatrix(X.values, X.rows, X.cols, learned.coef as Float64Array, intercept) };
  },
};
