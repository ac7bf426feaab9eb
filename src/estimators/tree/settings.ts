/**
 * Hyperparameters of the tree models (scikit-learn 1.2.1's names in camelCase) and how a candidate's values become
 * the numbers the grower uses.
 *
 * JavaScript has one number type, so scikit-learn's "an int is a count, a float is a fraction" becomes:
 * - minSamplesLeaf: an integer >= 1 is a count; a number in (0, 0.5] is a fraction of the training rows (ceil).
 * - minSamplesSplit: an integer >= 2 is a count; a number in (0, 1) is a fraction (ceil, at least 2).
 * - maxFeatures: 'sqrt', 'log2', null (all features), a number in (0, 1] is a fraction of the features
 *   (max(1, floor(fraction * features)), so 1 means all of them, as scikit-learn's 1.0), an integer > 1 a count.
 *   A count of exactly one feature is written as a small fraction (e.g. 1e-9).
 * - maxDepth: null (no limit) or an integer >= 1.
 */
import type { HyperparameterSchema } from '../types';
import type { Params } from '../../types';
import { TuneError } from '../../errors';

/** Criterion ids shared with assembly/tree/split.ts. */
export const CRITERION_ID = { gini: 0, entropy: 1, log_loss: 1, squared_error: 2, absolute_error: 3 } as const;
export type CriterionName = keyof typeof CRITERION_ID;

export const TREE_COMMON_SCHEMA = {
  maxDepth: {
    type: 'float',
    min: 1,
    default: null,
    doc: 'Deepest level a node may split at (root = 0): an integer >= 1, or null for no limit.',
  },
  minSamplesSplit: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: 2,
    doc: 'Fewest rows a node needs to be split: an integer >= 2, or a fraction in (0, 1) of the training rows.',
  },
  minSamplesLeaf: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: 1,
    doc: 'Fewest rows each child of a split keeps: an integer >= 1, or a fraction in (0, 0.5] of the training rows.',
  },
  minImpurityDecrease: {
    type: 'float',
    min: 0,
    default: 0,
    doc: 'A node splits only if the weighted impurity decrease (share of rows x decrease) reaches this.',
  },
  ccpAlpha: {
    type: 'float',
    min: 0,
    default: 0,
    doc: 'Minimal cost-complexity pruning: subtrees whose effective alpha is at most ccpAlpha are cut back.',
  },
} as const satisfies Record<string, HyperparameterSchema>;

/** maxFeatures with its default (null for single trees, 'sqrt' for forest classifiers, 1 for forest regressors). */
export function maxFeaturesSchema(def: string | number | null): HyperparameterSchema {
  return {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: def as number | null,
    also: ['sqrt', 'log2', null],
    doc: "Features drawn at each split: 'sqrt', 'log2', null (all), a fraction in (0, 1], or a count > 1.",
  };
}

export const CLASSIFIER_CRITERIA = ['gini', 'entropy', 'log_loss'] as const;
export const REGRESSOR_CRITERIA = ['squared_error', 'absolute_error'] as const;

/** What the grower needs, resolved against the training rows and features of one fit. */
export interface GrowSettings {
  criterion: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  maxFeatures: number;
  minImpurityDecrease: number;
  ccpAlpha: number;
}

function bad(model: string, name: string, value: unknown, rule: string): TuneError {
  return new TuneError(
    'INVALID_HYPERPARAMETER',
    `${model}.${name} must be ${rule}, got ${JSON.stringify(value)}. Change the space for '${name}'.`,
    { name, value },
  );
}

/** Rules the schema cannot state (counts vs fractions, integers). Throws TuneError; `params` has every default. */
export function checkTreeParams(model: string, params: Params): void {
  const depth = params.maxDepth;
  if (depth !== null && depth !== undefined && !(typeof depth === 'number' && Number.isInteger(depth) && depth >= 1)) {
    throw bad(model, 'maxDepth', depth, 'an integer >= 1, or null for no limit');
  }
  const leaf = params.minSamplesLeaf;
  if (typeof leaf === 'number' && !(Number.isInteger(leaf) ? leaf >= 1 : leaf > 0 && leaf <= 0.5)) {
    throw bad(model, 'minSamplesLeaf', leaf, 'an integer >= 1 (rows) or a fraction in (0, 0.5] of the training rows');
  }
  const split = params.minSamplesSplit;
  if (typeof split === 'number' && !(Number.isInteger(split) ? split >= 2 : split > 0 && split < 1)) {
    throw bad(model, 'minSamplesSplit', split, 'an integer >= 2 (rows) or a fraction in (0, 1) of the training rows');
  }
  const mf = params.maxFeatures;
  if (typeof mf === 'number' && !(mf > 0 && (mf <= 1 || Number.isInteger(mf)))) {
    throw bad(model, 'maxFeatures', mf, "'sqrt', 'log2', null, a fraction in (0, 1] or an integer count > 1");
  }
}

/** Features drawn per split for `d` features (scikit-learn's rule for each form). */
export function resolveMaxFeatures(v: Params[string], d: number): number {
  if (v === null || v === undefined) return d;
  if (v === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(d)));
  if (v === 'log2') return Math.max(1, Math.floor(Math.log2(d)));
  const x = Number(v);
  return Math.min(d, x <= 1 ? Math.max(1, Math.floor(x * d)) : x);
}

/** The grower's settings for `n` training rows (before bootstrap) and `d` features. */
export function growSettings(params: Params, n: number, d: number, defaultCriterion: CriterionName): GrowSettings {
  const criterion = CRITERION_ID[(params.criterion ?? defaultCriterion) as CriterionName];
  const leafV = Number(params.minSamplesLeaf ?? 1);
  const minSamplesLeaf = Number.isInteger(leafV) ? leafV : Math.ceil(leafV * n);
  const splitV = Number(params.minSamplesSplit ?? 2);
  const minSplit = Number.isInteger(splitV) ? splitV : Math.max(2, Math.ceil(splitV * n));
  const depth = params.maxDepth;
  return {
    criterion,
    maxDepth: depth === null || depth === undefined ? 2 ** 31 - 1 : Number(depth),
    minSamplesSplit: Math.max(minSplit, 2 * minSamplesLeaf),
    minSamplesLeaf,
    maxFeatures: resolveMaxFeatures(params.maxFeatures, d),
    minImpurityDecrease: Number(params.minImpurityDecrease ?? 0),
    ccpAlpha: Number(params.ccpAlpha ?? 0),
  };
}

/** The trainer's view of a candidate: the values it sets over the model's defaults (tasks carry only the set ones). */
export function withSchemaDefaults(schema: Record<string, HyperparameterSchema>, params: Params): Params {
  const full: Params = {};
  for (const [name, s] of Object.entries(schema)) full[name] = s.default;
  return Object.assign(full, params);
}
