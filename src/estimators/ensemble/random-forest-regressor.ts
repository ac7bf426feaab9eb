import type { EstimatorDef } from '../types';
import type { Params } from '../../types';
import { FOREST_SCHEMA, checkForestParams, evaluateForest, forestKey, forestLearned, growForest, learnedForest } from './forest';
import { REGRESSOR_CRITERIA, maxFeaturesSchema, withSchemaDefaults } from '../tree/settings';
import { flatten, applyForest, meanValue } from '../tree/predict';

/** scikit-learn 1.2.1's RandomForestRegressor (mean of the trees; maxFeatures 1 = every feature by default). */
export const randomForestRegressor: EstimatorDef = {
  id: 'random-forest-regressor',
  kind: 'regressor',
  summary: 'Bootstrap-aggregated regression trees; the prediction is the mean of the trees.',
  hyperparameters: {
    ...FOREST_SCHEMA,
    criterion: {
      type: 'enum',
      values: REGRESSOR_CRITERIA,
      default: 'squared_error',
      doc: "'squared_error' (leaves predict the mean) or 'absolute_error' (the weighted median).",
    },
    maxFeatures: maxFeaturesSchema(1),
  },
  defaultMetric: 'r2',
  checkParams: (params: Params) => checkForestParams('random-forest-regressor', params),
  shareKey: (params) => forestKey(params),
  cost: (params) => Number(params.nEstimators),
  trainer: {
    evaluate(ctx, train, test, set) {
      const params = withSchemaDefaults(randomForestRegressor.hyperparameters, set);
      const f = flatten(growForest(ctx, train, params, 'regressor').trees, 1);
      return evaluateForest(ctx, f, test, 'regressor', null);
    },
    fit(ctx, train, set) {
      const params = withSchemaDefaults(randomForestRegressor.hyperparameters, set);
      return forestLearned(ctx, train, params, 'regressor');
    },
  },
  predict(learned, X) {
    const f = learnedForest(learned, 1);
    return { yPred: meanValue(f, applyForest(f, X), X.rows) };
  },
};
