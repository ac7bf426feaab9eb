/** Core data shapes shared by the facade, the workers and the pure-logic modules. */

/** A dense row-major matrix: values[r * cols + c]. */
export interface Matrix {
  values: Float64Array;
  rows: number;
  cols: number;
}

/** One scalar hyperparameter value. */
export type ScalarValue = number | string | boolean | null;

/** A hyperparameter value: a scalar, or an array of scalars compared by content (e.g. hiddenLayerSizes [128, 64]). */
export type ParamValue = ScalarValue | readonly ScalarValue[];

/** Hyperparameter values of one candidate, by camelCase name (model included when the space chooses it). */
export type Params = Record<string, ParamValue>;

export type ModelKind = 'classifier' | 'regressor' | 'clusterer';

export type ModelId =
  | 'knn-classifier'
  | 'knn-regressor'
  | 'kmeans'
  | 'linear-regression'
  | 'ridge'
  | 'lasso'
  | 'elastic-net'
  | 'logistic-regression'
  | 'sgd-classifier'
  | 'sgd-regressor'
  | 'mlp-classifier'
  | 'mlp-regressor'
  | 'gaussian-nb'
  | 'gaussian-mixture'
  | 'decision-tree-classifier'
  | 'decision-tree-regressor'
  | 'random-forest-classifier'
  | 'random-forest-regressor'
  | 'svc'
  | 'svr';

export const MODEL_IDS: readonly ModelId[] = [
  'knn-classifier',
  'knn-regressor',
  'kmeans',
  'linear-regression',
  'ridge',
  'lasso',
  'elastic-net',
  'logistic-regression',
  'sgd-classifier',
  'sgd-regressor',
  'mlp-classifier',
  'mlp-regressor',
  'gaussian-nb',
  'gaussian-mixture',
  'decision-tree-classifier',
  'decision-tree-regressor',
  'random-forest-classifier',
  'random-forest-regressor',
  'svc',
  'svr',
];
