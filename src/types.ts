/** Core data shapes shared by the facade, the workers and the pure-logic modules. */

/** A dense row-major matrix: values[r * cols + c]. */
export interface Matrix {
  values: Float64Array;
  rows: number;
  cols: number;
}

/** Hyperparameter values of one candidate, by camelCase name (model included when the space chooses it). */
export type Params = Record<string, number | string | boolean | null>;

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
  'svc',
  'svr',
];
