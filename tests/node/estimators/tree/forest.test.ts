/**
 * Forests and trees against scikit-learn 1.2.1 statistically (its bootstraps are its own random stream), and the
 * work trees share on a fold. Reference numbers: scikit-learn on the same rows and folds (fold = row index mod 5),
 * over random_state 0..4 (computed once with /usr/bin/python3; quoted in each test).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool } from '../../../../src/index.node';
import { loadDataset } from '../../../helpers/fixtures';
import { presorted } from '../../../../src/estimators/tree/presort';
import { context, debugKernels, side } from '../linear/debug-context';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());
const diabetes = loadDataset('diabetes');
const bc = loadDataset('breast_cancer');
const foldIds = diabetes.y.map((_, i) => i % 5);

describe('forests and trees: statistical parity and shared work', () => {
  it('random-forest-regressor on diabetes: mean r2 near scikit-learn\'s 0.436-0.439 (50 trees, maxDepth 5)', async () => {
    const r = await tune({
      model: 'random-forest-regressor',
      data: { X: diabetes.X, y: diabetes.y },
      space: { nEstimators: [50], maxDepth: [5] },
      cv: { foldIds },
      seed: 1,
      pool,
    });
    expect(Math.abs(r.trials[0].meanScore - 0.4375)).toBeLessThan(0.03);
  });

  it('random-forest-regressor, absolute_error: near scikit-learn\'s 0.415-0.439 (20 trees, maxDepth 4)', async () => {
    const r = await tune({
      model: 'random-forest-regressor',
      data: { X: diabetes.X, y: diabetes.y },
      space: { nEstimators: [20], maxDepth: [4], criterion: ['absolute_error'] },
      cv: { foldIds },
      seed: 1,
      pool,
    });
    expect(Math.abs(r.trials[0].meanScore - 0.43)).toBeLessThan(0.04);
  });

  it('decision-tree-regressor on diabetes, maxDepth 3: scikit-learn\'s 0.3472 for every random_state (no ties), ours too', async () => {
    const r = await tune({ model: 'decision-tree-regressor', data: { X: diabetes.X, y: diabetes.y }, space: { maxDepth: [3] }, cv: { foldIds }, pool });
    expect(r.trials[0].meanScore).toBeCloseTo(0.3472, 4);
  });

  it('outOfBagScore of a refit forest on breast_cancer: scikit-learn\'s oob_score_ is 0.958-0.968 (100 trees)', async () => {
    const r = await tune({
      model: 'random-forest-classifier',
      data: { X: bc.X, y: bc.y },
      space: { oobScore: [true] },
      cv: { folds: 3 },
      seed: 2,
      pool,
    });
    const oob = r.model!.parameters.outOfBagScore as number;
    expect(oob).toBeGreaterThan(0.94);
    expect(oob).toBeLessThan(0.985);
    const offsets = r.model!.parameters.treeOffsets as Int32Array;
    expect(offsets).toHaveLength(101);
    const imp = r.model!.parameters.featureImportances as Float64Array;
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('a candidate that leaves maxFeatures unset gets the forest default (sqrt), not every feature', async () => {
    const run = (space: Record<string, unknown>) =>
      tune({ model: 'random-forest-classifier', data: { X: bc.X, y: bc.y }, space: { nEstimators: [10], ...space }, cv: { folds: 3 }, seed: 4, pool, refit: false });
    const [unset, sqrt, all] = await Promise.all([run({}), run({ maxFeatures: ['sqrt'] }), run({ maxFeatures: [null] })]);
    expect(unset.trials[0].foldScores).toEqual(sqrt.trials[0].foldScores);
    expect(unset.trials[0].foldScores).not.toEqual(all.trials[0].foldScores);
  });

  it('the presorted feature orders are computed once per fold and shared by every tree candidate', () => {
    const k = debugKernels();
    const ctx = context(k, [0, 1]);
    const s = side(k, bc.X.slice(0, 50), bc.y.slice(0, 50));
    const a = presorted(ctx, s);
    expect(presorted(ctx, s)).toBe(a);
    // Each feature's order really is sorted by its float32 value.
    for (let f = 0; f < a.d; f++) {
      for (let i = 1; i < a.n; i++) expect(a.xcol[f * a.n + a.order[f * a.n + i]]).toBeGreaterThanOrEqual(a.xcol[f * a.n + a.order[f * a.n + i - 1]]);
    }
  });
});
