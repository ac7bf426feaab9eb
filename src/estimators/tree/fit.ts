/**
 * What the tree models share inside a worker: the fold's presorted orders and class indices (cached per fold, so
 * every tree candidate on a fold reuses them), one workspace per trainer call, and the learned parameters.
 */
import type { FoldSide, Learned, TrainContext } from '../types';
import type { Params } from '../../types';
import { TreeWorkspace, type TreeArrays, type TreeTarget } from './grow';
import { presorted } from './presort';
import { classIndices } from '../labels';
import { growSettings, type CriterionName, type GrowSettings } from './settings';
import { treeImportances } from './predict';
import { createRng } from '../../rng';
import { TuneError } from '../../errors';

export type TreeKind = 'classifier' | 'regressor';

/** The grower's target for the fold's training rows (class indices cached per fold). */
export function treeTarget(ctx: TrainContext, train: FoldSide, kind: TreeKind): TreeTarget {
  if (kind === 'regressor') return { kind, y: train.y! };
  const classes = ctx.classes!;
  let yc = ctx.foldCache.get('tree:yc') as Int32Array | undefined;
  if (!yc || yc.length !== train.rows) ctx.foldCache.set('tree:yc', (yc = classIndices(train.y!, classes)));
  return { kind, yc, nClasses: classes.length };
}

export function workspace(ctx: TrainContext, train: FoldSide, kind: TreeKind): TreeWorkspace {
  if (train.rows < 1) throw new TuneError('DATA_TOO_SMALL', 'A tree needs at least one training row.');
  return new TreeWorkspace(ctx.kernels, presorted(ctx, train), treeTarget(ctx, train, kind));
}

export function settingsFor(params: Params, train: FoldSide, kind: TreeKind): GrowSettings {
  const def: CriterionName = kind === 'classifier' ? 'gini' : 'squared_error';
  return growSettings(params, train.rows, train.cols, def);
}

/** One decision tree on every training row; feature draws (maxFeatures below all) come from ctx.seed. */
export function fitTree(ctx: TrainContext, train: FoldSide, params: Params, kind: TreeKind): TreeArrays {
  return workspace(ctx, train, kind).grow(null, settingsFor(params, train, kind), createRng(ctx.seed));
}

/** A tree's learned parameters (node arrays, importances, and the class labels of the value columns). */
export function treeLearned(t: TreeArrays, cols: number, classes: Float64Array | null): Learned {
  const out: Learned = {
    feature: t.feature,
    threshold: t.threshold,
    left: t.left,
    right: t.right,
    value: t.value,
    impurity: t.impurity,
    nNodeSamples: t.nNodeSamples,
    weightedNNodeSamples: t.weightedNNodeSamples,
    featureImportances: treeImportances(t, cols),
    nodeCount: t.left.length,
    cols,
  };
  if (classes) out.classes = classes;
  return out;
}
