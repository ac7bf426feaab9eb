/**
 * Random forests (scikit-learn 1.2.1's RandomForestClassifier / RandomForestRegressor): nEstimators trees, each grown
 * on a bootstrap sample (rows drawn with replacement, kept as integer weights as scikit-learn does) with maxFeatures
 * features drawn at each split; classifiers average the trees' class probabilities (soft voting), regressors their
 * values.
 *
 * Seeds and the nEstimators prefix property. Tree i's randomness (its bootstrap and its feature draws) derives from
 * (base, i) only, where base = (the search's stream seed, split, fold): TaskHints.streamSeed is the same for every
 * candidate of a search, unlike TrainContext.seed, which depends on the candidate's index. In the refit (no hints,
 * no fold) base is the refit's own seed. So a forest of N trees and one of k < N trees with the same other settings
 * share their first k trees exactly, on every fold, whatever the candidates' indices; folds draw independent trees.
 * The grown trees are cached on the fold (TrainContext.foldCache) under the other settings, and shareKey sends such
 * candidates to the same worker: the larger candidate grows only the trees the smaller did not, and the smaller one
 * reuses a prefix of the larger's.
 */
import type { FoldSide, Learned, TrainContext } from '../types';
import type { Params } from '../../types';
import type { TreeArrays } from '../tree/grow';
import { TREE_COMMON_SCHEMA, checkTreeParams } from '../tree/settings';
import { settingsFor, workspace, type TreeKind } from '../tree/fit';
import { applyForestWasm, flatten, forestImportances, meanValue, voteProba, type Forest } from '../tree/predict';
import { createRng, deriveSeed } from '../../rng';
import { TuneError } from '../../errors';

export const FOREST_SCHEMA = {
  nEstimators: { type: 'int', min: 1, default: 100, doc: 'Number of trees.' },
  ...TREE_COMMON_SCHEMA,
  bootstrap: { type: 'bool', default: true, doc: 'Grow each tree on a bootstrap sample (rows drawn with replacement); false: every row.' },
  oobScore: {
    type: 'bool',
    default: false,
    doc: 'Score the refit model on the rows each tree did not see (accuracy or R2): learned parameter outOfBagScore. Needs bootstrap.',
  },
  maxSamples: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: null,
    doc: 'Rows drawn per bootstrap: null (as many as training rows), a fraction in (0, 1], or an integer count > 1 (at most the training rows).',
  },
} as const;

/** Forest rules beyond the tree ones (scikit-learn raises the same). */
export function checkForestParams(model: string, params: Params): void {
  checkTreeParams(model, params);
  const ms = params.maxSamples;
  if (typeof ms === 'number' && !(ms > 0 && (ms <= 1 || Number.isInteger(ms)))) {
    throw new TuneError('INVALID_HYPERPARAMETER', `${model}.maxSamples must be null, a fraction in (0, 1] or an integer count > 1, got ${ms}. Change the space for 'maxSamples'.`, { name: 'maxSamples', value: ms });
  }
  if (params.bootstrap === false && ms !== null && ms !== undefined) {
    throw new TuneError('INVALID_HYPERPARAMETER', `${model}.maxSamples=${ms} needs bootstrap: true (without bootstrap every tree sees every row). Set bootstrap to true or maxSamples to null.`, { name: 'maxSamples', value: ms });
  }
  if (params.bootstrap === false && params.oobScore === true) {
    throw new TuneError('INVALID_HYPERPARAMETER', `${model}.oobScore needs bootstrap: true (without bootstrap no row is out of bag). Set bootstrap to true or oobScore to false.`, { name: 'oobScore', value: true });
  }
}

/** Everything but nEstimators and oobScore: candidates equal on this grow the same trees. */
export function forestKey(params: Params): string {
  const rest = Object.keys(params)
    .filter((k) => k !== 'nEstimators' && k !== 'oobScore' && k !== 'model')
    .sort()
    .map((k) => `${k}=${JSON.stringify(params[k])}`);
  return rest.join(',');
}

/** Rows per bootstrap draw (scikit-learn's _get_n_samples_bootstrap). */
function bootstrapRows(n: number, maxSamples: Params[string]): number {
  if (maxSamples === null || maxSamples === undefined) return n;
  const v = Number(maxSamples);
  return v <= 1 ? Math.max(Math.round(n * v), 1) : Math.min(v, n);
}

/** Tree i's bootstrap counts (weights) from its own seed; null without bootstrap. */
function inBag(treeSeed: number, n: number, params: Params): Float64Array | null {
  if (params.bootstrap === false) return null;
  const rng = createRng(deriveSeed(treeSeed, 1));
  const w = new Float64Array(n);
  const draws = bootstrapRows(n, params.maxSamples);
  for (let i = 0; i < draws; i++) w[rng.int(n)] += 1;
  return w;
}

/** Grown trees kept on a fold for candidates with the same other settings; bounded by MAX_CACHED_NODES per fold
 *  (~60 bytes a node: at most ~30 MB), beyond which a forest is grown again rather than cached. */
interface TreeCache {
  trees: TreeArrays[];
}
const MAX_CACHED_NODES = 500_000;

export interface GrownForest {
  trees: TreeArrays[];
  seeds: number[];
}

/** The first nEstimators trees for these settings: from the fold's cache where grown before, the rest grown now. */
export function growForest(ctx: TrainContext, train: FoldSide, params: Params, kind: TreeKind): GrownForest {
  const nTrees = Number(params.nEstimators ?? 100);
  const base =
    ctx.hints.streamSeed !== undefined && ctx.slot ? deriveSeed(ctx.hints.streamSeed, ctx.slot.split + 1, ctx.slot.fold) : ctx.seed;
  const key = `forest:${kind}:${base}:${forestKey(params)}`;
  let cache = ctx.foldCache.get(key) as TreeCache | undefined;
  const seeds = Array.from({ length: nTrees }, (_, i) => deriveSeed(base, i));
  const trees: TreeArrays[] = cache ? cache.trees.slice(0, nTrees) : [];
  if (trees.length < nTrees) {
    const ws = workspace(ctx, train, kind);
    const s = settingsFor(params, train, kind);
    for (let i = trees.length; i < nTrees; i++) {
      trees.push(ws.grow(inBag(seeds[i], train.rows, params), s, createRng(deriveSeed(seeds[i], 2))));
    }
    const nodes = trees.reduce((m, t) => m + t.left.length, 0) + cachedNodes(ctx, key);
    if (nodes <= MAX_CACHED_NODES && (!cache || cache.trees.length < trees.length)) {
      if (!cache) ctx.foldCache.set(key, (cache = { trees }));
      else cache.trees = trees;
    }
  }
  return { trees, seeds };
}

/** Nodes of the trees cached on this fold under other keys than `except`. */
function cachedNodes(ctx: TrainContext, except: string): number {
  let m = 0;
  for (const [k, v] of ctx.foldCache) {
    if (k.startsWith('forest:') && k !== except) for (const t of (v as TreeCache).trees) m += t.left.length;
  }
  return m;
}

/** Soft vote or mean on the fold's test rows. */
export function evaluateForest(ctx: TrainContext, f: Forest, test: FoldSide, kind: TreeKind, classes: Float64Array | null) {
  const leaves = applyForestWasm(ctx.kernels, f, test);
  if (kind === 'classifier') return { ...voteProba(f, leaves, test.rows, classes!), classes: classes! };
  return { yPred: meanValue(f, leaves, test.rows) };
}

/**
 * Out-of-bag score (scikit-learn's oob_score_): each training row predicted by the trees whose bootstrap left it
 * out (rows no tree left out predict zeros, as scikit-learn), scored with accuracy (classifiers) or R2.
 */
function oobScore(ctx: TrainContext, g: GrownForest, f: Forest, train: FoldSide, params: Params, kind: TreeKind, classes: Float64Array | null): number {
  const n = train.rows;
  const y = train.y!;
  const leaves = applyForestWasm(ctx.kernels, f, train);
  const k = kind === 'classifier' ? classes!.length : 1;
  const acc = new Float64Array(n * k);
  const seen = new Int32Array(n);
  g.trees.forEach((_, t) => {
    const w = inBag(g.seeds[t], n, params)!;
    for (let r = 0; r < n; r++) {
      if (w[r] !== 0) continue;
      seen[r]++;
      const leaf = leaves[t * n + r];
      if (kind === 'classifier') {
        let s = 0;
        for (let c = 0; c < k; c++) s += f.value[leaf * k + c];
        for (let c = 0; c < k; c++) acc[r * k + c] += f.value[leaf * k + c] / s;
      } else acc[r] += f.value[leaf];
    }
  });
  if (kind === 'classifier') {
    let right = 0;
    for (let r = 0; r < n; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (acc[r * k + c] > acc[r * k + best]) best = c;
      if (classes![best] === y[r]) right++;
    }
    return right / n;
  }
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[r] / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let r = 0; r < n; r++) {
    const p = acc[r] / Math.max(1, seen[r]);
    ssRes += (y[r] - p) ** 2;
    ssTot += (y[r] - mean) ** 2;
  }
  return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
}

/** A refit forest's learned parameters: flat node arrays with per-tree offsets, importances, oobScore. */
export function forestLearned(ctx: TrainContext, train: FoldSide, params: Params, kind: TreeKind): Learned {
  const classes = kind === 'classifier' ? ctx.classes! : null;
  const g = growForest(ctx, train, params, kind);
  const f = flatten(g.trees, kind === 'classifier' ? classes!.length : 1);
  const out: Learned = {
    feature: f.feature,
    threshold: f.threshold,
    left: f.left,
    right: f.right,
    value: f.value,
    impurity: f.impurity,
    nNodeSamples: f.nNodeSamples,
    treeOffsets: f.offsets,
    featureImportances: forestImportances(g.trees, train.cols),
    // scikit-learn's oob_score_ (the hyperparameter oobScore asks for it; the names must differ here).
    outOfBagScore: params.oobScore === true && params.bootstrap !== false ? oobScore(ctx, g, f, train, params, kind, classes) : null,
    cols: train.cols,
  };
  if (classes) out.classes = classes;
  return out;
}

export function learnedForest(l: Learned, nOut: number): Forest {
  return {
    feature: l.feature as Int32Array,
    threshold: l.threshold as Float64Array,
    left: l.left as Int32Array,
    right: l.right as Int32Array,
    value: l.value as Float64Array,
    offsets: l.treeOffsets as Int32Array,
    nOut,
  };
}
