/**
 * Tree structures against scikit-learn 1.2.1 (tests/fixtures/tree/sklearn_trees.json, made by
 * scripts/fixtures/tree_structures.py). Its cases are tie-free: ten random_states grew the same tree, so the order
 * in which features are visited cannot matter and our trees must be the same node for node: features, thresholds
 * (exactly), children, sample counts, values, impurities and importances. Also minimal cost-complexity pruning:
 * the path's alphas and the pruned trees between them.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fitInProcess, ours } from './helpers';
import { pruningPath } from '../../../../src/estimators/tree/prune';
import type { Learned } from '../../../../src/estimators/types';
import { TreeWorkspace, type TreeArrays } from '../../../../src/estimators/tree/grow';
import { presort } from '../../../../src/estimators/tree/presort';
import { treeImportances } from '../../../../src/estimators/tree/predict';
import { growSettings } from '../../../../src/estimators/tree/settings';
import { createRng } from '../../../../src/rng';
import { debugKernels } from '../linear/debug-context';

interface SkTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[][];
  impurity: number[];
  n_node_samples: number[];
  feature_importances: number[];
}
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/tree/sklearn_trees.json', import.meta.url), 'utf8')) as {
  X: number[][];
  y_classifier: number[];
  y_regressor: number[];
  cases: { kind: 'classifier' | 'regressor'; params: Record<string, unknown>; tree: SkTree }[];
  weights: number[];
  weighted: { kind: 'classifier' | 'regressor'; params: Record<string, unknown>; tree: SkTree & { weighted_n_node_samples: number[] } }[];
  ccp: { params: Record<string, unknown>; ccp_alphas: number[]; impurities: number[]; pruned: { ccp_alpha: number; tree: SkTree }[] };
};

function expectSameTree(l: Learned, sk: SkTree): void {
  expect(Array.from(l.feature as Int32Array)).toEqual(sk.feature);
  expect(Array.from(l.left as Int32Array)).toEqual(sk.left);
  expect(Array.from(l.right as Int32Array)).toEqual(sk.right);
  expect(Array.from(l.nNodeSamples as Int32Array)).toEqual(sk.n_node_samples);
  expect(Array.from(l.threshold as Float64Array)).toEqual(sk.threshold);
  const value = l.value as Float64Array;
  const k = sk.value[0].length;
  sk.value.forEach((row, i) => row.forEach((v, c) => expect(value[i * k + c]).toBeCloseTo(v, 9)));
  sk.impurity.forEach((v, i) => expect((l.impurity as Float64Array)[i]).toBeCloseTo(v, 9));
  sk.feature_importances.forEach((v, i) => expect((l.featureImportances as Float64Array)[i]).toBeCloseTo(v, 9));
}

describe('tree structures agree with scikit-learn where it has no ties', () => {
  it('the fixture covers both kinds and every criterion', () => {
    const crits = new Set(fx.cases.map((c) => String(c.params.criterion)));
    for (const c of ['gini', 'entropy', 'squared_error', 'absolute_error']) expect(crits.has(c) || (c === 'entropy' && crits.has('log_loss'))).toBe(true);
  });

  for (const c of fx.cases) {
    it(`${c.kind} ${JSON.stringify(c.params)}`, () => {
      const model = `decision-tree-${c.kind}`;
      const y = c.kind === 'classifier' ? fx.y_classifier : fx.y_regressor;
      expectSameTree(fitInProcess(model, fx.X, y, ours(model, c.params)), c.tree);
    });
  }

  for (const c of fx.weighted) {
    it(`weighted rows (a bootstrap's counts as sample weights): ${c.kind} ${JSON.stringify(c.params)}`, () => {
      const k = debugKernels();
      const n = fx.X.length;
      const d = fx.X[0].length;
      const pre = presort(Float64Array.from(fx.X.flat()), n, d);
      const y = c.kind === 'classifier' ? fx.y_classifier : fx.y_regressor;
      const target = c.kind === 'classifier' ? { kind: c.kind, yc: Int32Array.from(y), nClasses: 3 } : { kind: c.kind, y: Float64Array.from(y) };
      const model = `decision-tree-${c.kind}`;
      const settings = growSettings(ours(model, c.params), n, d, c.kind === 'classifier' ? 'gini' : 'squared_error');
      const t = new TreeWorkspace(k, pre, target).grow(Float64Array.from(fx.weights), settings, createRng(1));
      expect(Array.from(t.weightedNNodeSamples)).toEqual(c.tree.weighted_n_node_samples);
      expectSameTree({ ...t, featureImportances: treeImportances(t, d) }, c.tree);
    });
  }

  it('cost-complexity pruning path: the same effective alphas and leaf impurities', () => {
    const model = 'decision-tree-classifier';
    const l = fitInProcess(model, fx.X, fx.y_classifier, ours(model, fx.ccp.params));
    const tree: TreeArrays = {
      feature: l.feature as Int32Array,
      threshold: l.threshold as Float64Array,
      left: l.left as Int32Array,
      right: l.right as Int32Array,
      value: l.value as Float64Array,
      impurity: l.impurity as Float64Array,
      nNodeSamples: l.nNodeSamples as Int32Array,
      weightedNNodeSamples: l.weightedNNodeSamples as Float64Array,
      nOut: 3,
    };
    const path = pruningPath(tree);
    expect(path.ccpAlphas).toHaveLength(fx.ccp.ccp_alphas.length);
    fx.ccp.ccp_alphas.forEach((a, i) => expect(path.ccpAlphas[i]).toBeCloseTo(a, 12));
    fx.ccp.impurities.forEach((v, i) => expect(path.impurities[i]).toBeCloseTo(v, 12));
  });

  for (const p of fx.ccp.pruned) {
    it(`ccpAlpha ${p.ccp_alpha.toPrecision(4)}: the same pruned tree`, () => {
      const model = 'decision-tree-classifier';
      expectSameTree(fitInProcess(model, fx.X, fx.y_classifier, ours(model, { ...fx.ccp.params, ccp_alpha: p.ccp_alpha })), p.tree);
    });
  }
});
