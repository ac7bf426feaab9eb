/**
 * The metric registry: every scorer by name with its direction and needs, lookup with a did-you-mean error, and
 * the comparison ranking uses. Scorers are pure functions of a MetricInput (see types.ts for the error policy).
 */
import { unknownNameError } from '../errors';
import {
  accuracy,
  averagedScore,
  balancedAccuracy,
  defaultAveragedScore,
  matthews,
  type Average,
  type Score,
} from './classification';
import { adjustedRand, nmi } from './clustering-external';
import { calinskiHarabasz, daviesBouldin, inertia, silhouette } from './clustering-internal';
import { requireFiniteLabels, requireLabels, requireProba, requireX } from './input';
import { logLoss, rocAuc } from './probabilistic';
import { aic, bic, logLikelihood } from './likelihood';
import { explainedVariance, mae, mse, r2, rmse } from './regression';
import { METRIC_NAMES, type Metric, type MetricInput, type MetricName } from './types';

export { METRIC_NAMES } from './types';
export type { Metric, MetricInput, MetricName, MetricTask } from './types';
export { SILHOUETTE_EXACT_MAX_ROWS } from './clustering-internal';
export { LOG_LOSS_EPS } from './probabilistic';

type LabelFn = (yTrue: Float64Array, yPred: Float64Array) => number;

/** yTrue checked present, of yPred's length, and both sides finite labels. */
function labels(name: MetricName, input: MetricInput): Float64Array {
  const yTrue = requireLabels(name, input);
  requireFiniteLabels(name, yTrue, 'yTrue');
  requireFiniteLabels(name, input.yPred, 'yPred');
  return yTrue;
}

/** A classifier score over predicted labels. */
function labelMetric(name: MetricName, fn: (input: MetricInput, yTrue: Float64Array) => number): Metric {
  return {
    name,
    greaterIsBetter: true,
    task: 'classification',
    needsProba: false,
    needsX: false,
    needsLabels: true,
    compute: (input) => fn(input, labels(name, input)),
  };
}

function averaged(name: MetricName, score: Score, average: Average): Metric {
  return labelMetric(name, (input, yTrue) => averagedScore(yTrue, input.yPred, score, average));
}

function byDefault(name: MetricName, score: Score): Metric {
  return labelMetric(name, (input, yTrue) => defaultAveragedScore(input, yTrue, score));
}

function probaMetric(name: MetricName, greaterIsBetter: boolean, fn: typeof logLoss): Metric {
  return {
    name,
    greaterIsBetter,
    task: 'classification',
    needsProba: true,
    needsX: false,
    needsLabels: true,
    compute: (input) => {
      const yTrue = requireLabels(name, input);
      const { proba, classes } = requireProba(name, input);
      return fn(yTrue, proba, classes);
    },
  };
}

function regressionMetric(name: MetricName, greaterIsBetter: boolean, fn: LabelFn): Metric {
  return {
    name,
    greaterIsBetter,
    task: 'regression',
    needsProba: false,
    needsX: false,
    needsLabels: true,
    compute: (input) => fn(requireLabels(name, input), input.yPred),
  };
}

function internalMetric(
  name: MetricName,
  greaterIsBetter: boolean,
  fn: (input: MetricInput, X: NonNullable<MetricInput['X']>) => number,
): Metric {
  return {
    name,
    greaterIsBetter,
    task: 'clustering',
    needsProba: false,
    needsX: true,
    needsLabels: false,
    compute: (input) => {
      const X = requireX(name, input);
      requireFiniteLabels(name, input.yPred, 'yPred');
      return fn(input, X);
    },
  };
}

function externalMetric(name: MetricName, fn: LabelFn): Metric {
  return {
    name,
    greaterIsBetter: true,
    task: 'clustering',
    needsProba: false,
    needsX: false,
    needsLabels: true,
    compute: (input) => fn(labels(name, input), input.yPred),
  };
}

/** A score from the model's own likelihood (see likelihood.ts): needs neither X nor labels. */
function likelihoodMetric(name: MetricName, greaterIsBetter: boolean, fn: (input: MetricInput) => number): Metric {
  return { name, greaterIsBetter, task: 'clustering', needsProba: false, needsX: false, needsLabels: false, needsLikelihood: true, compute: fn };
}

/** Every metric by name. Directions: all greater-is-better except logLoss, mse, rmse, mae, daviesBouldin, inertia,
 *  bic, aic. */
export const METRICS: Record<MetricName, Metric> = {
  accuracy: labelMetric('accuracy', (input, yTrue) => accuracy(yTrue, input.yPred)),
  balancedAccuracy: labelMetric('balancedAccuracy', (input, yTrue) => balancedAccuracy(yTrue, input.yPred)),
  f1: byDefault('f1', 'f1'),
  f1Macro: averaged('f1Macro', 'f1', 'macro'),
  f1Weighted: averaged('f1Weighted', 'f1', 'weighted'),
  f1Micro: averaged('f1Micro', 'f1', 'micro'),
  precision: byDefault('precision', 'precision'),
  recall: byDefault('recall', 'recall'),
  logLoss: probaMetric('logLoss', false, logLoss),
  rocAuc: probaMetric('rocAuc', true, rocAuc),
  matthews: labelMetric('matthews', (input, yTrue) => matthews(yTrue, input.yPred)),
  r2: regressionMetric('r2', true, r2),
  mse: regressionMetric('mse', false, mse),
  rmse: regressionMetric('rmse', false, rmse),
  mae: regressionMetric('mae', false, mae),
  explainedVariance: regressionMetric('explainedVariance', true, explainedVariance),
  silhouette: internalMetric('silhouette', true, (input, X) => silhouette(X, input.yPred, input.seed ?? 0)),
  calinskiHarabasz: internalMetric('calinskiHarabasz', true, (input, X) => calinskiHarabasz(X, input.yPred)),
  daviesBouldin: internalMetric('daviesBouldin', false, (input, X) => daviesBouldin(X, input.yPred)),
  inertia: internalMetric('inertia', false, (input, X) => inertia(X, input.yPred, input.centroids)),
  adjustedRand: externalMetric('adjustedRand', adjustedRand),
  nmi: externalMetric('nmi', nmi),
  bic: likelihoodMetric('bic', false, bic),
  aic: likelihoodMetric('aic', false, aic),
  logLikelihood: likelihoodMetric('logLikelihood', true, logLikelihood),
};

/** The metric called `name` (exact, case-sensitive); TuneError UNKNOWN_METRIC with a suggestion otherwise. */
export function getMetric(name: string): Metric {
  if (Object.prototype.hasOwnProperty.call(METRICS, name)) return METRICS[name as MetricName];
  throw unknownNameError('UNKNOWN_METRIC', 'metric', name, METRIC_NAMES);
}

/** True when score `a` is strictly better than `b` in the metric's direction. NaN is worse than any number. */
export function isBetter(metric: Metric, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return metric.greaterIsBetter ? a > b : a < b;
}

/**
 * Sort comparator over scores, best first: negative when `a` is better, positive when worse, 0 when tied
 * (NaN ties with NaN and sorts after every number).
 */
export function compareScores(metric: Metric, a: number, b: number): number {
  if (isBetter(metric, a, b)) return -1;
  if (isBetter(metric, b, a)) return 1;
  return 0;
}

/** Public description of a metric: what it scores, which way is better, and what it needs. */
export interface MetricInfo {
  name: MetricName;
  task: Metric['task'];
  greaterIsBetter: boolean;
  needsProba: boolean;
  needsX: boolean;
  needsLabels: boolean;
}

/** Every metric, for documentation and UIs (e.g. offering only the metrics that fit a model kind). */
export function listMetrics(): MetricInfo[] {
  return METRIC_NAMES.map((name) => {
    const { task, greaterIsBetter, needsProba, needsX, needsLabels } = METRICS[name];
    return { name, task, greaterIsBetter, needsProba, needsX, needsLabels };
  });
}
