import { METRIC_NAMES, type ModelInfo } from '../src/index';

/**
 * Which metrics suit which kind of model, their direction and a plain label. The library knows all this (its metric
 * registry) but exports only the names, so the page keeps its own table and drops anything the library lacks.
 */
interface MetricInfo {
  name: string;
  label: string;
  kind: ModelInfo['kind'];
  greaterIsBetter: boolean;
  /** Needs true labels (external clustering scores). */
  needsLabels?: boolean;
  /** Binary classification only (positive class = the larger label). */
  binary?: boolean;
  /** Only these models can be scored with it (their own likelihood: bic, aic, logLikelihood). */
  models?: string[];
}

const TABLE: MetricInfo[] = [
  { name: 'accuracy', label: 'accuracy', kind: 'classifier', greaterIsBetter: true },
  { name: 'balancedAccuracy', label: 'balanced accuracy', kind: 'classifier', greaterIsBetter: true },
  { name: 'f1Macro', label: 'F1 (macro average)', kind: 'classifier', greaterIsBetter: true },
  { name: 'f1Weighted', label: 'F1 (weighted average)', kind: 'classifier', greaterIsBetter: true },
  { name: 'f1Micro', label: 'F1 (micro average)', kind: 'classifier', greaterIsBetter: true },
  { name: 'f1', label: 'F1 (binary)', kind: 'classifier', greaterIsBetter: true, binary: true },
  { name: 'precision', label: 'precision (binary)', kind: 'classifier', greaterIsBetter: true, binary: true },
  { name: 'recall', label: 'recall (binary)', kind: 'classifier', greaterIsBetter: true, binary: true },
  { name: 'matthews', label: 'Matthews correlation', kind: 'classifier', greaterIsBetter: true },
  { name: 'logLoss', label: 'log loss', kind: 'classifier', greaterIsBetter: false },
  { name: 'rocAuc', label: 'ROC AUC', kind: 'classifier', greaterIsBetter: true },
  { name: 'r2', label: 'R² (coefficient of determination)', kind: 'regressor', greaterIsBetter: true },
  { name: 'mse', label: 'mean squared error', kind: 'regressor', greaterIsBetter: false },
  { name: 'rmse', label: 'root mean squared error', kind: 'regressor', greaterIsBetter: false },
  { name: 'mae', label: 'mean absolute error', kind: 'regressor', greaterIsBetter: false },
  { name: 'explainedVariance', label: 'explained variance', kind: 'regressor', greaterIsBetter: true },
  { name: 'inertia', label: 'inertia (within-cluster squares)', kind: 'clusterer', greaterIsBetter: false },
  { name: 'silhouette', label: 'silhouette', kind: 'clusterer', greaterIsBetter: true },
  { name: 'calinskiHarabasz', label: 'Calinski–Harabasz', kind: 'clusterer', greaterIsBetter: true },
  { name: 'daviesBouldin', label: 'Davies–Bouldin', kind: 'clusterer', greaterIsBetter: false },
  { name: 'adjustedRand', label: 'adjusted Rand (vs. true classes)', kind: 'clusterer', greaterIsBetter: true, needsLabels: true },
  { name: 'nmi', label: 'normalised mutual information (vs. true classes)', kind: 'clusterer', greaterIsBetter: true, needsLabels: true },
  { name: 'bic', label: 'BIC (Bayesian information criterion)', kind: 'clusterer', greaterIsBetter: false, models: ['gaussian-mixture'] },
  { name: 'aic', label: 'AIC (Akaike information criterion)', kind: 'clusterer', greaterIsBetter: false, models: ['gaussian-mixture'] },
  { name: 'logLikelihood', label: 'mean log-likelihood', kind: 'clusterer', greaterIsBetter: true, models: ['gaussian-mixture'] },
];

const known = new Set<string>(METRIC_NAMES);

/**
 * The metric the page starts with: the model's default, except for clustering, where inertia always favours more
 * clusters (so a search over nClusters would just pick the largest); silhouette can prefer fewer, better-separated ones.
 */
export function preferredMetric(model: ModelInfo): string {
  // A model scored by its own likelihood (a Gaussian mixture: bic) keeps its default: BIC weighs fit against size.
  const ownLikelihood = TABLE.some((m) => m.name === model.defaultMetric && m.models?.includes(model.id));
  return model.kind === 'clusterer' && !ownLikelihood && known.has('silhouette') ? 'silhouette' : model.defaultMetric;
}

/** Metrics for a model of `kind` on data with `nClasses` classes (0 = no labels), the model's default first. */
export function metricsFor(model: ModelInfo, nClasses: number): MetricInfo[] {
  const list = TABLE.filter(
    (m) =>
      m.kind === model.kind && known.has(m.name) && (!m.binary || nClasses === 2) && (!m.needsLabels || nClasses > 0) &&
      (!m.models || m.models.includes(model.id)),
  );
  const first = list.findIndex((m) => m.name === preferredMetric(model));
  if (first > 0) list.unshift(...list.splice(first, 1));
  if (first < 0 && known.has(model.defaultMetric)) {
    list.unshift({ name: model.defaultMetric, label: model.defaultMetric, kind: model.kind, greaterIsBetter: true });
  }
  return list;
}

export function metricInfo(name: string): MetricInfo | undefined {
  return TABLE.find((m) => m.name === name);
}

/** "higher is better" / "lower is better". */
export function direction(name: string): string {
  return metricInfo(name)?.greaterIsBetter === false ? 'lower is better' : 'higher is better';
}

export function greaterIsBetter(name: string): boolean {
  return metricInfo(name)?.greaterIsBetter !== false;
}
