/**
 * The logistic-regression trainer called directly on the debug wasm build. Solutions are checked by the optimality
 * conditions of scikit-learn's objective, computed independently in plain JS:
 *   sum_i logloss_i + (l2/2)||W||^2 + l1 ||W||_1 (intercepts unpenalised)  ->  for every coefficient
 *   g_j + l2 w_j = -l1 sign(w_j) when w_j != 0, |g_j| <= l1 when w_j = 0, and g_b = 0 for every intercept,
 * where g is the gradient of the summed log-loss.
 */
import { describe, it, expect } from 'vitest';
import { logisticRegression } from '../../../../src/estimators/logistic-regression';
import type { Params } from '../../../../src/types';
import { context, debugKernels, lcg, randomMatrix, side } from './debug-context';

/** Overlapping Gaussian-ish blobs: class c is shifted by c along a class-specific direction (never separable). */
function blobs(rows: number, cols: number, labels: number[], seed: number) {
  const X = randomMatrix(rows, cols, seed);
  const r = lcg(seed + 1);
  const y = X.map((_, i) => labels[i % labels.length]);
  X.forEach((row, i) => {
    const c = i % labels.length;
    row[c % cols] += 0.8 * c;
    row[(c + 1) % cols] -= 0.4 * c;
    row[0] += 0.3 * r();
  });
  return { X, y };
}

/** Gradient of the summed log-loss at (W, b): K = 1 sigmoid with 0/1 targets, else softmax. */
function lossGradient(X: number[][], yIdx: number[], W: Float64Array, b: Float64Array, K: number) {
  const d = X[0].length;
  const gW = new Float64Array(K * d);
  const gB = new Float64Array(K);
  X.forEach((x, i) => {
    const z = Array.from({ length: K }, (_, k) => x.reduce((s, v, j) => s + v * W[k * d + j], b[k]));
    let resid: number[];
    if (K === 1) {
      resid = [1 / (1 + Math.exp(-z[0])) - yIdx[i]];
    } else {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((a, v) => a + v, 0);
      resid = e.map((v, k) => v / s - (k === yIdx[i] ? 1 : 0));
    }
    for (let k = 0; k < K; k++) {
      gB[k] += resid[k];
      for (let j = 0; j < d; j++) gW[k * d + j] += resid[k] * x[j];
    }
  });
  return { gW, gB };
}

function expectOptimal(
  X: number[][], yIdx: number[], learned: Record<string, unknown>, l1: number, l2: number, fitIntercept: boolean, tol: number,
) {
  const W = learned.coef as Float64Array;
  const b = typeof learned.intercept === 'number' ? Float64Array.of(learned.intercept) : (learned.intercept as Float64Array);
  const K = b.length;
  const { gW, gB } = lossGradient(X, yIdx, W, b, K);
  for (let j = 0; j < W.length; j++) {
    const g = gW[j] + l2 * W[j];
    if (W[j] !== 0) expect(Math.abs(g + l1 * Math.sign(W[j])), `coefficient ${j}`).toBeLessThan(tol);
    else expect(Math.abs(g), `coefficient ${j}`).toBeLessThanOrEqual(l1 + tol);
  }
  if (fitIntercept) for (let k = 0; k < K; k++) expect(Math.abs(gB[k]), `intercept ${k}`).toBeLessThan(tol);
  else for (let k = 0; k < K; k++) expect(b[k]).toBe(0);
}

const binary = blobs(120, 4, [0, 1], 3);
const three = blobs(150, 4, [0, 1, 2], 4);

function fit(data: { X: number[][]; y: number[] }, classes: number[], params: Params) {
  const k = debugKernels();
  const ctx = context(k, classes);
  return logisticRegression.trainer.fit(ctx, side(k, data.X, data.y), params);
}

describe('logistic regression: optimality of the fitted parameters', () => {
  const cases: { name: string; params: Params; l1: (C: number) => number; l2: (C: number) => number }[] = [
    { name: 'l2', params: { penalty: 'l2' }, l1: () => 0, l2: (C) => 1 / C },
    { name: 'l1', params: { penalty: 'l1' }, l1: (C) => 1 / C, l2: () => 0 },
    { name: 'elasticnet 0.4', params: { penalty: 'elasticnet', l1Ratio: 0.4 }, l1: (C) => 0.4 / C, l2: (C) => 0.6 / C },
  ];
  for (const c of cases) {
    for (const C of [0.05, 1, 100]) {
      it(`binary, penalty ${c.name}, C=${C}`, () => {
        const learned = fit(binary, [0, 1], { ...c.params, C, tol: 1e-9 });
        expect(learned.multinomial).toBe(false);
        expect(typeof learned.intercept).toBe('number');
        expect((learned.coef as Float64Array).length).toBe(4);
        expect(learned.converged).toBe(true);
        expectOptimal(binary.X, binary.y, learned, c.l1(C), c.l2(C), true, 1e-6);
      });
      it(`multinomial (3 classes), penalty ${c.name}, C=${C}`, () => {
        const learned = fit(three, [0, 1, 2], { ...c.params, C, tol: 1e-9 });
        expect(learned.multinomial).toBe(true);
        expect((learned.coef as Float64Array).length).toBe(12);
        expect(learned.converged).toBe(true);
        expectOptimal(three.X, three.y, learned, c.l1(C), c.l2(C), true, 1e-6);
      });
    }
  }

  it("penalty 'none' on overlapping classes finds the maximum-likelihood point", () => {
    const learned = fit(binary, [0, 1], { penalty: 'none', tol: 1e-9 });
    expectOptimal(binary.X, binary.y, learned, 0, 0, true, 1e-6);
  });

  it('fitIntercept false keeps the intercepts at 0 (binary and multinomial, smooth and L1)', () => {
    for (const penalty of ['l2', 'l1']) {
      const lb = fit(binary, [0, 1], { penalty, fitIntercept: false, tol: 1e-9 });
      expectOptimal(binary.X, binary.y, lb, penalty === 'l1' ? 1 : 0, penalty === 'l2' ? 1 : 0, false, 1e-6);
      const lm = fit(three, [0, 1, 2], { penalty, fitIntercept: false, tol: 1e-9 });
      expectOptimal(three.X, three.y, lm, penalty === 'l1' ? 1 : 0, penalty === 'l2' ? 1 : 0, false, 1e-6);
    }
  });

  it('a strong L1 penalty zeroes coefficients exactly', () => {
    const learned = fit(binary, [0, 1], { penalty: 'l1', C: 0.01 });
    expect(Array.from(learned.coef as Float64Array).filter((v) => v === 0).length).toBeGreaterThan(0);
  });

  it('reports converged: false when maxIter runs out', () => {
    const learned = fit(three, [0, 1, 2], { C: 100, maxIter: 1 });
    expect(learned.nIter).toBe(1);
    expect(learned.converged).toBe(false);
    const l1 = fit(three, [0, 1, 2], { penalty: 'l1', C: 100, maxIter: 1 });
    expect(l1.converged).toBe(false);
  });
});

describe('logistic regression: labels, probabilities and classes', () => {
  it('predicts in the label space of ctx.classes (arbitrary label values)', () => {
    const labelled = { X: binary.X, y: binary.y.map((v) => (v === 0 ? -3 : 7)) };
    const k = debugKernels();
    const ctx = context(k, [-3, 7]);
    const train = side(k, labelled.X, labelled.y);
    const pred = logisticRegression.trainer.evaluate(ctx, train, train, {});
    expect(new Set(pred.yPred)).toEqual(new Set([-3, 7]));
    expect(Array.from(pred.classes!)).toEqual([-3, 7]);
    // Same model as 0/1 labels: identical probabilities.
    const k2 = debugKernels();
    const ctx2 = context(k2, [0, 1]);
    const train2 = side(k2, binary.X, binary.y);
    const pred01 = logisticRegression.trainer.evaluate(ctx2, train2, train2, {});
    expect(Array.from(pred.proba!)).toEqual(Array.from(pred01.proba!));
    // Rows sum to 1, and the label is the class with the larger probability.
    for (let i = 0; i < binary.X.length; i++) {
      expect(pred.proba![2 * i] + pred.proba![2 * i + 1]).toBeCloseTo(1, 14);
      expect(pred.yPred[i]).toBe(pred.proba![2 * i + 1] > 0.5 ? 7 : -3);
    }
  });

  it('evaluate (wasm scores) and predict (TS from learned parameters) agree', () => {
    for (const [data, classes] of [[binary, [0, 1]], [three, [0, 1, 2]]] as const) {
      const k = debugKernels();
      const ctx = context(k, [...classes]);
      const train = side(k, data.X, data.y);
      const params = { C: 0.5 };
      const learned = logisticRegression.trainer.fit(ctx, train, params);
      const evaluated = logisticRegression.trainer.evaluate(ctx, train, train, params);
      const flat = { values: Float64Array.from(data.X.flat()), rows: data.X.length, cols: 4 };
      const predicted = logisticRegression.predict(learned, flat, params);
      expect(Array.from(predicted.yPred)).toEqual(Array.from(evaluated.yPred));
      predicted.proba!.forEach((p, i) => expect(Math.abs(p - evaluated.proba![i])).toBeLessThan(1e-12));
      expect(Array.from(predicted.classes!)).toEqual([...classes]);
    }
  });

  it('a training fold without one of three classes gives that class probability 0 (binary model of the other two)', () => {
    const k = debugKernels();
    const ctx = context(k, [0, 1, 2]);
    const keep = three.X.map((_, i) => i).filter((i) => three.y[i] !== 1);
    const train = side(k, keep.map((i) => three.X[i]), keep.map((i) => three.y[i]));
    const test = side(k, three.X, three.y);
    const pred = logisticRegression.trainer.evaluate(ctx, train, test, {});
    expect(Array.from(pred.classes!)).toEqual([0, 1, 2]);
    for (let i = 0; i < three.X.length; i++) {
      expect(pred.proba![3 * i + 1]).toBe(0);
      expect(pred.proba![3 * i] + pred.proba![3 * i + 2]).toBeCloseTo(1, 14);
      expect(pred.yPred[i]).not.toBe(1);
    }
  });

  it('a training fold with a single class is an error that says so', () => {
    const k = debugKernels();
    const ctx = context(k, [0, 1]);
    const zeros = binary.X.filter((_, i) => binary.y[i] === 0);
    expect(() => logisticRegression.trainer.fit(ctx, side(k, zeros, zeros.map(() => 0)), {})).toThrow(/single class/);
  });

  it('survives wasm memory growing in the middle of a fit (views are re-created)', () => {
    // Shift the arena's top through a whole page so that, for some shift, the page boundary falls between the buffers
    // allocated first and the proximal Newton scratch allocated later (memory.grow detaches every earlier view).
    const reference = fit(binary, [0, 1], { penalty: 'l1', C: 0.5 });
    let grewDuringFit = 0;
    for (let filler = 0; filler < 65536; filler += 512) {
      const k = debugKernels();
      const ctx = context(k, [0, 1]);
      const train = side(k, binary.X, binary.y);
      k.arena.alloc(filler);
      const before = k.arena.memory.buffer.byteLength;
      const learned = logisticRegression.trainer.fit(ctx, train, { penalty: 'l1', C: 0.5 });
      if (k.arena.memory.buffer.byteLength > before) grewDuringFit++;
      expect(Array.from(learned.coef as Float64Array)).toEqual(Array.from(reference.coef as Float64Array));
    }
    expect(grewDuringFit).toBeGreaterThan(0);
  });

  it('a diverging fit throws instead of returning NaN probabilities', () => {
    const k = debugKernels();
    const ctx = context(k, [0, 1]);
    const huge = binary.X.map((r) => r.map((v) => v * 1e308));
    expect(() => logisticRegression.trainer.fit(ctx, side(k, huge, binary.y), {})).toThrow(/logistic-regression: .*(diverged|non-finite)/);
  });
});
