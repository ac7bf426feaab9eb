/**
 * The scorer contract shared by the registry, the trial runner and the ranking code.
 *
 * Values are reported as each metric is defined (log loss and MSE positive, never negated as scikit-learn's `neg_*`
 * scorers are); `greaterIsBetter` tells ranking which way is up.
 * Error policy of every `compute`:
 * - malformed input (missing yTrue / proba / classes / X, mismatched lengths, a true label missing from `classes`)
 *   throws a `TuneError` whose code starts with `METRIC_` (the trial runner applies its `errorScore` policy);
 * - a value that is mathematically undefined for well-formed input (empty input, a single cluster, a single class for
 *   ROC AUC), where scikit-learn warns or raises, is returned as NaN, and NaN always ranks worst (`isBetter`).
 */
import type { Matrix } from '../types';

export type MetricName =
  | 'accuracy'
  | 'balancedAccuracy'
  | 'f1'
  | 'f1Macro'
  | 'f1Weighted'
  | 'f1Micro'
  | 'precision'
  | 'recall'
  | 'logLoss'
  | 'rocAuc'
  | 'matthews'
  | 'r2'
  | 'mse'
  | 'rmse'
  | 'mae'
  | 'explainedVariance'
  | 'silhouette'
  | 'calinskiHarabasz'
  | 'daviesBouldin'
  | 'inertia'
  | 'adjustedRand'
  | 'nmi'
  | 'bic'
  | 'aic'
  | 'logLikelihood';

/** Every metric name, in the order of the public documentation. */
export const METRIC_NAMES: readonly MetricName[] = [
  'accuracy',
  'balancedAccuracy',
  'f1',
  'f1Macro',
  'f1Weighted',
  'f1Micro',
  'precision',
  'recall',
  'logLoss',
  'rocAuc',
  'matthews',
  'r2',
  'mse',
  'rmse',
  'mae',
  'explainedVariance',
  'silhouette',
  'calinskiHarabasz',
  'daviesBouldin',
  'inertia',
  'adjustedRand',
  'nmi',
  'bic',
  'aic',
  'logLikelihood',
];

export type MetricTask = 'classification' | 'regression' | 'clustering';

export interface MetricInput {
  /** Class labels as numbers / regression targets / ground-truth cluster labels; null when unknown. */
  yTrue: Float64Array | null;
  /** Predicted labels, values, or cluster ids (same length as yTrue when yTrue is given). */
  yPred: Float64Array;
  /** Row-major rows x classes.length probabilities, columns in `classes` order. */
  proba?: Float64Array;
  /** Sorted distinct class labels seen in training (column order of proba). */
  classes?: Float64Array;
  /** Features, one row per prediction (silhouette, calinskiHarabasz, daviesBouldin, inertia). */
  X?: Matrix;
  /** Optional cluster centres for inertia (row c = centre of cluster id c); else the cluster means are used. */
  centroids?: Matrix;
  /** Mean log-likelihood per row and free-parameter count of a probabilistic model (logLikelihood, bic, aic). */
  logLikelihood?: number;
  nParameters?: number;
  /** Seed for silhouette's row sampling above SILHOUETTE_EXACT_MAX_ROWS; 0 when absent. */
  seed?: number;
}

export interface Metric {
  name: MetricName;
  greaterIsBetter: boolean;
  task: MetricTask;
  /** Needs `proba` and `classes` (logLoss, rocAuc). */
  needsProba: boolean;
  /** Needs `X` (silhouette, calinskiHarabasz, daviesBouldin, inertia). */
  needsX: boolean;
  /** Needs `yTrue` (all supervised metrics, and adjustedRand / nmi). */
  needsLabels: boolean;
  /** Needs `logLikelihood` / `nParameters` from the model (bic, aic, logLikelihood): only models whose EstimatorDef
   *  sets `reportsLikelihood` may be scored with it. Absent: false. */
  needsLikelihood?: boolean;
  /** Pure: reads the input, allocates only its own scratch, never mutates the input arrays. */
  compute(input: MetricInput): number;
}
