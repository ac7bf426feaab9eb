/**
 * Labels as people have them: every registered classifier (listModels(), so models added later are covered) takes
 * string and boolean labels in y. Encoded in sorted order, iris' names map to the same class indices as its numbers,
 * so the whole search (folds, stratification, scores) must equal the numeric one; the fitted model speaks labels.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, listModels, TuneError } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const NAMES = ['setosa', 'versicolor', 'virginica'];
const named = Array.from(iris.y, (v) => NAMES[v]);
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

const classifiers = listModels().filter((m) => m.kind === 'classifier');

describe('string and boolean labels through every classifier', () => {
  it('there are classifiers to check', () => {
    expect(classifiers.length).toBeGreaterThanOrEqual(3);
  });

  for (const m of classifiers) {
    it(`${m.id}: same search as numeric labels; predict and parameters.classes give the labels back`, async () => {
      const base = { model: m.id, space: {}, cv: { folds: 3, shuffle: true, seed: 3 }, preprocess: 'standardize' as const, seed: 7, pool, scoring: ['accuracy', 'f1Macro', 'balancedAccuracy'] };
      const numeric = await tune({ ...base, data: { X: iris.X, y: iris.y } });
      const text = await tune({ ...base, data: { X: iris.X, y: named } });
      expect(text.trials.map((t) => t.foldScores)).toEqual(numeric.trials.map((t) => t.foldScores));
      const predN = numeric.model!.predict(iris.X);
      const predT = text.model!.predict(iris.X);
      expect(predT).toEqual(Array.from(predN, (v) => NAMES[v]));
      if (numeric.model!.parameters.classes !== undefined) expect(text.model!.parameters.classes).toEqual(NAMES);
      expect(text.model!.score(iris.X, named)).toBeCloseTo(numeric.model!.score(iris.X, iris.y), 12);
      if (numeric.model!.parameters.classes !== undefined) {
        // Learned numbers are the same; only the labels differ.
        const { classes: _c, ...restN } = numeric.model!.parameters;
        const { classes: _t, ...restT } = text.model!.parameters;
        expect(restT).toEqual(restN);
      }
    });

    it(`${m.id}: boolean labels on a binary task`, async () => {
      const rows = iris.X.slice(0, 100);
      const yb = Array.from(iris.y.slice(0, 100), (v) => v === 1);
      const r = await tune({ model: m.id, data: { X: rows, y: yb }, space: {}, cv: { folds: 3, shuffle: true, seed: 1 }, preprocess: 'standardize', seed: 2, pool });
      const pred = r.model!.predict(rows);
      expect(pred.every((v) => typeof v === 'boolean')).toBe(true);
      expect(r.best!.score).toBeGreaterThan(0.9);
      if (r.model!.parameters.classes !== undefined) expect(r.model!.parameters.classes).toEqual([false, true]);
    });
  }

  it('labels whose sorted order differs from first appearance still predict the right label', async () => {
    // 'zeta' first in the data, but sorted last: class indices follow sorted order.
    const odd = Array.from(iris.y, (v) => ['zeta', 'alpha', 'mid'][v]);
    const r = await tune({ model: 'knn-classifier', data: { X: iris.X, y: odd }, space: { nNeighbors: [5] }, cv: { folds: 5, shuffle: true, seed: 1 }, seed: 1, pool });
    expect(r.model!.parameters.classes).toEqual(['alpha', 'mid', 'zeta']);
    const pred = r.model!.predict(iris.X);
    let hits = 0;
    pred.forEach((p, i) => { if (p === odd[i]) hits++; });
    expect(hits / pred.length).toBeGreaterThan(0.9);
    expect(r.model!.score(iris.X, odd)).toBeCloseTo(hits / pred.length, 12);
  });

  it('a regressor given string targets gets TARGETS_NOT_NUMERIC with a fix', async () => {
    const err = await tune({ model: 'ridge', data: { X: iris.X, y: named }, space: {}, pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('TARGETS_NOT_NUMERIC');
    expect((err as TuneError).message).toMatch(/numeric targets.*Convert/);
  });

  it('a single text class is refused with the label in the message', async () => {
    const err = await tune({ model: 'knn-classifier', data: { X: iris.X, y: named.map(() => 'only') }, space: {}, pool }).catch((e: unknown) => e);
    expect((err as TuneError).code).toBe('SINGLE_CLASS');
    expect((err as TuneError).message).toContain('"only"');
  });
});
