/**
 * Cross-validation through tune(): each `cv` form reaches the workers as planned (checked against the plan itself
 * passed as explicit foldIds, and against hand-computed fold scores), and repeats lay fold scores out repeat-major.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, type TuneOptions } from '../../../src/index.node';
import { planSplits } from '../../../src/cv/index';
import { iris } from './helpers';
import { loadDataset } from '../../helpers/fixtures';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

const irisY = Float64Array.from(iris.y);
const base = {
  model: 'knn-classifier' as const,
  data: { X: iris.X, y: iris.y },
  space: { nNeighbors: [1, 7], weights: ['uniform', 'distance'] },
  pool,
};

async function foldScores(opts: Partial<TuneOptions>): Promise<number[][]> {
  const r = await tune({ ...base, ...opts });
  return r.trials.map((t) => t.foldScores);
}

/** Fold scores when the given split is passed as explicit fold ids. */
function withIds(ids: Int32Array): Promise<number[][]> {
  return foldScores({ cv: { foldIds: Array.from(ids) } });
}

describe('cv forms', () => {
  it('default for a classifier: 5-fold stratified in row order', async () => {
    const r = await tune(base);
    expect(r.cv).toEqual({ description: '5-fold stratified, in row order', folds: 5, repeats: 1 });
    const plan = planSplits(undefined, { n: 150, y: irisY, isClassifier: true, seed: 0 })!;
    expect(r.trials.map((t) => t.foldScores)).toEqual(await withIds(plan.splits[0]));
  });

  it('{ folds, shuffle, seed }: the seeded shuffled plan; another seed gives other folds', async () => {
    const cv = { folds: 5, shuffle: true, seed: 7 };
    const plan = planSplits(cv, { n: 150, y: irisY, isClassifier: true, seed: 0 })!;
    const scores = await foldScores({ cv });
    expect(scores).toEqual(await withIds(plan.splits[0]));
    expect(await foldScores({ cv: { ...cv, seed: 8 } })).not.toEqual(scores);
  });

  it('shuffle without cv.seed uses the search seed', async () => {
    expect(await foldScores({ cv: { shuffle: true }, seed: 5 })).toEqual(await foldScores({ cv: { shuffle: true, seed: 5 }, seed: 9 }));
  });

  it('stratify: false on a classifier gives plain k-fold', async () => {
    const r = await tune({ ...base, cv: { folds: 3, stratify: false } });
    expect(r.cv!.description).toBe('3-fold, in row order');
    // iris is sorted by class: plain contiguous 3-fold tests one unseen class per fold, so every prediction is wrong.
    expect(r.trials.every((t) => t.foldScores.every((s) => s === 0))).toBe(true);
  });

  it('regressors are not stratified by default', async () => {
    const diabetes = loadDataset('diabetes');
    const r = await tune({ model: 'knn-regressor', data: { X: diabetes.X, y: diabetes.y }, space: { nNeighbors: [5] }, pool });
    expect(r.cv!.description).toBe('5-fold, in row order');
    expect(r.scoring).toEqual(['r2']);
  });

  it('{ holdout }: one shuffled stratified split, one score per trial', async () => {
    const r = await tune({ ...base, cv: { holdout: 0.2 } });
    expect(r.cv).toEqual({ description: 'holdout 20% (30 of 150 rows) stratified, shuffled (seed 0)', folds: 1, repeats: 1 });
    expect(r.trials.every((t) => t.foldScores.length === 1 && t.stdScore === 0 && t.meanScore === t.foldScores[0])).toBe(true);
  });

  describe('{ foldIds }, hand-checked with 1-NN', () => {
    // Fold A tests x = 0, 2, 11 against training rows x = 1 (0), 10 (1), 12 (1): 0 -> 0 right, 2 -> 0 wrong,
    // 11 -> tie 10/12, both 1, right: 2/3. Fold B tests x = 1, 10, 12 against x = 0 (0), 2 (1), 11 (1): 1 -> tie 0/2,
    // the lower training index (x = 0, label 0) wins, right; 10 -> 1 right; 12 -> 1 right: 1.
    const data = { X: [[0], [1], [2], [10], [11], [12]], y: [0, 0, 1, 1, 1, 1] };
    const one = { model: 'knn-classifier' as const, data, space: { nNeighbors: 1 }, pool };

    it('fold scores per fold id, in ascending id order', async () => {
      const r = await tune({ ...one, cv: { foldIds: [0, 1, 0, 1, 0, 1] } });
      expect(r.trials[0].foldScores).toEqual([2 / 3, 1]);
      expect(r.trials[0].meanScore).toBeCloseTo(5 / 6, 15);
      // Ids need not be 0..k-1: 5 and 9 are renumbered 0 and 1.
      const renamed = await tune({ ...one, cv: { foldIds: [5, 9, 5, 9, 5, 9] } });
      expect(renamed.trials[0].foldScores).toEqual([2 / 3, 1]);
      expect(renamed.cv!.description).toMatch(/ids 5, 9 renumbered 0\.\.1/);
    });

    it('-1 keeps a row in training for every fold', async () => {
      const r = await tune({ ...one, cv: { foldIds: [0, -1, 0, -1, 0, -1] } });
      expect(r.trials[0].foldScores).toEqual([2 / 3]);
      expect(r.cv).toMatchObject({ folds: 1, repeats: 1 });
    });
  });

  it('{ folds, repeats }: fold scores repeat-major, entry r * folds + f = fold f of repeat r', async () => {
    const cv = { folds: 3, shuffle: true, seed: 4, repeats: 2 };
    const r = await tune({ ...base, cv });
    expect(r.cv).toEqual({ description: '3-fold stratified, shuffled (seed 4), repeated 2 times', folds: 3, repeats: 2 });
    const plan = planSplits(cv, { n: 150, y: irisY, isClassifier: true, seed: 0 })!;
    const [rep0, rep1] = [await withIds(plan.splits[0]), await withIds(plan.splits[1])];
    r.trials.forEach((t, i) => {
      expect(t.foldScores).toHaveLength(6);
      expect(t.foldScores).toEqual([...rep0[i], ...rep1[i]]);
      expect(t.metrics.accuracy.folds).toEqual(t.foldScores);
      expect(t.meanScore).toBeCloseTo(t.foldScores.reduce((a, b) => a + b, 0) / 6, 14);
    });
    // Repeat 0 is the unrepeated shuffled split with the same seed.
    expect(rep0).toEqual(await foldScores({ cv: { folds: 3, shuffle: true, seed: 4 } }));
    expect(rep0).not.toEqual(rep1);
  });
});
