import type { EstimatorDef, FoldSide, Learned, Prediction, TrainContext } from '../types';
import type { Params } from '../../types';
import { classIndices } from '../labels';
import type { MlpProblem } from './mlp-engine';
import { fitMlpInContext, learnedOf, outputsOfLearned, outputsOfSide } from './mlp-fit';
import { MLP_HYPERPARAMETERS, checkMlpParams, mlpCost, mlpSettings, type MlpSettings } from './mlp-schema';

/**
 * The classification problem on a training side: two classes give one logistic output (target 1 for classes[1],
 * binary log loss), more give a softmax output per class (one-hot targets, log loss), as scikit-learn's
 * LabelBinarizer does. Validation score: accuracy (scikit-learn's `score`).
 */
export function classifierProblem(train: FoldSide, classes: Float64Array): MlpProblem {
  const nC = classes.length;
  const yIdx = classIndices(train.y!, classes);
  const outputs = nC === 2 ? 1 : nC;
  const targets = new Float64Array(train.rows * outputs);
  for (let r = 0; r < train.rows; r++) {
    if (outputs === 1) targets[r] = yIdx[r];
    else targets[r * outputs + yIdx[r]] = 1;
  }
  return {
    xPtr: train.ptr,
    rows: train.rows,
    inputs: train.cols,
    targets,
    outputs,
    output: outputs === 1 ? 'logistic' : 'softmax',
    loss: outputs === 1 ? 'binaryLog' : 'log',
    strata: yIdx,
    nStrata: nC,
    score(out, rows) {
      let hits = 0;
      for (let i = 0; i < rows.length; i++) if (argmaxClass(out, i, outputs) === yIdx[rows[i]]) hits++;
      return hits / rows.length;
    },
  };
}

/** Class index of output row r: p > 0.5 for one logistic output (scikit-learn's threshold), else the first largest. */
function argmaxClass(out: Float64Array, r: number, outputs: number): number {
  if (outputs === 1) return out[r] > 0.5 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < outputs; c++) if (out[r * outputs + c] > out[r * outputs + best]) best = c;
  return best;
}

/** Labels and probabilities (rows x classes) from network outputs. */
function predictionOf(out: Float64Array, rows: number, classes: Float64Array): Prediction {
  const nC = classes.length;
  const outputs = nC === 2 ? 1 : nC;
  const yPred = new Float64Array(rows);
  let proba: Float64Array;
  if (outputs === 1) {
    proba = new Float64Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      proba[2 * r] = 1 - out[r];
      proba[2 * r + 1] = out[r];
    }
  } else {
    proba = out;
  }
  for (let r = 0; r < rows; r++) yPred[r] = classes[argmaxClass(out, r, outputs)];
  return { yPred, proba, classes };
}

/** One fit on `train`; with `test` (evaluate), search.pruner over epochs can judge the test rows after each epoch. */
function fitClassifier(ctx: TrainContext, train: FoldSide, params: Params, test?: FoldSide): { s: MlpSettings; fit: ReturnType<typeof fitMlpInContext>; problem: MlpProblem } {
  const s = mlpSettings(params);
  const problem = classifierProblem(train, ctx.classes!);
  const probeRows = test && { side: test, toPrediction: (out: Float64Array) => predictionOf(out, test.rows, ctx.classes!) };
  return { s, fit: fitMlpInContext(ctx, problem, s, probeRows), problem };
}

/**
 * Multi-layer perceptron classifier trained by backpropagation, scikit-learn 1.2.1 `MLPClassifier` (solvers adam and
 * sgd; hyperparameter names in camelCase, scikit-learn's defaults) plus dropout, weightInit, l1 and the
 * 'hypergradient' learning rate. Learned parameters: see src/estimators/neural_network/mlp-fit.ts (per-layer coef<l>
 * and intercept<l>, layerSizes, lossCurve, validationScores, nIter, finalLearningRate), plus classes.
 * batchSize larger than the training rows is clipped to them, as scikit-learn does. A run whose loss stops being
 * finite fails its trial with a message.
 */
export const mlpClassifier: EstimatorDef = {
  id: 'mlp-classifier',
  kind: 'classifier',
  epochParam: 'maxIter',
  resumable: true,
  summary: 'Neural network (multi-layer perceptron) classifier trained by backpropagation with adam or SGD.',
  hyperparameters: MLP_HYPERPARAMETERS,
  checkParams: (params: Params) => checkMlpParams('mlp-classifier', params),
  defaultMetric: 'accuracy',
  trainer: {
    evaluate(ctx, train, test, params): Prediction {
      const { s, fit, problem } = fitClassifier(ctx, train, params, test);
      const out = outputsOfSide(ctx.kernels, test, fit.state.sizes, fit.theta, s, problem.output);
      return predictionOf(out, test.rows, ctx.classes!);
    },
    fit(ctx, train, params): Learned {
      const { s, fit, problem } = fitClassifier(ctx, train, params);
      return { ...learnedOf(fit, s, problem.output), classes: ctx.classes!.slice() };
    },
  },
  cost: (params) => mlpCost(params),
  predict(learned: Learned, X, params) {
    const s = mlpSettings(params);
    const out = outputsOfLearned(learned, X.values, X.rows, s.activation);
    return predictionOf(out, X.rows, learned.classes as Float64Array);
  },
};
