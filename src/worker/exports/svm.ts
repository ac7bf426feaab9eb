/** Exports of assembly/svm/ (pointers and lengths are plain numbers in wasm32). Contracts in those files. */
export interface SvmKernels {
  /** out (rows x rows f64) = X X^T, sequential dot products (libsvm's dense dot); XT: rows x cols f64 scratch. */
  svmGram(X: number, rows: number, cols: number, XT: number, out: number): void;
  /** out (N x N f32) = the fold's kernel matrix from its dot products D and squared norms xsq. */
  svmKernelMatrix(D: number, N: number, xsq: number, kind: number, gamma: number, coef0: number, degree: number, out: number): void;
  /** out[i] = x_i . x_i. */
  svmRowSquares(X: number, rows: number, cols: number, out: number): void;
  /** out (nA x nB) = k(a_i, b_j) as libsvm's k_function (kind 0 linear, 1 poly, 2 rbf, 3 sigmoid). */
  svmCrossKernel(
    A: number, nA: number, B: number, nB: number, cols: number, kind: number, gamma: number, coef0: number, degree: number, BT: number, out: number,
  ): void;
  /** Sets up the Q rows of one sub-problem: gathered from K when given, else from D, else (D = 0) computed from X. */
  svmSetKernel(
    K: number, D: number, X: number, N: number, cols: number, xsq: number, rowIdx: number, lk: number,
    kind: number, gamma: number, coef0: number, degree: number,
    cache: number, slotOf: number, slotRow: number, slotUsed: number, slots: number,
  ): void;
  /** libsvm's SMO; info = [rho, objective, iterations, stopped by maxIter]. */
  svmSolve(
    l: number, y: number, p: number, C: number, base: number, alpha: number,
    G: number, Gbar: number, status: number, active: number, QD: number,
    tol: number, shrinking: number, maxIter: number, alphaOut: number, info: number,
  ): void;
}

/** Prediction kernels of assembly/svm/kernel.ts (see there). */
export interface SvmPredictKernels {
  /** out (nA x nB) = sums of squared differences (squaredDiff 1) or dot products of rows a_i, b_j; BT scratch. */
  svmCrossBase(A: number, nA: number, B: number, nB: number, cols: number, squaredDiff: number, BT: number, out: number): void;
  /** libsvm's predict_values from svmCrossBase's matrix S (one value per pair, or one per row when k = 1). */
  svmDecision(
    S: number, nA: number, nB: number, svRows: number, total: number, kind: number, gamma: number, coef0: number, degree: number,
    nSV: number, k: number, svCoef: number, rho: number, kv: number, start: number, out: number,
  ): void;
}
