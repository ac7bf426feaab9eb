import { describe, it, expect, afterAll } from 'vitest';
import { tune, crossValidateSearch, createPool, TuneError } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const diabetes = loadDataset('diabetes');
const pool1 = createPool({ workers: 1 });
const pool2 = createPool({ workers: 2 });
afterAll(async () => { await pool1.dispose(); await pool2.dispose(); });

const knn = (pool: ReturnType<typeof createPool>) => ({
  model: 'knn-classifier' as const, data: { X: iris.X, y: iris.y }, space: { nNeighbors: [1, 5, 15, 40], weights: ['uniform', 'distance'] },
  cv: { folds: 3, shuffle: true, seed: 2 }, seed: 9, pool,
});

describe('crossValidateSearch: a whole search inside each outer fold', () => {
  it('is identical with 1 and 2 workers (outer and inner folds seeded, not timing-dependent)', async () => {
    const a = await crossValidateSearch(knn(pool1), { folds: 4, seed: 5 });
    const b = await crossValidateSearch(knn(pool2), { folds: 4, seed: 5 });
    expect(b).toEqual(a);
    expect(a.scores).toHaveLength(4);
    expect(a.chosen).toHaveLength(4);
    expect(a.metric).toBe('accuracy');
    expect(a.greaterIsBetter).toBe(true);
    expect(a.mean).toBeCloseTo(a.scores.reduce((s, v) => s + v, 0) / 4, 12);
    const sd = Math.sqrt(a.scores.reduce((s, v) => s + (v - a.mean) ** 2, 0) / 4);
    expect(a.std).toBeCloseTo(sd, 12);
    const agree = a.chosen.filter((p) => JSON.stringify(p) === JSON.stringify(a.modalChoice)).length;
    expect(a.stability).toBe(agree / 4);
    expect(a.description).toBe('4-fold stratified, shuffled (seed 5)');
    for (const p of a.chosen) expect([1, 5, 15, 40]).toContain(p.nNeighbors);
    // Another outer seed gives other folds (so the seed is used).
    const c = await crossValidateSearch(knn(pool2), { folds: 4, seed: 6 });
    expect(c.scores).not.toEqual(a.scores);
  });

  it('with one candidate, its outer scores are that model\'s plain k-fold scores (same seeded folds)', async () => {
    const opts = { model: 'ridge' as const, data: { X: diabetes.X, y: diabetes.y }, space: { alpha: [0.5] }, cv: { folds: 3 }, scoring: 'r2', pool: pool2 };
    const nested = await crossValidateSearch(opts, { folds: 5, seed: 3 });
    const plain = await tune({ ...opts, cv: { folds: 5, shuffle: true, seed: 3 } });
    const folds = plain.trials[0]!.foldScores;
    nested.scores.forEach((s, k) => expect(s).toBeCloseTo(folds[k]!, 10));
    expect(nested.stability).toBe(1);
    expect(nested.chosen).toEqual(Array(5).fill({ alpha: 0.5 }));
  });

  it('works on string labels', async () => {
    const names = Array.from(iris.y, (v) => ['setosa', 'versicolor', 'virginica'][v]);
    const r = await crossValidateSearch({ ...knn(pool2), data: { X: iris.X, y: names } }, { folds: 3 });
    const n = await crossValidateSearch(knn(pool2), { folds: 3 });
    expect(r.scores).toEqual(n.scores);
  });

  it('refuses too few rows for its folds, clusterers and unknown options with TuneErrors', async () => {
    const rows = (a: number, b: number) => ({ model: 'knn-classifier' as const, data: { X: iris.X.slice(a, b), y: iris.y.slice(a, b) }, space: { nNeighbors: [1] }, cv: { folds: 5 }, pool: pool1 });
    const err = await crossValidateSearch(rows(46, 54), { folds: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('NESTED_TOO_FEW_ROWS');
    expect((err as TuneError).message).toMatch(/fewer outer folds/);
    // Enough rows overall but a class too small for the inner stratified folds: the inner error, naming the outer fold.
    const inner = await crossValidateSearch(rows(45, 60), { folds: 5 }).catch((e: unknown) => e);
    expect((inner as TuneError).code).toBe('CLASS_TOO_SMALL');
    expect((inner as TuneError).message).toMatch(/^Outer fold 1 of 5 \(12 training rows\)/);
    const km = await crossValidateSearch({ model: 'kmeans', data: { X: iris.X }, space: {}, pool: pool1 }).catch((e: unknown) => e);
    expect((km as TuneError).code).toBe('NESTED_NEEDS_TARGETS');
    const bad = await crossValidateSearch(knn(pool1), { folds: 3, outer: 2 } as never).catch((e: unknown) => e);
    expect((bad as TuneError).code).toBe('UNKNOWN_OPTION');
    const one = await crossValidateSearch(knn(pool1), { folds: 1 }).catch((e: unknown) => e);
    expect((one as TuneError).code).toBe('INVALID_FOLDS');
  });
});
