import type { EstimatorDef } from '../types';
import type { Params } from '../../types';
import { FOREST_SCHEMA, checkForestParams, evaluateForest, forestKey, forestLearned, growForest, learnedForest } from './forest';
import { CLASSIFIER_CRITERIA, maxFeaturesSchema, withSchemaDefaults } from '../tree/settings';
import { flatten, applyForest, voteProba } from '../tree/predict';
import { checkClassLabels } from '../tree/labels';

/** scikit-learn 1.2.1's RandomForestClassifier (soft voting; maxFeatures 'sqrt' by default). See forest.ts. */
export const randomForestClassifier: EstimatorDef = {
  id: 'random-forest-classifier',
  kind: 'classifier',
  summary: 'Bootstrap-aggregated decision trees with random feature subsets at each split; the trees vote with their class probabilities.',
  hyperparameters: {
    ...FOREST_SCHEMA,
    criterion: {
      type: 'enum',
      values: CLASSIFIER_CRITERIA,
      default: 'gini',
      doc: "Impurity a split must reduce: 'gini', or 'entropy' / 'log_loss' (Shannon entropy in bits).",
    },
    maxFeatures: maxFeaturesSchema('sqrt'),
  },
  defaultMetric: 'accuracy',
  checkParams: (params: Params) => checkForestParams('random-forest-classifier', params),
  checkTargets: (y) => checkClassLabels('random-forest-classifier', y),
  // Candidates that differ only in nEstimators (or oobScore) share their trees: same worker, same fold cache.
  shareKey: (params) => forestKey(params),
  cost: (params) => Number(params.nEstimators),
  trainer: {
    evaluate(ctx, train, test, set) {
      const params = withSchemaDefaults(randomForestClassifier.hyperparameters, set);
      const classes = ctx.classes!;
      const f = flatten(growForest(ctx, train, params, 'classifier').trees, classes.length);
      return evaluateForest(ctx, f, test, 'classifier', classes);
    },
    fit(ctx, train, set) {
      const params = withSchemaDefaults(randomForestClassifier.hyperparameters, set);
      return forestLearned(ctx, train, params, 'classifier');
    },
  },
  predict(learned, X) {
    const classes = learned.classes as Float64Array;
    const f = learnedForest(learned, classes.length);
    return { ...voteProba(f, applyForest(f, X), X.rows, classes), classes };
  },
};
