/**
 * Logistic regression along a C path with warm starts (tune({ warmStart: true }), as LogisticRegressionCV fits its
 * Cs): each fit on a fold starts from the previous C's solution. Same optimum as cold starts within the solver's
 * tolerance, fewer Newton iterations, results independent of the worker count; off by default.
 */
import { describe, it, expect } from 'vitest';
import { tune, createPool } from '../../../../src/index.node';
import { logisticRegression } from '../../../../src/estimators/logistic-regression';
import { loadDataset } from '../../../helpers/fixtures';
import { context, debugKernels, side } from './debug-context';

const cancer = loadDataset('breast_cancer');

describe('logistic-regression warm start in the trainer', () => {
  const X = cancer.X.slice(0, 200).map((r) => r.slice(0, 6).map((v, j) => v / [20, 30, 130, 1000, 0.15, 0.3][j]!));
  const y = Array.from(cancer.y.slice(0, 200));

  for (const penalty of ['l2', 'l1'] as const) {
    it(`${penalty}: starts from the neighbour's solution and hands its own on: fewer iterations, same optimum`, () => {
      const k = debugKernels();
      const s = side(k, X, y);
      const p = { penalty, C: 10, tol: 1e-8, maxIter: 1000 };
      const cold = logisticRegression.trainer.fit(context(k, [0, 1]), s, p);
      const warm = { value: null as unknown };
      logisticRegression.trainer.fit({ ...context(k, [0, 1]), warm }, s, { ...p, C: 8 });
      expect(warm.value).not.toBeNull();
      const warmed = logisticRegression.trainer.fit({ ...context(k, [0, 1]), warm }, s, p);
      expect(warmed.nIter as number).toBeLessThan(cold.nIter as number);
      const a = cold.coef as Float64Array;
      const b = warmed.coef as Float64Array;
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j]! - b[j]!)).toBeLessThan(1e-5 * (1 + Math.abs(a[j]!)));
    });
  }

  it('chains candidates that differ only in C, smallest C (strongest penalty) first', () => {
    const { key, order } = logisticRegression.warmPath!;
    expect(key({ C: 1, penalty: 'l2' })).toBe(key({ C: 100, penalty: 'l2' }));
    expect(key({ C: 1, penalty: 'l2' })).not.toBe(key({ C: 1, penalty: 'l1' }));
    expect(order({ C: 0.01 })).toBeLessThan(order({ C: 10 }));
  });

  it('ignores a handed-on solution of another shape (starts cold)', () => {
    const k = debugKernels();
    const s = side(k, X, y);
    const cold = logisticRegression.trainer.fit(context(k, [0, 1]), s, { C: 1 });
    const other = { value: { shape: 'elsewhere', theta: new Float64Array(7).fill(5) } as unknown };
    const a = logisticRegression.trainer.fit({ ...context(k, [0, 1]), warm: other }, s, { C: 1 });
    expect(a.coef).toEqual(cold.coef);
  });
});

describe('tune({ model: logistic-regression, warmStart: true }) along a C path', () => {
  const Cs = Array.from({ length: 10 }, (_, i) => 10 ** (-3 + (6 * i) / 9));
  const base = {
    model: 'logistic-regression' as const, data: { X: cancer.X, y: cancer.y }, space: { C: Cs, tol: [1e-8] },
    cv: { folds: 4, shuffle: true, seed: 1 }, preprocess: 'standardize' as const, refit: false, scoring: ['logLoss', 'accuracy'],
  };

  it('matches cold starts to tolerance, picks the same C, and is identical with 1 and 2 workers', async () => {
    const pool = createPool({ workers: 2 });
    try {
      const cold = await tune({ ...base, pool });
      const warm1 = await tune({ ...base, pool, workers: 1, warmStart: true });
      const warm2 = await tune({ ...base, pool, workers: 2, warmStart: true });
      cold.trials.forEach((t, i) => t.foldScores.forEach((v, f) => expect(Math.abs(warm1.trials[i]!.foldScores[f]! - v)).toBeLessThan(1e-6)));
      expect(warm1.best!.params).toEqual(cold.best!.params);
      // ...and the path really ran warm: Newton from another start stops at a (slightly) different point.
      expect(warm1.trials.some((t, i) => t.foldScores.some((v, f) => !Object.is(v, cold.trials[i]!.foldScores[f])))).toBe(true);
      warm2.trials.forEach((t, i) => t.foldScores.forEach((v, f) => expect(Object.is(v, warm1.trials[i]!.foldScores[f])).toBe(true)));
    } finally {
      await pool.dispose();
    }
  });
});
