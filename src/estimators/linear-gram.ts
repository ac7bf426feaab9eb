/**
 * Exact least squares (OLS and ridge) from per-fold sufficient statistics.
 *
 * With an intercept, scikit-learn centres X and y on the training rows, solves for the weights on the centred data
 * (the intercept is not penalised) and sets intercept = mean(y) - mean(X) . w. Everything the solve needs is the centred
 * Gram matrix X^T X, X^T y and the means: computed once per (fold, fitIntercept) by the wasm kernels and cached as JS
 * copies in ctx.foldCache, so every alpha of a grid on that fold costs one cols x cols Cholesky, not a pass over the rows.
 */
import type { FoldSide, TrainContext } from './types';
import { dotJs } from './linear-common';

export interface GramStats {
  rows: number;
  cols: number;
  fitIntercept: boolean;
  /** Column means of the training rows (zeros without an intercept). */
  xMean: Float64Array;
  yMean: number;
  /** cols x cols, (X - xMean)^T (X - xMean). */
  gram: Float64Array;
  /** cols, (X - xMean)^T (y - yMean). */
  xty: Float64Array;
}

export interface LeastSquaresSolution {
  coef: Float64Array;
  intercept: number;
  /** 'cholesky' (full rank) or 'eigen' (rank-deficient: minimum-norm solution through the pseudo-inverse). */
  solver: 'cholesky' | 'eigen';
  /** Jacobi sweeps of the eigen fallback; 0 for the direct Cholesky solve. */
  nIter: number;
}

/** Largest Jacobi sweep count before the eigen fallback gives up (it converges quadratically, ~10 are typical). */
const MAX_JACOBI_SWEEPS = 100;

/**
 * Relative size below which a pivot / eigenvalue of the Gram matrix counts as zero. scikit-learn's lstsq drops singular
 * values below eps * max(rows, cols) times the largest; the Gram matrix holds squared singular values but is only known
 * to ~eps relative precision, so its own cutoff is max(rows, cols) * eps relative to its largest diagonal/eigenvalue.
 */
function rankTolerance(rows: number, cols: number): number {
  return Math.max(rows, cols) * Number.EPSILON;
}

/** The (cached) centred Gram statistics of the training side. */
export function gramStats(ctx: TrainContext, train: FoldSide, y: Float64Array, fitIntercept: boolean): GramStats {
  const key = `linear:gram:${fitIntercept ? 'centred' : 'raw'}`;
  const cached = ctx.foldCache.get(key) as GramStats | undefined;
  if (cached && cached.rows === train.rows && cached.cols === train.cols) return cached;

  const { wasm, arena } = ctx.kernels;
  const { rows, cols } = train;
  if (rows < 1) throw new Error('least squares: the training side has no rows');
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < rows; i++) yMean += y[i];
    yMean /= rows;
  }
  const mark = arena.mark();
  try {
    const meanPtr = arena.alloc(cols * 8);
    const zPtr = arena.alloc(cols * 8);
    const gramPtr = arena.alloc(cols * cols * 8);
    const xtyPtr = arena.alloc(cols * 8);
    const yPtr = arena.allocF64(y);
    if (fitIntercept) wasm.featureMeans(train.ptr, rows, cols, meanPtr);
    else arena.f64(meanPtr, cols).fill(0);
    wasm.centeredGram(train.ptr, rows, cols, meanPtr, zPtr, gramPtr);
    wasm.centeredXty(train.ptr, rows, cols, meanPtr, yPtr, yMean, xtyPtr);
    const stats: GramStats = {
      rows,
      cols,
      fitIntercept,
      xMean: arena.f64(meanPtr, cols).slice(),
      yMean,
      gram: arena.f64(gramPtr, cols * cols).slice(),
      xty: arena.f64(xtyPtr, cols).slice(),
    };
    const overflow = (v: Float64Array) => v.some((x) => !Number.isFinite(x));
    if (overflow(stats.gram) || overflow(stats.xty) || overflow(stats.xMean) || !Number.isFinite(yMean)) {
      throw new Error(
        'least squares: X^T X or X^T y is not finite (values too large to square in float64); ' +
          'rescale the features (preprocess: "standardize") or the targets',
      );
    }
    ctx.foldCache.set(key, stats);
    return stats;
  } finally {
    arena.release(mark);
  }
}

/**
 * Solves (G + alpha I) w = X^T y. Cholesky in wasm when the shifted Gram matrix is numerically positive definite;
 * otherwise (OLS or a tiny alpha on collinear or constant columns) the minimum-norm solution from a Jacobi
 * eigen-decomposition, dropping eigenvalues below the rank tolerance: as scikit-learn's lstsq (OLS) and its ridge
 * fallback to the SVD solver.
 */
export function solveLeastSquares(ctx: TrainContext, stats: GramStats, alpha: number): LeastSquaresSolution {
  const { wasm, arena } = ctx.kernels;
  const n = stats.cols;
  const tol = rankTolerance(stats.rows, n);
  const mark = arena.mark();
  let coef: Float64Array;
  let solver: LeastSquaresSolution['solver'] = 'cholesky';
  let nIter = 0;
  try {
    const gPtr = arena.allocF64(stats.gram);
    const lPtr = arena.alloc(n * n * 8);
    const bPtr = arena.allocF64(stats.xty);
    const status = wasm.choleskyShifted(gPtr, n, alpha, tol, lPtr);
    if (status === 0) {
      wasm.choleskySolve(lPtr, n, bPtr);
      coef = arena.f64(bPtr, n).slice();
    } else {
      solver = 'eigen';
      // Reuse L's block for the eigenvectors; G is overwritten by the rotations (the cache keeps the original).
      nIter = wasm.jacobiEigen(gPtr, n, lPtr, MAX_JACOBI_SWEEPS);
      if (nIter < 0) throw new Error(`least squares: the eigen-decomposition did not converge in ${MAX_JACOBI_SWEEPS} sweeps`);
      coef = pseudoInverseSolve(arena.f64(gPtr, n * n), arena.f64(lPtr, n * n), stats.xty, n, alpha, tol);
    }
  } finally {
    arena.release(mark);
  }
  const intercept = stats.fitIntercept ? stats.yMean - dotJs(stats.xMean, coef) : 0;
  return { coef, intercept, solver, nIter };
}

/** w = V diag(f(lambda)) V^T b with f = 1 / (lambda + alpha) above the cutoff and 0 below (minimum norm). */
function pseudoInverseSolve(
  diagonalised: Float64Array, V: Float64Array, b: Float64Array, n: number, alpha: number, tol: number,
): Float64Array {
  let lamMax = 0;
  for (let k = 0; k < n; k++) lamMax = Math.max(lamMax, diagonalised[k * n + k]);
  const cutoff = tol * lamMax;
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const lam = diagonalised[k * n + k];
    if (!(lam > cutoff)) continue;
    let proj = 0;
    for (let i = 0; i < n; i++) proj += V[i * n + k] * b[i];
    const f = proj / (lam + alpha);
    for (let i = 0; i < n; i++) w[i] += V[i * n + k] * f;
  }
  return w;
}
