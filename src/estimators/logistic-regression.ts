import type { EstimatorDef, FoldSide, Learned, TrainContext } from './types';
import type { Params } from '../types';
import { FIT_INTERCEPT_SCHEMA, MAX_ITER_DOC, bool, num, scoresInJs, scoresInWasm, targets } from './linear-common';
import { fitLogistic, type LogisticFit, type LogisticSettings } from './linear-logistic';
import { classIndices } from './labels';

/**
 * Logistic regression (scikit-learn 1.2's LogisticRegression with multi_class='auto'): a sigmoid model for two classes,
 * a multinomial softmax model for more, penalised as C * sum(log-loss) + penalty(w) with an unpenalised intercept.
 * Solvers in linear-logistic.ts: Newton-CG for 'l2'/'none', proximal Newton for 'l1'/'elasticnet'; both converge to the
 * optimum rather than stopping early, so results match scikit-learn's converged fits.
 */
export type Penalty = 'l2' | 'l1' | 'elasticnet' | 'none';

export function logisticSettings(params: Params): LogisticSettings {
  const C = num(params, 'C', 1);
  const penalty = String(params.penalty ?? 'l2') as Penalty;
  const l1Ratio = num(params, 'l1Ratio', 0.5);
  // Divide scikit-learn's C * sum(loss) + penalty by C: the sum form with penalty weights 1/C.
  let l1 = 0;
  let l2 = 0;
  switch (penalty) {
    case 'l2':
      l2 = 1 / C;
      break;
    case 'l1':
      l1 = 1 / C;
      break;
    case 'elasticnet':
      l1 = l1Ratio / C;
      l2 = (1 - l1Ratio) / C;
      break;
    case 'none':
      break;
    default:
      throw new Error(`logistic-regression: unknown penalty '${String(penalty)}' (use 'l2', 'l1', 'elasticnet' or 'none')`);
  }
  return { l1, l2, fitIntercept: bool(params, 'fitIntercept', true), maxIter: num(params, 'maxIter', 100), tol: num(params, 'tol', 1e-4) };
}

/** What a warm-started C path hands to its next fit. */
interface LogisticWarm {
  shape: string;
  theta: Float64Array;
}

interface FittedClasses {
  fit: LogisticFit;
  /** Labels the model was trained on (the classes present in the training rows), sorted. */
  classes: Float64Array;
  /** Position of each of those in ctx.classes. */
  columns: Int32Array;
}

/**
 * Fits on the classes present in the training rows (a fold may miss a rare class; the model then has no column for it
 * and evaluate() gives it probability 0). Two present classes: binary sigmoid; more: multinomial.
 */
function fitOnTrain(ctx: TrainContext, train: FoldSide, params: Params): FittedClasses {
  const settings = logisticSettings(params);
  const y = targets('logistic-regression', train);
  const all = ctx.classes;
  if (!all) throw new Error('logistic-regression: the class labels of the dataset are missing');
  const idx = classIndices(y, all);
  const seen = new Uint8Array(all.length);
  for (let i = 0; i < idx.length; i++) seen[idx[i]] = 1;
  const columns = Int32Array.from(Array.from(seen.keys()).filter((c) => seen[c] === 1));
  if (columns.length < 2) {
    throw new Error(
      `logistic-regression: the training rows hold a single class (${all[columns[0]]}); at least two are needed ` +
        '(use stratified folds or fewer folds)',
    );
  }
  const remap = new Int32Array(all.length).fill(-1);
  columns.forEach((c, j) => (remap[c] = j));
  const K = columns.length === 2 ? 1 : columns.length;
  const t = K === 1 ? Float64Array.from(idx, (c) => remap[c]) : Int32Array.from(idx, (c) => remap[c]);
  // Along a warm-started C path (tune({ warmStart: true })), start from the previous C's solution on this fold when
  // it solved the same problem shape (same present classes, columns and centring); otherwise from zero.
  const shape = `${train.cols}:${train.rows}:${settings.fitIntercept}:${columns.join(',')}`;
  const prev = ctx.warm?.value as LogisticWarm | null | undefined;
  const fit = fitLogistic(ctx, train, t, K, settings, prev && prev.shape === shape ? prev.theta : null);
  if (ctx.warm) {
    const theta = new Float64Array(fit.coef.length + fit.intercept.length);
    theta.set(fit.coef);
    theta.set(fit.intercept, fit.coef.length);
    ctx.warm.value = { shape, theta } satisfies LogisticWarm;
  }
  return { fit, classes: Float64Array.from(columns, (c) => all[c]), columns };
}

/** Probabilities (rows x nClasses) and predicted labels from the rows x K scores of a fitted model. */
export function probabilities(
  scores: Float64Array, rows: number, classes: Float64Array,
): { proba: Float64Array; yPred: Float64Array } {
  const nClasses = classes.length;
  const proba = new Float64Array(rows * nClasses);
  const yPred = new Float64Array(rows);
  if (nClasses === 2) {
    for (let i = 0; i < rows; i++) {
      const z = scores[i];
      const e = Math.exp(-Math.abs(z));
      const p1 = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      proba[2 * i] = 1 - p1;
      proba[2 * i + 1] = p1;
      // As scikit-learn: the positive class when the decision function is > 0.
      yPred[i] = classes[z > 0 ? 1 : 0];
    }
    return { proba, yPred };
  }
  for (let i = 0; i < rows; i++) {
    const base = i * nClasses;
    let best = 0;
    for (let k = 1; k < nClasses; k++) if (scores[base + k] > scores[base + best]) best = k;
    const m = scores[base + best];
    let sum = 0;
    for (let k = 0; k < nClasses; k++) {
      const e = Math.exp(scores[base + k] - m);
      proba[base + k] = e;
      sum += e;
    }
    for (let k = 0; k < nClasses; k++) proba[base + k] /= sum;
    yPred[i] = classes[best];
  }
  return { proba, yPred };
}

export const logisticRegression: EstimatorDef = {
  id: 'logistic-regression',
  kind: 'classifier',
  summary: 'Linear classifier with probabilities: sigmoid for two classes, softmax for more; L2, L1, elastic-net or no penalty.',
  hyperparameters: {
    C: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 1,
      doc: 'Inverse penalty strength (> 0): the objective is C * sum(log-loss) + penalty; smaller C = stronger penalty.',
    },
    penalty: {
      type: 'enum',
      values: ['l2', 'l1', 'elasticnet', 'none'],
      default: 'l2',
      doc: "'l2': ||w||^2 / 2; 'l1': ||w||_1 (sparse); 'elasticnet': l1Ratio ||w||_1 + (1 - l1Ratio) ||w||^2 / 2; 'none'.",
    },
    l1Ratio: {
      type: 'float',
      min: 0,
      max: 1,
      default: 0.5,
      doc: "Mix of L1 in the 'elasticnet' penalty, in [0, 1] (ignored by the other penalties).",
    },
    maxIter: { type: 'int', min: 1, default: 100, doc: MAX_ITER_DOC + ' One iteration is one (proximal) Newton step.' },
    tol: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 1e-4,
      doc:
        'Stop when every coordinate of the (sub)gradient of sum(log-loss) + penalty / C is within tol and the next ' +
        'Newton step would change the objective only at rounding level.',
    },
    fitIntercept: FIT_INTERCEPT_SCHEMA,
  },
  defaultMetric: 'accuracy',
  // A path over C as LogisticRegressionCV fits its Cs: strongest penalty (smallest C) first, each fit starting from
  // the previous C's solution on the same fold. Off unless tune({ warmStart: true }).
  warmPath: {
    key: (params) => {
      const { C: _C, ...rest } = params;
      return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
    },
    order: (params) => num(params, 'C', 1),
  },
  trainer: {
    evaluate(ctx, train, test, params) {
      const { fit, classes, columns } = fitOnTrain(ctx, train, params);
      const scores = scoresInWasm(ctx, test, fit.coef, fit.intercept);
      const own = probabilities(scores, test.rows, classes);
      const all = ctx.classes!;
      if (classes.length === all.length) return { yPred: own.yPred, proba: own.proba, classes: all };
      // Classes absent from the training rows get probability 0.
      const proba = new Float64Array(test.rows * all.length);
      for (let i = 0; i < test.rows; i++) {
        for (let j = 0; j < columns.length; j++) proba[i * all.length + columns[j]] = own.proba[i * classes.length + j];
      }
      return { yPred: own.yPred, proba, classes: all };
    },
    fit(ctx, train, params): Learned {
      const { fit, classes } = fitOnTrain(ctx, train, params);
      const binary = classes.length === 2;
      return {
        coef: fit.coef,
        intercept: binary ? fit.intercept[0] : fit.intercept,
        classes,
        cols: train.cols,
        multinomial: !binary,
        nIter: fit.nIter,
        converged: fit.converged,
        objective: fit.objective,
      };
    },
  },
  predict(learned, X) {
    const classes = learned.classes as Float64Array;
    const intercept =
      typeof learned.intercept === 'number' ? Float64Array.of(learned.intercept) : (learned.intercept as Float64Array);
    const scores = scoresInJs(X, learned.coef as Float64Array, intercept);
    return { ...probabilities(scores, X.rows, classes), classes };
  },
};
