/**
 * Exports of assembly/linear.ts (pointers and lengths are plain numbers in wasm32). Matrices are row-major f64 unless
 * stated; every output block is provided by the caller (the kernels never allocate). Contracts in assembly/linear.ts.
 */
export interface LinearKernels {
  /** out[c] = column mean of X (rows >= 1). */
  featureMeans(X: number, rows: number, cols: number, out: number): void;
  /** out (cols x cols) = sum_i (x_i - mean)(x_i - mean)^T; z is scratch of cols f64. */
  centeredGram(X: number, rows: number, cols: number, mean: number, z: number, out: number): void;
  /** out (cols) = sum_i (x_i - mean)(y_i - yMean). */
  centeredXty(X: number, rows: number, cols: number, mean: number, y: number, yMean: number, out: number): void;
  /** outT (cols x rows) = (X - mean)^T, i.e. the centred X column-major. */
  centeredTranspose(X: number, rows: number, cols: number, mean: number, outT: number): void;
  /** L L^T = A + shift I (reads A's lower triangle); 0 on success, else 1 + the first pivot <= rankTol * max diag. */
  choleskyShifted(A: number, n: number, shift: number, rankTol: number, L: number): number;
  /** Solves L L^T x = b in place. */
  choleskySolve(L: number, n: number, b: number): void;
  /** Cyclic Jacobi: A's diagonal <- eigenvalues, V columns <- eigenvectors; returns sweeps used or -1. */
  jacobiEigen(A: number, n: number, V: number, maxSweeps: number): number;
  /** Cyclic elastic-net coordinate descent on column-major XT (scikit-learn's cd_fast); returns epochs run. */
  enetCoordinateDescent(
    XT: number, rows: number, cols: number, y: number, w: number, R: number, colSq: number,
    l1Reg: number, l2Reg: number, maxIter: number, tol: number, stats: number,
  ): number;
  /** out (rows x K) = X W^T + b. */
  linearPredict(X: number, rows: number, cols: number, W: number, K: number, b: number, out: number): void;
  /** outW (K x cols) = G^T X, outB (K) = column sums of G (rows x K). */
  linearGradient(X: number, rows: number, cols: number, G: number, K: number, outW: number, outB: number): void;
  /** Binary log loss sum for scores Z and 0/1 targets y; writes G = sigmoid - y and D = p (1 - p). */
  logisticLoss(Z: number, y: number, rows: number, G: number, D: number): number;
  /** Softmax loss sum for scores Z (rows x K) and i32 class indices; writes P = softmax and G = P - onehot. */
  softmaxLoss(Z: number, rows: number, K: number, yIdx: number, P: number, G: number): number;
  /** out_ik = P_ik (U_ik - sum_l P_il U_il). */
  softmaxHessianMix(P: number, U: number, rows: number, K: number, out: number): void;
  /** out = a * b elementwise. */
  mulElementwise(a: number, b: number, n: number, out: number): void;
  /** out ((cols+1)^2) = sum_i wts_i [x_i; 1][x_i; 1]^T. */
  weightedGramAug(X: number, rows: number, cols: number, wts: number, out: number): void;
  /** CD on g.d + 0.5 d'Hd + sum l1_j |w_j + d_j|; returns passes (negative if maxPasses ran out). */
  cdQuadraticL1(
    H: number, p: number, g: number, w: number, l1: number, maxPasses: number, tol: number, delta: number, Hd: number,
  ): number;
}
