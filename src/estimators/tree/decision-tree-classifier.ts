import type { EstimatorDef, Learned } from '../types';
import type { Params } from '../../types';
import { CLASSIFIER_CRITERIA, TREE_COMMON_SCHEMA, checkTreeParams, maxFeaturesSchema, withSchemaDefaults } from './settings';
import { fitTree, treeLearned } from './fit';
import { applyForest, applyForestWasm, voteProba, type Forest } from './predict';
import { checkClassLabels } from './labels';

/** A learned tree as a one-tree forest for the shared prediction code. */
export function asForest(l: Learned, nOut: number): Forest {
  const left = l.left as Int32Array;
  return {
    feature: l.feature as Int32Array,
    threshold: l.threshold as Float64Array,
    left,
    right: l.right as Int32Array,
    value: l.value as Float64Array,
    offsets: Int32Array.of(0, left.length),
    nOut,
  };
}

export const CLASSIFIER_TREE_SCHEMA = {
  criterion: {
    type: 'enum',
    values: CLASSIFIER_CRITERIA,
    default: 'gini',
    doc: "Impurity a split must reduce: 'gini', or 'entropy' / 'log_loss' (the same: Shannon entropy in bits).",
  },
  ...TREE_COMMON_SCHEMA,
} as const;

/**
 * scikit-learn 1.2.1's DecisionTreeClassifier (splitter 'best'): the split points are learned, the depth and leaf
 * sizes are set. Every tree candidate on a fold shares the fold's presorted feature orders.
 */
export const decisionTreeClassifier: EstimatorDef = {
  id: 'decision-tree-classifier',
  kind: 'classifier',
  summary: 'A binary tree of threshold splits grown greedily on gini or entropy (CART, scikit-learn\'s best splitter).',
  hyperparameters: { ...CLASSIFIER_TREE_SCHEMA, maxFeatures: maxFeaturesSchema(null) },
  defaultMetric: 'accuracy',
  checkParams: (params: Params) => checkTreeParams('decision-tree-classifier', params),
  checkTargets: (y) => checkClassLabels('decision-tree-classifier', y),
  // The presorted orders depend on the fold only: every tree candidate shares them.
  shareKey: () => 'presort',
  trainer: {
    evaluate(ctx, train, test, set) {
      const params = withSchemaDefaults(decisionTreeClassifier.hyperparameters, set);
      const classes = ctx.classes!;
      const t = fitTree(ctx, train, params, 'classifier');
      const f = asForest(treeLearned(t, train.cols, classes), classes.length);
      return { ...voteProba(f, applyForestWasm(ctx.kernels, f, test), test.rows, classes), classes };
    },
    fit(ctx, train, set) {
      const params = withSchemaDefaults(decisionTreeClassifier.hyperparameters, set);
      return treeLearned(fitTree(ctx, train, params, 'classifier'), train.cols, ctx.classes!);
    },
  },
  predict(learned, X) {
    const classes = learned.classes as Float64Array;
    const f = asForest(learned, classes.length);
    return { ...voteProba(f, applyForest(f, X), X.rows, classes), classes };
  },
};
