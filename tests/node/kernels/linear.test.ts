/**
 * Unit tests of assembly/linear.ts on the debug build (asserts active), with tiny systems worked out by hand and
 * larger random ones checked against plain-JS loops (shapes chosen so the SIMD bodies and their scalar tails both run).
 * Needs `npm run build:wasm` (or `npm run build`) first.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import type { Arena } from '../../../src/worker/arena';
import { debugKernels } from '../../helpers/debug-kernels';
import type { KernelExports } from '../../../src/worker/kernels';

let wasm: KernelExports;
let arena: Arena;

beforeEach(() => {
  ({ wasm, arena } = debugKernels());
});

const put = (values: number[]) => arena.allocF64(Float64Array.from(values));
const get = (ptr: number, n: number) => Array.from(arena.f64(ptr, n));
const out = (n: number) => arena.alloc(n * 8);

/** Deterministic pseudo-random numbers in [-1, 1) (tests only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

function expectClose(actual: number[], expected: number[], tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]), `index ${i}: ${a} vs ${expected[i]}`).toBeLessThanOrEqual(tol));
}

describe('least-squares statistics', () => {
  // X (3 x 2) = [[1, 0], [0, 1], [1, 1]], y = [1, 2, 4].
  // Means: x = (2/3, 2/3), y = 7/3. Centred X = [[1/3, -2/3], [-2/3, 1/3], [1/3, 1/3]].
  // Centred Gram: [[1/9 + 4/9 + 1/9, -2/9 - 2/9 + 1/9], sym, 4/9 + 1/9 + 1/9] = [[2/3, -1/3], [-1/3, 2/3]].
  // Centred y = [-4/3, -1/3, 5/3]; centred X^T y = [-4/9 + 2/9 + 5/9, 8/9 - 1/9 + 5/9] = [1/3, 4/3].
  const X = [1, 0, 0, 1, 1, 1];
  const y = [1, 2, 4];

  it('featureMeans, centeredGram and centeredXty match the hand computation', () => {
    const xPtr = put(X);
    const yPtr = put(y);
    const mean = out(2);
    const z = out(2);
    const gram = out(4);
    const xty = out(2);
    wasm.featureMeans(xPtr, 3, 2, mean);
    wasm.centeredGram(xPtr, 3, 2, mean, z, gram);
    wasm.centeredXty(xPtr, 3, 2, mean, yPtr, 7 / 3, xty);
    expectClose(get(mean, 2), [2 / 3, 2 / 3]);
    expectClose(get(gram, 4), [2 / 3, -1 / 3, -1 / 3, 2 / 3]);
    expectClose(get(xty, 2), [1 / 3, 4 / 3]);
  });

  it('solves the 3 x 2 least-squares problem through Cholesky (with and without an intercept)', () => {
    // Without intercept: X^T X = [[2, 1], [1, 2]], X^T y = [5, 6]; inverse = (1/3)[[2, -1], [-1, 2]],
    // w = (1/3)[10 - 6, -5 + 12] = [4/3, 7/3]. Residuals y - Xw = [-1/3, -1/3, 1/3] are orthogonal to both columns.
    const xPtr = put(X);
    const yPtr = put(y);
    const zeroMean = put([0, 0]);
    const z = out(2);
    const gram = out(4);
    const L = out(4);
    const b = out(2);
    wasm.centeredGram(xPtr, 3, 2, zeroMean, z, gram);
    wasm.centeredXty(xPtr, 3, 2, zeroMean, yPtr, 0, b);
    expectClose(get(gram, 4), [2, 1, 1, 2]);
    expect(wasm.choleskyShifted(gram, 2, 0, 1e-13, L)).toBe(0);
    wasm.choleskySolve(L, 2, b);
    expectClose(get(b, 2), [4 / 3, 7 / 3]);

    // With intercept, on the centred statistics above: [[2/3, -1/3], [-1/3, 2/3]] w = [1/3, 4/3] gives
    // w = 3 * (1/3)[[2, 1], [1, 2]] [1/3, 4/3] = [2, 3], intercept = 7/3 - (2/3)(2 + 3) = -1: y = 2 x1 + 3 x2 - 1 exactly.
    const mean = out(2);
    wasm.featureMeans(xPtr, 3, 2, mean);
    wasm.centeredGram(xPtr, 3, 2, mean, z, gram);
    wasm.centeredXty(xPtr, 3, 2, mean, yPtr, 7 / 3, b);
    expect(wasm.choleskyShifted(gram, 2, 0, 1e-13, L)).toBe(0);
    wasm.choleskySolve(L, 2, b);
    expectClose(get(b, 2), [2, 3]);
  });

  it('centeredGram and centeredXty agree with plain loops on a 37 x 7 matrix (SIMD tails)', () => {
    const rnd = lcg(7);
    const rows = 37;
    const cols = 7;
    const Xv = Array.from({ length: rows * cols }, rnd);
    const yv = Array.from({ length: rows }, rnd);
    const m = Array.from({ length: cols }, (_, c) => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += Xv[i * cols + c];
      return s / rows;
    });
    const ym = yv.reduce((a, b) => a + b, 0) / rows;
    const G: number[] = [];
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let s = 0;
        for (let i = 0; i < rows; i++) s += (Xv[i * cols + a] - m[a]) * (Xv[i * cols + b] - m[b]);
        G.push(s);
      }
    }
    const q = m.map((_, c) => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += (Xv[i * cols + c] - m[c]) * (yv[i] - ym);
      return s;
    });
    const xPtr = put(Xv);
    const yPtr = put(yv);
    const mean = out(cols);
    const z = out(cols);
    const gram = out(cols * cols);
    const xty = out(cols);
    const xt = out(rows * cols);
    wasm.featureMeans(xPtr, rows, cols, mean);
    wasm.centeredGram(xPtr, rows, cols, mean, z, gram);
    wasm.centeredXty(xPtr, rows, cols, mean, yPtr, ym, xty);
    wasm.centeredTranspose(xPtr, rows, cols, mean, xt);
    expectClose(get(mean, cols), m);
    expectClose(get(gram, cols * cols), G);
    expectClose(get(xty, cols), q);
    const t = get(xt, rows * cols);
    for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) expect(t[c * rows + i]).toBeCloseTo(Xv[i * cols + c] - m[c], 14);
  });
});

describe('Cholesky and Jacobi', () => {
  it('factors the textbook SPD matrix exactly', () => {
    // [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L L^T with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
    const A = put([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    const L = out(9);
    expect(wasm.choleskyShifted(A, 3, 0, 1e-13, L)).toBe(0);
    expectClose(get(L, 9), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
    // A x = b with x = [1, 2, 3]: b = [4 + 24 - 48, 12 + 74 - 129, -16 - 86 + 294] = [-20, -43, 192].
    const b = put([-20, -43, 192]);
    wasm.choleskySolve(L, 3, b);
    expectClose(get(b, 3), [1, 2, 3], 1e-10);
    // A is left intact (the cached Gram matrix must serve every shift).
    expectClose(get(A, 9), [4, 12, -16, 12, 37, -43, -16, -43, 98]);
  });

  it('adds the shift to the diagonal and reports the first failing pivot of a singular matrix', () => {
    const A = put([1, 1, 1, 1]);
    const L = out(4);
    // Singular: pivot 2 is 1 - 1 = 0.
    expect(wasm.choleskyShifted(A, 2, 0, 1e-13, L)).toBe(2);
    // [[2, 1], [1, 2]]: L = [[sqrt 2, 0], [1/sqrt 2, sqrt(3/2)]].
    expect(wasm.choleskyShifted(A, 2, 1, 1e-13, L)).toBe(0);
    expectClose(get(L, 4), [Math.SQRT2, 0, Math.SQRT1_2, Math.sqrt(1.5)]);
    // A pivot that is positive but below rankTol * max diagonal counts as singular.
    const nearly = put([1, 1, 1, 1 + 1e-15]);
    expect(wasm.choleskyShifted(nearly, 2, 0, 1e-13, L)).toBe(2);
    // Indefinite: first pivot negative.
    const indefinite = put([-1, 0, 0, 1]);
    expect(wasm.choleskyShifted(indefinite, 2, 0, 0, L)).toBe(1);
  });

  it('jacobiEigen diagonalises [[2, 1], [1, 2]] into eigenvalues 1 and 3', () => {
    const A = put([2, 1, 1, 2]);
    const V = out(4);
    expect(wasm.jacobiEigen(A, 2, V, 50)).toBeGreaterThanOrEqual(1);
    const lam = [arena.f64(A, 4)[0], arena.f64(A, 4)[3]].sort((a, b) => a - b);
    expectClose(lam, [1, 3]);
    const v = get(V, 4);
    // Eigenvectors (1, -1)/sqrt 2 and (1, 1)/sqrt 2 up to sign: |components| = 1/sqrt 2.
    v.forEach((x) => expect(Math.abs(x)).toBeCloseTo(Math.SQRT1_2, 12));
  });

  it('jacobiEigen reconstructs a random symmetric 9 x 9 matrix with orthonormal eigenvectors', () => {
    const n = 9;
    const rnd = lcg(3);
    const S = new Array<number>(n * n).fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = rnd();
        S[i * n + j] = v;
        S[j * n + i] = v;
      }
    }
    const A = put(S);
    const V = out(n * n);
    const sweeps = wasm.jacobiEigen(A, n, V, 100);
    expect(sweeps).toBeGreaterThan(0);
    expect(sweeps).toBeLessThan(30);
    const D = get(A, n * n);
    const Vv = get(V, n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i !== j) expect(Math.abs(D[i * n + j])).toBeLessThan(1e-15);
        let rec = 0;
        let orth = 0;
        for (let k = 0; k < n; k++) {
          rec += Vv[i * n + k] * D[k * n + k] * Vv[j * n + k];
          orth += Vv[k * n + i] * Vv[k * n + j];
        }
        expect(Math.abs(rec - S[i * n + j])).toBeLessThan(1e-13);
        expect(Math.abs(orth - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
  });

  it('asserts its preconditions in the debug build', () => {
    expect(() => wasm.choleskyShifted(out(1), 0, 0, 0, out(1))).toThrow(/wasm assertion failed/);
    expect(() => wasm.jacobiEigen(out(1), 1, out(1), 0)).toThrow(/wasm assertion failed/);
  });
});

describe('elastic-net coordinate descent', () => {
  /** One centred feature x = [1, -1, 1, -1] (||x||^2 = 4) and y = c * x, so x . y = 4c. */
  function single(c: number, l1: number, l2: number) {
    const x = [1, -1, 1, -1];
    const xt = put(x);
    const yPtr = put(x.map((v) => c * v));
    const w = put([0]);
    const stats = out(3);
    const epochs = wasm.enetCoordinateDescent(xt, 4, 1, yPtr, w, out(4), out(1), l1, l2, 100, 1e-12, stats);
    return { w: get(w, 1)[0], epochs, stats: get(stats, 3) };
  }

  it('soft-thresholds a single coordinate: w = sign(x.y) max(|x.y| - l1, 0) / (||x||^2 + l2)', () => {
    // x.y = 12: (12 - 4) / 4 = 2.
    expect(single(3, 4, 0).w).toBeCloseTo(2, 14);
    // Negative correlation: -(12 - 4) / 4.
    expect(single(-3, 4, 0).w).toBeCloseTo(-2, 14);
    // l1 above |x.y|: exactly zero.
    expect(single(3, 13, 0).w).toBe(0);
    // With an L2 part: (12 - 4) / (4 + 4) = 1.
    expect(single(3, 4, 4).w).toBeCloseTo(1, 14);
    // No penalty: least squares, w = c.
    expect(single(3, 0, 0).w).toBeCloseTo(3, 14);
  });

  it('reports convergence with a duality gap below tol * ||y||^2', () => {
    const { stats, epochs } = single(3, 4, 1);
    expect(stats[2]).toBe(1);
    expect(stats[0]).toBeLessThan(stats[1]);
    // ||y||^2 = 36.
    expect(stats[1]).toBeCloseTo(36e-12, 20);
    expect(epochs).toBeLessThanOrEqual(3);
  });

  it('on correlated features reaches the KKT conditions of the lasso', () => {
    const rnd = lcg(11);
    const rows = 41;
    const cols = 5;
    const X = Array.from({ length: rows * cols }, rnd);
    // Make features 0 and 1 strongly correlated so CD needs many epochs.
    for (let i = 0; i < rows; i++) X[i * cols + 1] = X[i * cols] + 0.05 * X[i * cols + 1];
    const y = Array.from({ length: rows }, (_, i) => 2 * X[i * cols] - X[i * cols + 3] + 0.1 * rnd());
    const xt = out(rows * cols);
    const zeroMean = put(new Array<number>(cols).fill(0));
    wasm.centeredTranspose(put(X), rows, cols, zeroMean, xt);
    const w = put(new Array<number>(cols).fill(0));
    const stats = out(3);
    const l1 = 0.5;
    const epochs = wasm.enetCoordinateDescent(xt, rows, cols, put(y), w, out(rows), out(cols), l1, 0, 10000, 1e-14, stats);
    expect(get(stats, 3)[2]).toBe(1);
    expect(epochs).toBeGreaterThan(5);
    const wv = get(w, cols);
    // KKT: x_j . (y - X w) = l1 sign(w_j) where w_j != 0, |x_j . r| <= l1 where w_j = 0.
    for (let j = 0; j < cols; j++) {
      let c = 0;
      for (let i = 0; i < rows; i++) {
        let r = y[i];
        for (let k = 0; k < cols; k++) r -= X[i * cols + k] * wv[k];
        c += X[i * cols + j] * r;
      }
      if (wv[j] !== 0) expect(Math.abs(c - l1 * Math.sign(wv[j]))).toBeLessThan(1e-6);
      else expect(Math.abs(c)).toBeLessThanOrEqual(l1 + 1e-9);
    }
  });

  it('stops at maxIter and says it did not converge', () => {
    const rnd = lcg(5);
    const rows = 30;
    const cols = 4;
    const X = Array.from({ length: rows * cols }, rnd);
    for (let i = 0; i < rows; i++) X[i * cols + 1] = X[i * cols] + 1e-3 * X[i * cols + 1];
    const y = Array.from({ length: rows }, rnd);
    const xt = out(rows * cols);
    wasm.centeredTranspose(put(X), rows, cols, put([0, 0, 0, 0]), xt);
    const stats = out(3);
    const epochs = wasm.enetCoordinateDescent(xt, rows, cols, put(y), put([0, 0, 0, 0]), out(rows), out(cols), 1e-6, 0, 2, 1e-14, stats);
    expect(epochs).toBe(2);
    expect(get(stats, 3)[2]).toBe(0);
  });
});

describe('proximal Newton inner solve (cdQuadraticL1)', () => {
  it('soft-thresholds each coordinate of a diagonal model', () => {
    // H = diag(2, 4, 1), g = [-6, 2, 3], w = 0, l1 = [1, 1, 0]:
    // coord 0: u = 6/2 = 3, threshold 1/2 -> 2.5; coord 1: u = -2/4 = -0.5, threshold 1/4 -> -0.25;
    // coord 2 unpenalised: plain Newton step -3.
    const H = put([2, 0, 0, 0, 4, 0, 0, 0, 1]);
    const delta = out(3);
    const passes = wasm.cdQuadraticL1(H, 3, put([-6, 2, 3]), put([0, 0, 0]), put([1, 1, 0]), 50, 1e-14, delta, out(3));
    expect(passes).toBe(2);
    expectClose(get(delta, 3), [2.5, -0.25, -3]);
  });

  it('moves a coefficient to exactly zero when the threshold covers its gradient', () => {
    // w = [1], H = [1], g = [-0.5]: u = 1 + 0.5 = 1.5, threshold 2 -> z = 0, so delta = -1.
    const delta = out(1);
    wasm.cdQuadraticL1(put([1]), 1, put([-0.5]), put([1]), put([2]), 10, 1e-14, delta, out(1));
    expect(get(delta, 1)).toEqual([-1]);
  });

  it('solves a coupled quadratic without penalty (H delta = -g)', () => {
    // H = [[2, 1], [1, 2]], g = [-5, -6]: delta = H^{-1} [5, 6] = [4/3, 7/3].
    const delta = out(2);
    const passes = wasm.cdQuadraticL1(put([2, 1, 1, 2]), 2, put([-5, -6]), put([0, 0]), put([0, 0]), 500, 1e-13, delta, out(2));
    expect(passes).toBeGreaterThan(2);
    expectClose(get(delta, 2), [4 / 3, 7 / 3], 1e-12);
    // Too few passes: reported as a negative count.
    expect(wasm.cdQuadraticL1(put([2, 1, 1, 2]), 2, put([-5, -6]), put([0, 0]), put([0, 0]), 2, 1e-13, delta, out(2))).toBe(-2);
  });
});

describe('GLM pieces', () => {
  // X = [[1, 2], [3, 4], [5, 6]] (3 x 2).
  const X = [1, 2, 3, 4, 5, 6];

  it('linearPredict computes X W^T + b for K outputs', () => {
    // W = [[1, -1], [0.5, 2]], b = [10, -1]:
    // row 0: [1 - 2 + 10, 0.5 + 4 - 1] = [9, 3.5]; row 1: [3 - 4 + 10, 1.5 + 8 - 1] = [9, 8.5];
    // row 2: [5 - 6 + 10, 2.5 + 12 - 1] = [9, 13.5].
    const Z = out(6);
    wasm.linearPredict(put(X), 3, 2, put([1, -1, 0.5, 2]), 2, put([10, -1]), Z);
    expectClose(get(Z, 6), [9, 3.5, 9, 8.5, 9, 13.5]);
  });

  it('linearGradient computes G^T X and the column sums of G', () => {
    // G = [[1, 0], [0, 2], [-1, 1]]: G^T X = [[1 - 5, 2 - 6], [6 + 5, 8 + 6]] = [[-4, -4], [11, 14]]; sums [0, 3].
    const gW = out(4);
    const gB = out(2);
    wasm.linearGradient(put(X), 3, 2, put([1, 0, 0, 2, -1, 1]), 2, gW, gB);
    expectClose(get(gW, 4), [-4, -4, 11, 14]);
    expectClose(get(gB, 2), [0, 3]);
  });

  it('logisticLoss: log 2 at z = 0, finite for huge scores, derivative and curvature', () => {
    const G = out(4);
    const D = out(4);
    const loss = wasm.logisticLoss(put([0, 0, 800, -800]), put([1, 0, 1, 1]), 4, G, D);
    // log 2 + log 2 + ~0 + 800 (the wrong side of a huge score costs |z|).
    expect(loss).toBeCloseTo(2 * Math.LN2 + 800, 10);
    expectClose(get(G, 4), [-0.5, 0.5, 0, -1]);
    expectClose(get(D, 4), [0.25, 0.25, 0, 0]);
  });

  it('softmaxLoss: log K for equal scores, P and P - onehot, finite for huge scores', () => {
    const P = out(6);
    const G = out(6);
    const y = arena.alloc(8);
    arena.i32(y, 2).set([1, 0]);
    const loss = wasm.softmaxLoss(put([0, 0, 0, 1000, 0, -1000]), 2, 3, y, P, G);
    expect(loss).toBeCloseTo(Math.log(3), 12);
    expectClose(get(P, 6), [1 / 3, 1 / 3, 1 / 3, 1, 0, 0]);
    expectClose(get(G, 6), [1 / 3, -2 / 3, 1 / 3, 0, 0, 0]);
    arena.i32(y, 2).set([1, 3]);
    expect(() => wasm.softmaxLoss(put([0, 0, 0, 0, 0, 0]), 2, 3, y, P, G)).toThrow(/wasm assertion failed/);
  });

  it('softmaxHessianMix and mulElementwise', () => {
    // P = [0.5, 0.25, 0.25], U = [2, 4, 0]: P.U = 2; out = [0.5 * 0, 0.25 * 2, 0.25 * -2].
    const M = out(3);
    wasm.softmaxHessianMix(put([0.5, 0.25, 0.25]), put([2, 4, 0]), 1, 3, M);
    expectClose(get(M, 3), [0, 0.5, -0.5]);
    const a = put([1, 2, 3, 4, 5]);
    wasm.mulElementwise(a, put([2, 2, 2, 2, -1]), 5, a);
    expect(get(a, 5)).toEqual([2, 4, 6, 8, -5]);
  });

  it('weightedGramAug appends the intercept column', () => {
    // rows [1, 2] (w 1) and [3, 4] (w 2): [1,2,1][1,2,1]^T + 2 [3,4,1][3,4,1]^T = [[19, 26, 7], [26, 36, 10], [7, 10, 3]].
    const H = out(9);
    wasm.weightedGramAug(put([1, 2, 3, 4]), 2, 2, put([1, 2]), H);
    expectClose(get(H, 9), [19, 26, 7, 26, 36, 10, 7, 10, 3]);
  });
});
