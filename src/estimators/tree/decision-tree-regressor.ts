import type { EstimatorDef } from '../types';
import type { Params } from '../../types';
import { REGRESSOR_CRITERIA, TREE_COMMON_SCHEMA, checkTreeParams, maxFeaturesSchema, withSchemaDefaults } from './settings';
import { fitTree, treeLearned } from './fit';
import { applyForest, applyForestWasm, meanValue } from './predict';
import { asForest } from './decision-tree-classifier';

export const REGRESSOR_TREE_SCHEMA = {
  criterion: {
    type: 'enum',
    values: REGRESSOR_CRITERIA,
    default: 'squared_error',
    doc: "'squared_error' (leaves predict the mean) or 'absolute_error' (leaves predict the weighted median).",
  },
  ...TREE_COMMON_SCHEMA,
} as const;

/** scikit-learn 1.2.1's DecisionTreeRegressor (splitter 'best'). */
export const decisionTreeRegressor: EstimatorDef = {
  id: 'decision-tree-regressor',
  kind: 'regressor',
  summary: 'A binary tree of threshold splits grown greedily on squared or absolute error (CART).',
  hyperparameters: { ...REGRESSOR_TREE_SCHEMA, maxFeatures: maxFeaturesSchema(null) },
  defaultMetric: 'r2',
  checkParams: (params: Params) => checkTreeParams('decision-tree-regressor', params),
  shareKey: () => 'presort',
  trainer: {
    evaluate(ctx, train, test, set) {
      const params = withSchemaDefaults(decisionTreeRegressor.hyperparameters, set);
      const f = asForest(treeLearned(fitTree(ctx, train, params, 'regressor'), train.cols, null), 1);
      return { yPred: meanValue(f, applyForestWasm(ctx.kernels, f, test), test.rows) };
    },
    fit(ctx, train, set) {
      const params = withSchemaDefaults(decisionTreeRegressor.hyperparameters, set);
      return treeLearned(fitTree(ctx, train, params, 'regressor'), train.cols, null);
    },
  },
  predict(learned, X) {
    const f = asForest(learned, 1);
    return { yPred: meanValue(f, applyForest(f, X), X.rows) };
  },
};
