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
// <estimator imports: one line per model file, keep this marker>

/** Every implemented model, by id. Adding a model = one file + one line here. */
const ESTIMATORS: Partial<Record<ModelId, EstimatorDef>> = {
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
  // <estimator entries: one line per model, keep this marker>
};

export function implementedModels(): ModelId[] {
  return MODEL_IDS.filter((id) => ESTIMATORS[id] !== undefined);
}

/** The estimator for `id`, or a TuneError naming the closest valid id. */
export function getEstimator(id: string): EstimatorDef {
  const def = ESTIMATORS[id as ModelId];
  if (!def) {
    if ((MODEL_IDS as readonly string[]).includes(id)) {
      throw unknownNameError('MODEL_NOT_AVAILABLE', 'model', id, implementedModels());
    }
    throw unknownNameError('UNKNOWN_MODEL', 'model', id, implementedModels());
  }
  return def;
}

/** Public description of a model: what it is and which hyperparameters it takes (with defaults and docs). */
export interface ModelInfo {
  id: ModelId;
  kind: EstimatorDef['kind'];
  summary: string;
  defaultMetric: string;
  hyperparameters: EstimatorDef['hyperparameters'];
}

/** Every implemented model, for documentation and UIs (the demo builds its forms from this). */
export function listModels(): ModelInfo[] {
  return implementedModels().map((id) => {
    const { kind, summary, defaultMetric, hyperparameters } = ESTIMATORS[id]!;
    return { id, kind, summary, defaultMetric, hyperparameters };
  });
}
