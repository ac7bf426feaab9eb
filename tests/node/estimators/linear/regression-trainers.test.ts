/**
 * The regression trainers called directly on the debug wasm build, checked against independent plain-JS computations:
 * normal equations (OLS, ridge), minimum-norm solutions (rank-deficient OLS), optimality (KKT) conditions of the lasso
 * and elastic-net objectives, the per-fold Gram cache, and the failure policy.
 */
import { describe, it, expect } from 'vitest';
import { linearRegression } from '../../../../src/estimators/linear-regression';
import { ridge } from '../../../../src/estimators/ridge';
import { lasso } from '../../../../src/estimators/lasso';
import { elasticNet } from '../../../../src/estimators/elastic-net';
import type { Kernels } from '../../../../src/worker/kernels';
import type { Params } from '../../../../src/types';
import { context, debugKernels, lcg, predictRows, randomMatrix, referenceRidge, side } from './debug-context';

function data(rows: number, cols: number, seed: number) {
  const X = randomMatrix(rows, cols, seed).map((r) => r.map((v, j) => v * (j + 1) + j));
  const noise = lcg(seed + 100);
  const y = X.map((r) => r.reduce((s, v, j) => s + v * (j % 2 ? -1.5 : 2), 7) + 0.3 * noise());
  return { X, y };
}

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  }
}

describe('OLS and ridge (exact)', () => {
  const { X, y } = data(60, 5, 1);
  const test = data(15, 5, 2);

  for (const fitIntercept of [true, false]) {
    for (const alpha of [0, 0.1, 25]) {
      it(`alpha=${alpha}, fitIntercept=${fitIntercept}: normal-equation solution and predictions`, () => {
        const k = debugKernels();
        const ctx = context(k);
        const train = side(k, X, y);
        const testSide = side(k, test.X, test.y);
        const def = alpha === 0 ? linearRegression : ridge;
        const params: Params = alpha === 0 ? { fitIntercept } : { alpha, fitIntercept };
        const learned = def.trainer.fit(ctx, train, params);
        const ref = referenceRidge(X, y, alpha, fitIntercept);
        expectAllClose(learned.coef as Float64Array, ref.w, 1e-10);
        expect(Math.abs((learned.intercept as number) - ref.b)).toBeLessThan(1e-10);
        expect(learned.solver).toBe('cholesky');
        expect(learned.converged).toBe(true);
        const pred = def.trainer.evaluate(ctx, train, testSide, params);
        expectAllClose(pred.yPred, predictRows(test.X, ref.w, ref.b), 1e-9);
        // Main-thread predict from the learned parameters agrees with the wasm predictions.
        const flat = { values: Float64Array.from(test.X.flat()), rows: 15, cols: 5 };
        expectAllClose(def.predict(learned, flat, params).yPred, pred.yPred, 1e-12);
      });
    }
  }

  it('computes the Gram statistics once per fold and intercept setting: every alpha reuses them', () => {
    const k = debugKernels();
    let gramCalls = 0;
    const counted: Kernels = {
      arena: k.arena,
      wasm: {
        ...k.wasm,
        centeredGram(...args: Parameters<Kernels['wasm']['centeredGram']>) {
          gramCalls++;
          return k.wasm.centeredGram(...args);
        },
      },
    };
    const ctx = context(counted);
    const train = side(k, X, y);
    const testSide = side(k, test.X, test.y);
    const preds = [0.01, 1, 100].map((alpha) => ridge.trainer.evaluate(ctx, train, testSide, { alpha, fitIntercept: true }).yPred);
    linearRegression.trainer.evaluate(ctx, train, testSide, { fitIntercept: true });
    expect(gramCalls).toBe(1);
    ridge.trainer.evaluate(ctx, train, testSide, { alpha: 1, fitIntercept: false });
    ridge.trainer.evaluate(ctx, train, testSide, { alpha: 2, fitIntercept: false });
    expect(gramCalls).toBe(2);
    // The cache holds JS copies only (the arena's scratch is released after every task).
    for (const v of ctx.foldCache.values()) expect((v as { gram: unknown }).gram).toBeInstanceOf(Float64Array);
    // Different alphas did give different predictions (the cache holds statistics, not solutions).
    expect(preds[0][0]).not.toBe(preds[2][0]);
    // The arena is back where it started apart from the two sides: no leaked scratch.
    const used = k.arena.used();
    ridge.trainer.evaluate(ctx, train, testSide, { alpha: 3, fitIntercept: true });
    expect(k.arena.used()).toBe(used);
  });
});

describe('rank-deficient OLS: minimum-norm solution (as lstsq)', () => {
  const { X, y } = data(40, 2, 5);

  it('a duplicated column shares the coefficient equally', () => {
    const k = debugKernels();
    const dup = X.map((r) => [r[0], r[0], r[1]]);
    const full = linearRegression.trainer.fit(context(k), side(k, X, y), {});
    const learned = linearRegression.trainer.fit(context(k), side(k, dup, y), {});
    expect(learned.solver).toBe('eigen');
    const c = learned.coef as Float64Array;
    const f = full.coef as Float64Array;
    expect(Math.abs(c[0] - f[0] / 2)).toBeLessThan(1e-9);
    expect(Math.abs(c[1] - f[0] / 2)).toBeLessThan(1e-9);
    expect(Math.abs(c[2] - f[1])).toBeLessThan(1e-9);
    expect(Math.abs((learned.intercept as number) - (full.intercept as number))).toBeLessThan(1e-9);
  });

  it('a constant column gets coefficient 0 and leaves the fit unchanged', () => {
    const k = debugKernels();
    const withConst = X.map((r) => [r[0], 0.1, r[1]]);
    const full = linearRegression.trainer.fit(context(k), side(k, X, y), {});
    const learned = linearRegression.trainer.fit(context(k), side(k, withConst, y), {});
    const c = learned.coef as Float64Array;
    expect(Math.abs(c[1])).toBeLessThan(1e-9);
    expect(Math.abs(c[0] - (full.coef as Float64Array)[0])).toBeLessThan(1e-9);
    expect(Math.abs(c[2] - (full.coef as Float64Array)[1])).toBeLessThan(1e-9);
  });

  it('ridge with alpha > 0 stays on Cholesky for the same collinear data', () => {
    const k = debugKernels();
    const dup = X.map((r) => [r[0], r[0], r[1]]);
    const learned = ridge.trainer.fit(context(k), side(k, dup, y), { alpha: 0.5 });
    expect(learned.solver).toBe('cholesky');
    const ref = referenceRidge(dup, y, 0.5, true);
    expectAllClose(learned.coef as Float64Array, ref.w, 1e-9);
  });
});

/**
 * Optimality of scikit-learn's elastic-net objective (1/(2n))||y - Xw - b||^2 + a r ||w||_1 + 0.5 a (1 - r) ||w||^2:
 * with c_j = (1/n) x_j . residual - a (1 - r) w_j, c_j = a r sign(w_j) where w_j != 0 and |c_j| <= a r where w_j = 0;
 * with an intercept the residuals sum to 0.
 */
function expectEnetOptimal(X: number[][], y: number[], w: ArrayLike<number>, b: number, a: number, r: number, tol: number) {
  const n = X.length;
  const res = y.map((v, i) => v - X[i].reduce((s, x, j) => s + x * w[j], b));
  expect(Math.abs(res.reduce((s, v) => s + v, 0) / n)).toBeLessThan(tol);
  for (let j = 0; j < w.length; j++) {
    const c = X.reduce((s, row, i) => s + row[j] * res[i], 0) / n - a * (1 - r) * w[j];
    if (w[j] !== 0) expect(Math.abs(c - a * r * Math.sign(w[j])), `coordinate ${j}`).toBeLessThan(tol);
    else expect(Math.abs(c), `coordinate ${j}`).toBeLessThanOrEqual(a * r + tol);
  }
}

describe('lasso and elastic net (coordinate descent)', () => {
  const { X } = data(80, 6, 9);
  // Only the first three features matter, so a moderate L1 penalty zeroes the others.
  const noise = lcg(77);
  const y = X.map((r) => 3 + 2 * r[0] - 1.5 * r[1] + 0.5 * r[2] + 0.3 * noise());

  it('lasso reaches the KKT conditions and zeroes some coefficients', () => {
    const k = debugKernels();
    const learned = lasso.trainer.fit(context(k), side(k, X, y), { alpha: 0.3, tol: 1e-12, maxIter: 100000 });
    const w = learned.coef as Float64Array;
    expect(learned.converged).toBe(true);
    expect(w.some((v) => v === 0)).toBe(true);
    expect(w.some((v) => v !== 0)).toBe(true);
    expectEnetOptimal(X, y, w, learned.intercept as number, 0.3, 1, 1e-6);
  });

  for (const l1Ratio of [0, 0.3, 1]) {
    it(`elastic net with l1Ratio=${l1Ratio} reaches the KKT conditions`, () => {
      const k = debugKernels();
      const learned = elasticNet.trainer.fit(context(k), side(k, X, y), { alpha: 0.2, l1Ratio, tol: 1e-12, maxIter: 100000 });
      expectEnetOptimal(X, y, learned.coef as Float64Array, learned.intercept as number, 0.2, l1Ratio, 1e-6);
    });
  }

  it('without intercept, the intercept is 0 and the solution is optimal for the uncentred problem', () => {
    const k = debugKernels();
    const learned = lasso.trainer.fit(context(k), side(k, X, y), { alpha: 0.05, fitIntercept: false, tol: 1e-12, maxIter: 100000 });
    expect(learned.intercept).toBe(0);
    const w = learned.coef as Float64Array;
    const n = X.length;
    const res = y.map((v, i) => v - X[i].reduce((s, x, j) => s + x * w[j], 0));
    for (let j = 0; j < w.length; j++) {
      const c = X.reduce((s, row, i) => s + row[j] * res[i], 0) / n;
      if (w[j] !== 0) expect(Math.abs(c - 0.05 * Math.sign(w[j]))).toBeLessThan(1e-6);
      else expect(Math.abs(c)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });

  it('a large alpha zeroes every coefficient and predicts mean(y)', () => {
    const k = debugKernels();
    const learned = lasso.trainer.fit(context(k), side(k, X, y), { alpha: 1e6 });
    expect(Array.from(learned.coef as Float64Array)).toEqual(new Array(6).fill(0));
    expect(learned.intercept).toBeCloseTo(y.reduce((a, v) => a + v, 0) / y.length, 12);
  });

  it('reports the iterations used and converged: false when maxIter runs out', () => {
    const k = debugKernels();
    const learned = lasso.trainer.fit(context(k), side(k, X, y), { alpha: 0.001, tol: 1e-14, maxIter: 2 });
    expect(learned.nIter).toBe(2);
    expect(learned.converged).toBe(false);
    const ok = lasso.trainer.fit(context(k), side(k, X, y), { alpha: 0.001 });
    expect(ok.converged).toBe(true);
    expect(ok.nIter).toBeGreaterThan(1);
    expect(ok.nIter).toBeLessThan(1000);
  });

  it('evaluate predicts X w + b with the fitted coefficients (wasm) and predict agrees (TS)', () => {
    const k = debugKernels();
    const ctx = context(k);
    const train = side(k, X, y);
    const test = data(10, 6, 10);
    const testSide = side(k, test.X, test.y);
    const params = { alpha: 0.1, l1Ratio: 0.7 };
    const learned = elasticNet.trainer.fit(ctx, train, params);
    const pred = elasticNet.trainer.evaluate(ctx, train, testSide, params);
    expectAllClose(pred.yPred, predictRows(test.X, learned.coef as Float64Array, learned.intercept as number), 1e-10);
    const flat = { values: Float64Array.from(test.X.flat()), rows: 10, cols: 6 };
    expectAllClose(elasticNet.predict(learned, flat, params).yPred, pred.yPred, 1e-10);
  });
});

describe('failed fits throw instead of returning NaN', () => {
  const huge = [[1e200, 1], [2e200, 3], [-1e200, 2], [5e199, 0]];
  const y = [1, 2, 3, 4];

  it('ridge / OLS: non-finite Gram statistics', () => {
    const k = debugKernels();
    expect(() => ridge.trainer.fit(context(k), side(k, huge, y), { alpha: 1 })).toThrow(/not finite/);
    expect(() => linearRegression.trainer.fit(context(k), side(k, huge, y), {})).toThrow(/not finite/);
  });

  it('lasso: non-finite coefficients', () => {
    const k = debugKernels();
    expect(() => lasso.trainer.fit(context(k), side(k, huge, y), { alpha: 1 })).toThrow(/not finite/);
  });

  it('missing targets are an error, not a crash in the kernels', () => {
    const k = debugKernels();
    expect(() => ridge.trainer.fit(context(k), side(k, [[1], [2]], null), {})).toThrow(/targets are required/);
  });
});
