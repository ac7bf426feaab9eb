/**
 * A worker-like TrainContext over the debug wasm build (asserts active) for calling the linear trainers directly,
 * plus a tiny independent linear-algebra toolbox (plain JS) to check their answers.
 */
import type { Kernels } from '../../../../src/worker/kernels';
import type { FoldSide, TrainContext } from '../../../../src/estimators/types';

export { debugKernels } from '../../../helpers/debug-kernels';

export function context(kernels: Kernels, classes: number[] | null = null): TrainContext {
  return { kernels, foldCache: new Map(), seed: 1, hints: {}, classes: classes ? Float64Array.from(classes) : null };
}

/** Copies rows into the arena (as the worker runtime does with a fold) and returns the side. */
export function side(kernels: Kernels, X: number[][], y: number[] | null): FoldSide {
  const cols = X[0].length;
  const flat = new Float64Array(X.length * cols);
  X.forEach((r, i) => flat.set(r, i * cols));
  return { ptr: kernels.arena.allocF64(flat), rows: X.length, cols, y: y ? Float64Array.from(y) : null };
}

/** Deterministic pseudo-random numbers in [-1, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

export function randomMatrix(rows: number, cols: number, seed: number): number[][] {
  const r = lcg(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, r));
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A square, copied). */
export function gaussSolve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

/** Ridge/OLS by the textbook normal equations on explicitly centred data (independent of the kernels). */
export function referenceRidge(X: number[][], y: number[], alpha: number, fitIntercept: boolean): { w: number[]; b: number } {
  const n = X.length;
  const d = X[0].length;
  const xm = new Array<number>(d).fill(0);
  let ym = 0;
  if (fitIntercept) {
    for (const r of X) r.forEach((v, j) => (xm[j] += v / n));
    ym = y.reduce((a, v) => a + v, 0) / n;
  }
  const Xc = X.map((r) => r.map((v, j) => v - xm[j]));
  const A = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => Xc.reduce((s, r) => s + r[a] * r[b], 0) + (a === b ? alpha : 0)),
  );
  const rhs = Array.from({ length: d }, (_, a) => Xc.reduce((s, r, i) => s + r[a] * (y[i] - ym), 0));
  const w = gaussSolve(A, rhs);
  return { w, b: fitIntercept ? ym - w.reduce((s, v, j) => s + v * xm[j], 0) : 0 };
}

export function predictRows(X: number[][], w: ArrayLike<number>, b: number): number[] {
  return X.map((r) => r.reduce((s, v, j) => s + v * w[j], b));
}
