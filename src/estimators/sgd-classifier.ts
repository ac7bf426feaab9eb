import type { EstimatorDef, FoldSide, HyperparameterSchema, Learned, Prediction, TrainContext } from './types';
import type { Params } from '../types';
import { classIndices } from './labels';
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

/** The classifier's own hyperparameters (loss, schedule and powerT defaults differ from the regressor's). */
const CLASSIFIER_OWN: Record<string, HyperparameterSchema> = {
  loss: {
    type: 'enum',
    values: ['hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'],
    default: 'hinge',
    doc:
      "'hinge': linear SVM; 'log_loss': logistic regression (gives probabilities); 'modified_huber': smooth hinge " +
      "(gives probabilities); 'squared_hinge'; 'perceptron'.",
  },
  learningRate: learningRateSchema('optimal'),
  powerT: { type: 'float', default: 0.5, doc: "Exponent of 'invscaling'." },
};

const HYPERPARAMETERS = sgdHyperparameters(CLASSIFIER_OWN);

/** Binary accuracy of each one-vs-all model on its -1 / +1 targets (scikit-learn's validation score callback). */
const binaryAccuracy: ValidationScore = (decision, targets, nRows, nModels, out) => {
  for (let m = 0; m < nModels; m++) {
    let hits = 0;
    for (let r = 0; r < nRows; r++) {
      const pred = decision[r * nModels + m] > 0 ? 1 : -1;
      if (pred === targets[r * nModels + m]) hits++;
    }
    out[m] = hits / nRows;
  }
};

const expit = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Labels and (for log_loss and modified_huber) probabilities from decision values, scikit-learn's rules: binary
 * predicts classes[1] when the decision is > 0; one-vs-all takes the first largest decision. Probabilities:
 * log_loss = expit of the decision, normalised over the classes for one-vs-all; modified_huber = (clip(d, -1, 1) + 1)
 * / 2, normalised, uniform when every class gets 0. A one-vs-all log_loss row whose expits all underflow to 0 is
 * uniform too (scikit-learn would divide 0 by 0).
 */
export function classifierOutputs(
  decision: Float64Array,
  rows: number,
  classes: Float64Array,
  loss: string,
): { yPred: Float64Array; proba?: Float64Array } {
  const nC = classes.length;
  const nModels = nC === 2 ? 1 : nC;
  const yPred = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    if (nModels === 1) {
      yPred[r] = decision[r] > 0 ? classes[1] : classes[0];
    } else {
      let best = 0;
      for (let m = 1; m < nModels; m++) if (decision[r * nModels + m] > decision[r * nModels + best]) best = m;
      yPred[r] = classes[best];
    }
  }
  if (loss !== 'log_loss' && loss !== 'modified_huber') return { yPred };
  const link = loss === 'log_loss' ? expit : (z: number) => (Math.min(1, Math.max(-1, z)) + 1) / 2;
  const proba = new Float64Array(rows * nC);
  for (let r = 0; r < rows; r++) {
    if (nModels === 1) {
      const p = link(decision[r]);
      proba[r * 2] = 1 - p;
      proba[r * 2 + 1] = p;
      continue;
    }
    let sum = 0;
    for (let c = 0; c < nC; c++) {
      proba[r * nC + c] = link(decision[r * nC + c]);
      sum += proba[r * nC + c];
    }
    for (let c = 0; c < nC; c++) proba[r * nC + c] = sum > 0 ? proba[r * nC + c] / sum : 1 / nC;
  }
  return { yPred, proba };
}

function fitClassifier(ctx: TrainContext, train: FoldSide, params: Params, test?: FoldSide): SgdFit & { classes: Float64Array; s: SgdSettings } {
  const classes = ctx.classes!;
  const s = sgdSettings(params, HYPERPARAMETERS);
  const nC = classes.length;
  const nModels = nC === 2 ? 1 : nC;
  const yIdx = classIndices(train.y!, classes);
  const targets = new Float64Array(train.rows * nModels);
  for (let i = 0; i < train.rows; i++) {
    if (nModels === 1) targets[i] = yIdx[i] === 1 ? 1 : -1;
    else for (let m = 0; m < nModels; m++) targets[i * nModels + m] = yIdx[i] === m ? 1 : -1;
  }
  const probeTest = test && {
    side: test,
    toPrediction: (decision: Float64Array): Prediction => ({ ...classifierOutputs(decision, test.rows, classes, s.loss), classes }),
  };
  const fit = trainSgdInContext(ctx, train, targets, nModels, s, yIdx, nC, binaryAccuracy, probeTest);
  return { ...fit, classes, s };
}

/**
 * Linear classifier trained by SGD, scikit-learn 1.2.1 `SGDClassifier` (one-vs-all for more than two classes:
 * one binary model per class, all trained in the same pass over the rows; two classes: one model whose positive
 * class is classes[1]). Learned parameters: coef (nModels x cols), intercept (nModels), classes; about training:
 * nIter, lossCurve and (earlyStopping) validationScores per epoch (see SgdFit). Resumable: a rung of an epochs
 * search continues the previous rung's run (TrainContext.checkpoint).
 * Defaults are scikit-learn's (loss 'hinge', learningRate 'optimal', powerT 0.5) except eta0: scikit-learn's 0.0
 * is only valid with 'optimal', so eta0 defaults to 0.01 and is used by the other schedules.
 */
export const sgdClassifier: EstimatorDef = {
  id: 'sgd-classifier',
  kind: 'classifier',
  epochParam: 'epochs',
  resumable: true,
  summary: 'Linear classifier (SVM, logistic, ...) trained by stochastic gradient descent; one-vs-all for multiclass.',
  hyperparameters: HYPERPARAMETERS,
  defaultMetric: 'accuracy',
  trainer: {
    evaluate(ctx, train, test, params): Prediction {
      const fit = fitClassifier(ctx, train, params, test);
      const decision = decisionOfSide(ctx.kernels, test, fit.coef, fit.intercept);
      const loss = sgdSettings(params, HYPERPARAMETERS).loss;
      return { ...classifierOutputs(decision, test.rows, fit.classes, loss), classes: fit.classes };
    },
    fit(ctx, train, params): Learned {
      const fit = fitClassifier(ctx, train, params);
      return {
        coef: fit.coef,
        intercept: fit.intercept,
        classes: fit.classes.slice(),
        nModels: fit.intercept.length,
        cols: train.cols,
        ...trainingRecord(fit, fit.s),
      };
    },
  },
  supportsProba(params) {
    const loss = sgdSettings(params, HYPERPARAMETERS).loss;
    return loss === 'log_loss' || loss === 'modified_huber';
  },
  predict(learned: Learned, X, params) {
    const classes = learned.classes as Float64Array;
    const decision = decisionOfMatrix(X.values, X.rows, X.cols, learned.coef as Float64Array, learned.intercept as Float64Array);
    const loss = sgdSettings(params, HYPERPARAMETERS).loss;
    return { ...classifierOutputs(decision, X.rows, classes, loss), classes };
  },
};
