import type { EstimatorDef, Learned, TrainContext, FoldSide } from '../types';
import type { Params } from '../../types';
import { TuneError } from '../../errors';
import { COVARIANCE_TYPES, argmaxRows, nParameters, responsibilities, weightedLogProb, type CovarianceType } from './gmm-math';
import { INIT_PARAMS, initialResponsibilities, type InitParams } from './init';
import { fitMixture } from './fit';
import type { EmSettings } from './em';

/**
 * Gaussian mixture fitted by EM, scikit-learn 1.2.1 `GaussianMixture` (hyperparameters and defaults in camelCase).
 * Learned: weights, means (k x d), covariances and precisionsCholesky (full k x d x d, tied d x d, diag k x d,
 * spherical k), converged, nIter, lowerBound (mean log-likelihood per row of the last E-step of the kept run).
 * Predictions: the component of highest responsibility (predict) and the responsibilities (predictProba, classes
 * 0..k-1). Scored by `bic` (default, lower is better), `aic` or `logLikelihood` (mean per row), all computed on the
 * scored rows with the fitted parameters, as scikit-learn's bic(X) / aic(X) / score(X).
 * nComponents is the classic hyperparameter chosen by a criterion: a grid over it scored by bic, with no CV.
 */
interface MixtureSettings extends EmSettings {
  nInit: number;
  initParams: InitParams;
}

function settings(params: Params): MixtureSettings {
  return {
    nComponents: Number(params.nComponents ?? 1),
    covarianceType: (params.covarianceType ?? 'full') as CovarianceType,
    regCovar: Number(params.regCovar ?? 1e-6),
    tol: Number(params.tol ?? 1e-3),
    maxIter: Number(params.maxIter ?? 100),
    nInit: Number(params.nInit ?? 1),
    initParams: (params.initParams ?? 'kmeans') as InitParams,
  };
}

function checkRows(k: number, rows: number): void {
  if (k > rows) {
    throw new TuneError(
      'EXCEEDS_TRAINING_ROWS',
      `gaussian-mixture: nComponents=${k} exceeds the ${rows} rows it is fitted on; nComponents must be at most ${rows}. ` +
        'Lower the upper bound of nComponents.',
      { name: 'nComponents', value: k, rows },
    );
  }
}

function fitOn(ctx: TrainContext, train: FoldSide, test: FoldSide | null, params: Params, withResp: boolean) {
  const s = settings(params);
  checkRows(s.nComponents, train.rows);
  const starts = initialResponsibilities(ctx, train, s.nComponents, s.initParams, s.nInit);
  return { s, ...fitMixture(ctx.kernels, train, s, starts, test, withResp) };
}

export const gaussianMixture: EstimatorDef = {
  id: 'gaussian-mixture',
  kind: 'clusterer',
  summary: 'Gaussian mixture fitted by expectation-maximisation; nComponents is usually chosen by BIC.',
  hyperparameters: {
    nComponents: { type: 'int', min: 1, default: 1, doc: 'Number of Gaussian components; at most the number of rows.' },
    covarianceType: {
      type: 'enum',
      values: COVARIANCE_TYPES,
      default: 'full',
      doc: "'full': one covariance matrix per component; 'tied': one shared matrix; 'diag': per-component variances; 'spherical': one variance per component.",
    },
    tol: { type: 'float', min: 0, default: 1e-3, doc: 'EM stops when the mean log-likelihood improves by less than tol.' },
    regCovar: {
      type: 'float',
      min: 0,
      default: 1e-6,
      doc: 'Added to the diagonal of every covariance so that it stays positive definite; raise it if a fit reports a singular covariance.',
    },
    maxIter: { type: 'int', min: 0, default: 100, doc: 'Maximum EM iterations per initialisation.' },
    nInit: { type: 'int', min: 1, default: 1, doc: 'Number of initialisations; the one with the highest lower bound is kept.' },
    initParams: {
      type: 'enum',
      values: INIT_PARAMS,
      default: 'kmeans',
      doc: "Initial responsibilities: 'kmeans' (labels of a k-means run), 'k-means++' (its seeding rows), 'random', 'random_from_data' (random rows).",
    },
  },
  defaultMetric: 'bic',
  reportsLikelihood: true,
  // One k-means initialisation per (fold, nComponents, initParams, nInit) serves every covariance type.
  shareKey: (params) => `k=${params.nComponents}:${params.initParams}:${params.nInit}`,
  cost: (params) => {
    const t = params.covarianceType;
    return Number(params.nComponents) * Number(params.nInit) * (t === 'full' ? 8 : t === 'tied' ? 4 : 1);
  },
  trainer: {
    evaluate(ctx, train, test, params) {
      const withResp = ctx.needsProba !== false;
      const { s, score } = fitOn(ctx, train, test, params, withResp);
      const k = s.nComponents;
      return {
        yPred: score!.labels,
        proba: score!.resp,
        classes: withResp ? Float64Array.from({ length: k }, (_, c) => c) : undefined,
        logLikelihood: score!.logLikelihood,
        nParameters: nParameters(s.covarianceType, k, train.cols),
      };
    },
    fit(ctx, train, params) {
      const { fit } = fitOn(ctx, train, null, params, false);
      return {
        weights: fit.weights,
        means: fit.means,
        covariances: fit.covariances,
        precisionsCholesky: fit.precisionsCholesky,
        converged: fit.converged,
        nIter: fit.nIter,
        lowerBound: fit.lowerBound,
        cols: train.cols,
      };
    },
  },
  predict(learned: Learned, X, params) {
    const t = (params.covarianceType ?? 'full') as CovarianceType;
    const weights = learned.weights as Float64Array;
    const k = weights.length;
    const wlp = weightedLogProb(X.values, X.rows, X.cols, t, weights, learned.means as Float64Array, learned.precisionsCholesky as Float64Array);
    const lse = responsibilities(wlp, X.rows, k);
    let total = 0;
    for (let i = 0; i < X.rows; i++) total += lse[i];
    return {
      yPred: argmaxRows(wlp, X.rows, k),
      proba: wlp,
      classes: Float64Array.from({ length: k }, (_, c) => c),
      logLikelihood: total / X.rows,
      nParameters: nParameters(t, k, X.cols),
    };
  },
};
