import type { EstimatorDef } from './types';
import type { ModelId } from '../types';
import { MODEL_IDS } from '../types';
import { unknownNameError } from '../errors';
import { knnClassifier } from './knn-classifier';
import { knnRegressor } from './knn-regressor';
import { linearRegression } from './linear-regression';
import { ridge } from './ridge';
import { lasso } from './lasso';
import { elasticNet } from './elastic-net';
import { logisticRegression } from './logistic-regression';
import { kmeans } from './kmeans';
import { sgdClassifier } from './sgd-classifier';
import { sgdRegressor } from './sgd-regressor';
import { mlpClassifier } from './neural_network/mlp-classifier';
import { mlpRegressor } from './neural_network/mlp-regressor';
import { gaussianNb } from './naive_bayes/gaussian-nb';
import { gaussianMixture } from './mixture/gaussian-mixture';
import { decisionTreeClassifier } from './tree/decision-tree-classifier';
import { decisionTreeRegressor } from './tree/decision-tree-regressor';
import { randomForestClassifier } from './ensemble/random-forest-classifier';
import { randomForestRegressor } from './ensemble/random-forest-regressor';
import { svc } from './svm/svc';
import { svr } from './svm/svr';
// <estimator imports: one line per model file, keep this marker>

/** Every model, by id: the type requires an estimator for each id in MODEL_IDS. Adding a model = one file + one line
 *  here (+ its id in MODEL_IDS). */
const ESTIMATORS: Record<ModelId, EstimatorDef> = {
  'knn-classifier': knnClassifier,
  'knn-regressor': knnRegressor,
  'linear-regression': linearRegression,
  ridge,
  lasso,
  'elastic-net': elasticNet,
  'logistic-regression': logisticRegression,
  kmeans,
  'sgd-classifier': sgdClassifier,
  'sgd-regressor': sgdRegressor,
  'mlp-classifier': mlpClassifier,
  'mlp-regressor': mlpRegressor,
  'gaussian-nb': gaussianNb,
  'gaussian-mixture': gaussianMixture,
  'decision-tree-classifier': decisionTreeClassifier,
  'decision-tree-regressor': decisionTreeRegressor,
  'random-forest-classifier': randomForestClassifier,
  'random-forest-regressor': randomForestRegressor,
  svc,
  svr,
  // <estimator entries: one line per model, keep this marker>
};

/** The estimator for `id`, or a TuneError naming the closest valid id. */
export function getEstimator(id: string): EstimatorDef {
  if (!Object.hasOwn(ESTIMATORS, id)) throw unknownNameError('UNKNOWN_MODEL', 'model', id, MODEL_IDS);
  return ESTIMATORS[id as ModelId];
}

/** Public description of a model: what it is and which hyperparameters it takes (with defaults and docs). */
export interface ModelInfo {
  id: ModelId;
  kind: EstimatorDef['kind'];
  summary: string;
  defaultMetric: string;
  hyperparameters: EstimatorDef['hyperparameters'];
}

/** Every model, for documentation and UIs (the demo builds its forms from this). */
export function listModels(): ModelInfo[] {
  return MODEL_IDS.map((id) => {
    const { kind, summary, defaultMetric, hyperparameters } = ESTIMATORS[id];
    return { id, kind, summary, defaultMetric, hyperparameters };
  });
}
