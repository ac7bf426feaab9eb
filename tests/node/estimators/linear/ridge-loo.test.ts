import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { tune, createPool, TuneError } from '../../../../src/index.node';
import { decompose, looPredictions, ridgeCoefficients } from '../../../../src/estimators/linear_model/ridge-loo';
import { loadDataset } from '../../../helpers/fixtures';

const diabetes = loadDataset('diabetes');
const ref = JSON.parse(readFileSync(new URL('../../../fixtures/reference/ridge_loo_diabetes.json', import.meta.url), 'utf8')) as {
  cases: { model: string; alpha?: number; fitIntercept: boolean; mse: number; r2: number; looPred: number[]; refitCoef?: number[]; refitIntercept?: number; bestAlphaR2?: number }[];
};
const pool = createPool({ workers: 1 });
afterAll(() => pool.dispose());
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** Literal leave-one-out: refit ridge (normal equations, Gaussian elimination) without each row. */
function bruteLoo(X: number[][], y: number[], alpha: number, intercept: boolean): number[] {
  const p = X[0].length;
  return X.map((_, out) => {
    const rows = X.filter((__, i) => i !== out), ys = y.filter((__, i) => i !== out);
    const m = rows.length;
    const xm = Array(p).fill(0); let ym = 0;
    if (intercept) { rows.forEach((r, i) => { r.forEach((v, c) => { xm[c] += v / m; }); ym += ys[i] / m; }); }
    const A = Array.from({ length: p }, (_, a) => Array.from({ length: p + 1 }, (__, b) => (b === a ? alpha : 0)));
    rows.forEach((r, i) => { for (let a = 0; a < p; a++) { for (let b = 0; b < p; b++) A[a][b] += (r[a] - xm[a]) * (r[b] - xm[b]); A[a][p] += (r[a] - xm[a]) * (ys[i] - ym); } });
    for (let c = 0; c < p; c++) { for (let r = c + 1; r < p; r++) { const f = A[r][c] / A[c][c]; for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k]; } }
    const w = Array(p).fill(0);
    for (let c = p - 1; c >= 0; c--) { let s = A[c][p]; for (let k = c + 1; k < p; k++) s -= A[c][k] * w[k]; w[c] = s / A[c][c]; }
    return ym + X[out].reduce((s, v, c) => s + (v - xm[c]) * w[c], 0);
  });
}

describe("cv: 'loo': exact leave-one-out of ridge and linear-regression from one decomposition", () => {
  it('matches scikit-learn RidgeCV per alpha (mse and r2 of the LOO predictions), with and without intercept', async () => {
    for (const fitIntercept of [true, false]) {
      const cases = ref.cases.filter((c) => c.model === 'ridge' && c.fitIntercept === fitIntercept);
      const r = await tune({ model: 'ridge', data: { X: diabetes.X, y: diabetes.y }, space: { alpha: cases.map((c) => c.alpha!), fitIntercept: [fitIntercept] }, cv: 'loo', scoring: ['r2', 'mse'], pool });
      expect(r.trials).toHaveLength(cases.length);
      r.trials.forEach((t, i) => {
        expect(rel(t.metrics.r2!.mean, cases[i]!.r2)).toBeLessThan(1e-9);
        expect(rel(t.metrics.mse!.mean, cases[i]!.mse)).toBeLessThan(1e-9);
      });
      const last = cases[cases.length - 1]!;
      expect(r.best!.params.alpha).toBe(last.bestAlphaR2);
      expect(r.cv).toEqual({ description: expect.stringContaining('leave-one-out'), folds: 442, repeats: 1 });
      // The refit is a normal fitted model: RidgeCV's refit coefficients, and predict() works.
      const coef = r.model!.parameters.coef as Float64Array;
      coef.forEach((v, c) => expect(rel(v, last.refitCoef![c]!)).toBeLessThan(1e-8));
      expect(rel(r.model!.parameters.intercept as number, last.refitIntercept!)).toBeLessThan(1e-8);
      expect(r.model!.predict(diabetes.X)).toHaveLength(442);
    }
  });

  it('gives the LOO predictions themselves (first rows) and linear-regression by literal LeaveOneOut refits', async () => {
    const n = diabetes.X.length, p = diabetes.X[0]!.length;
    const X = Float64Array.from(diabetes.X.flat());
    const y = Float64Array.from(diabetes.y);
    for (const c of ref.cases) {
      const pred = looPredictions(decompose(X, n, p, y, c.fitIntercept), c.alpha ?? 0);
      c.looPred.forEach((v, i) => expect(rel(pred[i]!, v)).toBeLessThan(1e-8));
    }
    for (const fitIntercept of [true, false]) {
      const c = ref.cases.find((k) => k.model === 'linear-regression' && k.fitIntercept === fitIntercept)!;
      const r = await tune({ model: 'linear-regression', data: { X: diabetes.X, y: diabetes.y }, space: { fitIntercept: [fitIntercept] }, cv: 'loo', scoring: ['r2', 'mse'], pool });
      expect(rel(r.trials[0]!.metrics.r2!.mean, c.r2)).toBeLessThan(1e-9);
      expect(rel(r.trials[0]!.metrics.mse!.mean, c.mse)).toBeLessThan(1e-9);
    }
  });

  it('equals literal leave-one-out refits on random small problems, n > p and n < p (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0.05, 1, 20), fc.boolean(), fc.integer({ min: 1, max: 1e6 }),
      (n, p, alpha, intercept, seed) => {
        let s = seed;
        const rnd = (): number => { s = (s * 16807) % 2147483647; return s / 2147483647 - 0.5; };
        const X = Array.from({ length: n }, () => Array.from({ length: p }, rnd));
        const y = Array.from({ length: n }, rnd);
        const d = decompose(Float64Array.from(X.flat()), n, p, Float64Array.from(y), intercept);
        const fast = looPredictions(d, alpha);
        bruteLoo(X, y, alpha, intercept).forEach((v, i) => expect(Math.abs(fast[i]! - v)).toBeLessThan(1e-8 * (1 + Math.abs(v))));
        // (the refit coefficients are checked against RidgeCV above)
        const { coef } = ridgeCoefficients(d, alpha);
        expect(coef).toHaveLength(p);
      }), { numRuns: 60 });
  });

  it("'loo' for a model without an exact form, or with per-fold standardisation, is a TuneError", async () => {
    const knn = await tune({ model: 'knn-regressor', data: { X: diabetes.X, y: diabetes.y }, space: {}, cv: 'loo', pool }).catch((e: unknown) => e);
    expect(knn).toBeInstanceOf(TuneError);
    expect((knn as TuneError).code).toBe('LOO_NOT_EXACT');
    expect((knn as TuneError).message).toMatch(/ridge and linear-regression only.*cv: \{ folds: 5 \}/);
    const std = await tune({ model: 'ridge', data: { X: diabetes.X, y: diabetes.y }, space: {}, cv: 'loo', preprocess: 'standardize', pool }).catch((e: unknown) => e);
    expect((std as TuneError).code).toBe('LOO_NEEDS_RAW_FEATURES');
    const bad = await tune({ model: 'ridge', data: { X: diabetes.X, y: diabetes.y }, space: { alpha: [-1] }, cv: 'loo', pool }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TuneError); // the usual validation still applies
  });
});
