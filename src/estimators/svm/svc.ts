import type { EstimatorDef, FoldSide, Learned, Prediction, TrainContext } from '../types';
import type { Params } from '../../types';
import { TuneError } from '../../errors';
import { createRng } from '../../rng';
import { KERNEL_KIND, KERNEL_SCHEMAS, kernelSettings, type KernelSettings } from './params';
import type { KernelSpec } from './solve';
import { testDecision } from './predict-wasm';
import { crossKernelJs } from './kernel-js';
import { decisionValues, ovrDecision, trainSvc, voteOvo, type SvcModel } from './ovo';
import { coupledProbabilities } from './platt';
import { fitInputs } from './fit-inputs';

/**
 * C-support vector classification (scikit-learn's SVC, libsvm's C-SVC): one-vs-one over the classes, libsvm's SMO
 * per pair (see ovo.ts and assembly/svm/smo.ts). Learned parameters in scikit-learn's form: supportIndices,
 * supportVectors, dualCoef ((k-1) x nSV), intercept (one per pair), nSupport, classes, probA/probB; for two classes
 * dualCoef and intercept have scikit-learn's flipped signs (decision > 0 means classes[1]).
 */
interface SvcSettings extends KernelSettings {
  classWeight: string | null;
  decisionFunctionShape: 'ovr' | 'ovo';
  probability: boolean;
  breakTies: boolean;
}

/** Rows each class needs for the internal 5-fold cross-validation of probability=true. */
export const PROBA_MIN_ROWS_PER_CLASS = 5;

function settings(params: Params): SvcSettings {
  const s = kernelSettings('svc', params);
  const out: SvcSettings = {
    ...s,
    classWeight: (params.classWeight ?? null) as string | null,
    decisionFunctionShape: (params.decisionFunctionShape ?? 'ovr') as 'ovr' | 'ovo',
    probability: Boolean(params.probability ?? false),
    breakTies: Boolean(params.breakTies ?? false),
  };
  if (out.breakTies && out.decisionFunctionShape === 'ovo') {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      "svc.breakTies=true needs decisionFunctionShape='ovr' (scikit-learn's rule); set decisionFunctionShape to 'ovr' or breakTies to false.",
    );
  }
  return out;
}

function checkProbabilityRows(y: Float64Array): void {
  const counts = new Map<number, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [label, n] of counts) {
    if (n < PROBA_MIN_ROWS_PER_CLASS) {
      throw new TuneError(
        'SVM_PROBA_TOO_FEW_ROWS',
        `svc with probability=true calibrates with an internal ${PROBA_MIN_ROWS_PER_CLASS}-fold cross-validation, but class ${label} ` +
          `has only ${n} training row(s) in this fit (at least ${PROBA_MIN_ROWS_PER_CLASS} needed). ` +
          'Add rows of that class, use fewer CV folds, or set probability to false.',
        { label, rows: n },
      );
    }
  }
}

/**
 * Fits libsvm's model on the training side; also returns what prediction needs. `calibrate`: run Platt's internal
 * CV (probability=true and someone reads the probabilities; labels come from the vote either way).
 */
function fitSvc(ctx: TrainContext, train: FoldSide, s: SvcSettings, calibrate: boolean): { model: SvcModel; spec: KernelSpec; sv: Float64Array } {
  if (s.probability) checkProbabilityRows(train.y!);
  return fitInputs(ctx, train, s, (values, res, spec) => {
    const rng = calibrate ? createRng(ctx.seed) : null;
    const model = trainSvc(ctx, train, values, res, spec, s, s.classWeight, rng);
    const cols = train.cols;
    const sv = new Float64Array(model.svRows.length * cols);
    model.svRows.forEach((r, q) => sv.set(values.subarray(r * cols, r * cols + cols), q * cols));
    return { model, spec, sv };
  });
}

/** Labels (and probabilities in `classes` order) from the pairwise decision values (rows x pairs; null: one class). */
function predictFromDecision(
  m: Pick<SvcModel, 'classes' | 'probA' | 'probB'>, dec: Float64Array | null, rows: number,
  s: SvcSettings, classes: Float64Array, wantProba: boolean,
): Prediction {
  const k = m.classes.length;
  const yPred = new Float64Array(rows);
  if (k === 1 || !dec) {
    yPred.fill(m.classes[0]);
    return { yPred, classes };
  }
  const nPairs = (k * (k - 1)) / 2;
  const votes = new Int32Array(k);
  const ovr = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    let best: number;
    if (s.breakTies && k > 2) {
      ovrDecision(dec, r * nPairs, k, ovr, 0);
      best = 0;
      for (let c = 1; c < k; c++) if (ovr[c] > ovr[best]) best = c;
    } else {
      best = voteOvo(dec, r * nPairs, k, votes);
    }
    yPred[r] = m.classes[best];
  }
  if (!wantProba || !m.probA || !m.probB) return { yPred, classes };
  // Columns in the dataset's class order; a class absent from the training rows gets probability 0.
  const col = Int32Array.from(m.classes, (c) => classes.indexOf(c));
  const proba = new Float64Array(rows * classes.length);
  const p = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    coupledProbabilities(dec, r * nPairs, k, m.probA, m.probB, p, 0);
    for (let c = 0; c < k; c++) proba[r * classes.length + col[c]] = p[c];
  }
  return { yPred, proba, classes };
}

/** scikit-learn's public form of libsvm's model (binary: signs flipped); fittedGamma is the numeric gamma of this fit (scikit-learn's _gamma). */
function learnedOf(model: SvcModel, sv: Float64Array, spec: KernelSpec): Learned {
  const binary = model.classes.length === 2;
  return {
    supportIndices: model.svRows.slice(),
    supportVectors: sv,
    dualCoef: binary ? model.svCoef.map((v) => -v) : model.svCoef.slice(),
    intercept: model.rho.map((r) => (binary ? r : -r)),
    nSupport: model.nSV.slice(),
    classes: model.classes.slice(),
    probA: model.probA ? model.probA.slice() : null,
    probB: model.probB ? model.probB.slice() : null,
    fittedGamma: spec.gamma,
    nIter: model.iter,
    converged: !model.timedOut,
  };
}

export const SVC_HYPERPARAMETERS = {
  ...KERNEL_SCHEMAS,
  classWeight: {
    type: 'enum',
    values: [null, 'balanced'],
    default: null,
    doc: "null: every class weighs 1; 'balanced': C of class c times n / (n_classes * count_c) of the training rows.",
  },
  decisionFunctionShape: {
    type: 'enum',
    values: ['ovr', 'ovo'],
    default: 'ovr',
    doc: "Shape of the decision function: 'ovr' (votes plus confidences per class) or libsvm's raw 'ovo' pairs. Used by breakTies.",
  },
  probability: {
    type: 'bool',
    default: false,
    doc: "Platt-scaled class probabilities (an internal 5-fold CV per pair, seeded): enables logLoss and rocAuc; costs ~6 fits.",
  },
  breakTies: {
    type: 'bool',
    default: false,
    doc: "With decisionFunctionShape 'ovr' and more than two classes, predict the argmax of the ovr decision function instead of the first class with most votes.",
  },
} as const satisfies EstimatorDef['hyperparameters'];

export const svc: EstimatorDef = {
  id: 'svc',
  kind: 'classifier',
  summary: "Support vector classifier (libsvm's C-SVC, one-vs-one): kernel, C and gamma in; support vectors and their dual coefficients out.",
  hyperparameters: SVC_HYPERPARAMETERS,
  defaultMetric: 'accuracy',
  // The fold's dot products serve every kernel and every C, gamma, coef0 and degree.
  shareKey: () => 'svm',
  supportsProba: (params) => params.probability === true,
  trainer: {
    evaluate(ctx, train, test, params) {
      const s = settings(params);
      const wantProba = s.probability && ctx.needsProba !== false;
      const { model, spec, sv } = fitSvc(ctx, train, s, wantProba);
      const dec = model.classes.length < 2 ? null : testDecision(ctx, train, test, spec, model.svRows, sv, model.nSV, model.svCoef, model.rho);
      return predictFromDecision(model, dec, test.rows, s, ctx.classes ?? model.classes, wantProba);
    },
    fit(ctx, train, params) {
      const s = settings(params);
      const { model, spec, sv } = fitSvc(ctx, train, s, s.probability);
      return learnedOf(model, sv, spec);
    },
  },
  predict(learned, X, params) {
    const s = settings(params);
    const classes = learned.classes as Float64Array;
    const sv = learned.supportVectors as Float64Array;
    const spec: KernelSpec = { kind: KERNEL_KIND[s.kernel], gamma: learned.fittedGamma as number, coef0: s.coef0, degree: s.degree };
    const nSvTotal = (learned.supportIndices as Int32Array).length;
    const binary = classes.length === 2;
    const dual = learned.dualCoef as Float64Array;
    const intercept = learned.intercept as Float64Array;
    const m = {
      classes,
      nSV: learned.nSupport as Int32Array,
      svCoef: binary ? dual.map((v) => -v) : dual,
      rho: intercept.map((b) => (binary ? b : -b)),
      probA: (learned.probA as Float64Array | null) ?? null,
      probB: (learned.probB as Float64Array | null) ?? null,
    };
    const dec = classes.length < 2 ? null : decisionValues(crossKernelJs(X.values, null, X.rows, sv, nSvTotal, X.cols, spec), X.rows, m.nSV, m.svCoef, m.rho);
    return predictFromDecision(m, dec, X.rows, s, classes, s.probability);
  },
};
