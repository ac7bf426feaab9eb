// Kernels for the linear models (OLS, ridge, lasso, elastic net, logistic regression).
// ABI: pointers into linear memory (row-major f64 matrices unless a kernel says otherwise), i32 lengths, f64 scalars;
// results are written to caller-provided blocks. No kernel allocates: scratch is passed in by the host, whose arena
// hands out 16-byte-aligned blocks that fit in memory (so raw loads/stores need no bounds logic here).
// Hot loops (dot products, axpy, rank-1 Gram updates, residual updates) use f64x2 with two accumulators where the
// loop is a reduction, to hide the add latency.
import { dot } from './vector';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks


/** y[k] += alpha * x[k] over n contiguous f64 (x and y may be unaligned: v128.load/store accept any address). */
@inline
function axpy(alpha: f64, x: usize, y: usize, n: i32): void {
  const va = f64x2.splat(alpha);
  const pairs = n & ~1;
  let k = 0;
  for (; k < pairs; k += 2) {
    const off = <usize>k << 3;
    v128.store(y + off, f64x2.add(v128.load(y + off), f64x2.mul(va, v128.load(x + off))));
  }
  for (; k < n; k++) {
    const off = <usize>k << 3;
    store<f64>(y + off, load<f64>(y + off) + alpha * load<f64>(x + off));
  }
}

@inline
function zero(p: usize, n: i32): void {
  memory.fill(p, 0, <usize>n << 3);
}

@inline
function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline
function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** Copies the upper triangle of the n x n row-major matrix m onto its lower triangle. */
function mirrorUpper(m: usize, n: i32): void {
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) put(m, b * n + a, at(m, a * n + b));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sufficient statistics for least squares (computed once per fold; every alpha of OLS/ridge reuses them)

/** out[c] = mean over the rows of column c of X (rows x cols). Requires rows >= 1. */
export function featureMeans(X: usize, rows: i32, cols: i32, out: usize): void {
  assert(rows >= 1 && cols >= 1, 'featureMeans: empty matrix');
  zero(out, cols);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) axpy(1.0, X + <usize>i * rowBytes, out, cols);
  const inv = 1.0 / <f64>rows;
  for (let c = 0; c < cols; c++) put(out, c, at(out, c) * inv);
}

/**
 * out (cols x cols) = sum_i (x_i - mean)(x_i - mean)^T: the Gram matrix of the centred rows (pass a zero `mean` for the
 * uncentred X^T X). Centring each row before the product, rather than X^T X - n m m^T, avoids cancellation.
 * `z` is scratch of cols f64. Cost rows * cols^2 / 2 (upper triangle by rank-1 updates, then mirrored).
 */
export function centeredGram(X: usize, rows: i32, cols: i32, mean: usize, z: usize, out: usize): void {
  assert(rows >= 0 && cols >= 1, 'centeredGram: bad shape');
  zero(out, cols * cols);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const xi = X + <usize>i * rowBytes;
    for (let c = 0; c < cols; c++) put(z, c, at(xi, c) - at(mean, c));
    for (let a = 0; a < cols; a++) {
      const za = at(z, a);
      if (za == 0) continue;
      // Row a of the upper triangle, columns a..cols-1, gets za * z[a..].
      axpy(za, z + (<usize>a << 3), out + (<usize>(a * cols + a) << 3), cols - a);
    }
  }
  mirrorUpper(out, cols);
}

/** out[c] = sum_i (x_ic - mean_c) * (y_i - yMean): the centred X^T y (zero mean and yMean = 0 give X^T y). */
export function centeredXty(X: usize, rows: i32, cols: i32, mean: usize, y: usize, yMean: f64, out: usize): void {
  assert(rows >= 0 && cols >= 1, 'centeredXty: bad shape');
  zero(out, cols);
  const rowBytes = <usize>cols << 3;
  let ySum: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const r = at(y, i) - yMean;
    ySum += r;
    axpy(r, X + <usize>i * rowBytes, out, cols);
  }
  // sum_i r_i (x_i - m) = sum_i r_i x_i - m * sum_i r_i.
  for (let c = 0; c < cols; c++) put(out, c, at(out, c) - at(mean, c) * ySum);
}

/**
 * outT (cols x rows, i.e. column-major X) = X - mean, transposed so that coordinate descent reads each feature as one
 * contiguous vector (SIMD dot and axpy over rows).
 */
export function centeredTranspose(X: usize, rows: i32, cols: i32, mean: usize, outT: usize): void {
  assert(rows >= 1 && cols >= 1, 'centeredTranspose: empty matrix');
  for (let i = 0; i < rows; i++) {
    const xi = X + (<usize>(i * cols) << 3);
    for (let c = 0; c < cols; c++) put(outT, c * rows + i, at(xi, c) - at(mean, c));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dense solvers for small symmetric systems (cols x cols)

/**
 * Lower Cholesky factor L (row-major n x n, strict upper part zeroed) with L L^T = A + shift * I. Reads only the lower
 * triangle of A, which it leaves intact (so a cached Gram matrix serves every shift).
 * Returns 0 on success, or j + 1 when pivot j is not above rankTol * max_k (A_kk + shift): the matrix is (numerically)
 * singular or indefinite and the caller must use a rank-revealing solve instead (jacobiEigen).
 */
export function choleskyShifted(A: usize, n: i32, shift: f64, rankTol: f64, L: usize): i32 {
  assert(n >= 1, 'choleskyShifted: empty matrix');
  let maxDiag: f64 = 0;
  for (let k = 0; k < n; k++) maxDiag = max<f64>(maxDiag, at(A, k * n + k) + shift);
  const floor = rankTol * maxDiag;
  zero(L, n * n);
  for (let j = 0; j < n; j++) {
    const lj = L + (<usize>(j * n) << 3);
    const s = at(A, j * n + j) + shift - dot(lj, lj, j);
    // `!(s > floor)` also rejects NaN.
    if (!(s > floor) || !(s > 0)) return j + 1;
    const ljj = Math.sqrt(s);
    put(lj, j, ljj);
    const inv = 1.0 / ljj;
    for (let i = j + 1; i < n; i++) {
      const li = L + (<usize>(i * n) << 3);
      // Rows i and j of L are contiguous in their first j entries: one SIMD dot.
      put(li, j, (at(A, i * n + j) - dot(li, lj, j)) * inv);
    }
  }
  return 0;
}

/** Solves L L^T x = b in place (b becomes x), L from choleskyShifted. */
export function choleskySolve(L: usize, n: i32, b: usize): void {
  assert(n >= 1, 'choleskySolve: empty system');
  for (let i = 0; i < n; i++) {
    const li = L + (<usize>(i * n) << 3);
    put(b, i, (at(b, i) - dot(li, b, i)) / at(li, i));
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = at(b, i);
    for (let k = i + 1; k < n; k++) s -= at(L, k * n + i) * at(b, k);
    put(b, i, s / at(L, i * n + i));
  }
}

/**
 * Eigen-decomposition of the symmetric n x n matrix A by cyclic Jacobi rotations: on return A's diagonal holds the
 * eigenvalues and V (row-major) the matching orthonormal eigenvectors as columns (A_in = V diag(lambda) V^T).
 * A is overwritten. Used as the rank-revealing fallback when Cholesky finds a (near-)singular Gram matrix: it gives
 * the minimum-norm least-squares solution as scikit-learn's lstsq does. Returns the sweeps used, or -1 when the
 * off-diagonal mass did not vanish within maxSweeps (Jacobi converges quadratically; ~10 sweeps are typical).
 */
export function jacobiEigen(A: usize, n: i32, V: usize, maxSweeps: i32): i32 {
  assert(n >= 1 && maxSweeps >= 1, 'jacobiEigen: bad arguments');
  zero(V, n * n);
  let frob2: f64 = 0;
  for (let k = 0; k < n * n; k++) frob2 += at(A, k) * at(A, k);
  for (let k = 0; k < n; k++) put(V, k * n + k, 1.0);
  // Rotations stop when the off-diagonal mass is at the rounding level of the whole matrix.
  const target = frob2 * 1e-32;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off: f64 = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * at(A, p * n + q) * at(A, p * n + q);
    if (off <= target) return sweep;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = at(A, p * n + q);
        if (apq == 0) continue;
        const app = at(A, p * n + p);
        const aqq = at(A, q * n + q);
        // Rotation angle that zeroes A_pq: t = tan(phi), cot(2 phi) = (aqq - app) / (2 apq); the smaller root
        // keeps the rotation below 45 degrees (stable).
        const theta = (aqq - app) / (2 * apq);
        const t = theta >= 0
          ? 1.0 / (theta + Math.sqrt(1 + theta * theta))
          : -1.0 / (-theta + Math.sqrt(1 + theta * theta));
        const c = 1.0 / Math.sqrt(1 + t * t);
        const s = t * c;
        // A <- J^T A J with J = I except J_pp = J_qq = c, J_pq = s, J_qp = -s.
        for (let k = 0; k < n; k++) {
          const akp = at(A, k * n + p);
          const akq = at(A, k * n + q);
          put(A, k * n + p, c * akp - s * akq);
          put(A, k * n + q, s * akp + c * akq);
        }
        for (let k = 0; k < n; k++) {
          const apk = at(A, p * n + k);
          const aqk = at(A, q * n + k);
          put(A, p * n + k, c * apk - s * aqk);
          put(A, q * n + k, s * apk + c * aqk);
        }
        // Exact zero where the rotation put one (rounding leaves ~eps * |A| otherwise).
        put(A, p * n + q, 0);
        put(A, q * n + p, 0);
        for (let k = 0; k < n; k++) {
          const vkp = at(V, k * n + p);
          const vkq = at(V, k * n + q);
          put(V, k * n + p, c * vkp - s * vkq);
          put(V, k * n + q, s * vkp + c * vkq);
        }
      }
    }
  }
  let off: f64 = 0;
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * at(A, p * n + q) * at(A, p * n + q);
  return off <= target ? maxSweeps : -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Coordinate descent for the elastic net (scikit-learn's cd_fast.enet_coordinate_descent, dense, cyclic)

/**
 * Minimises 0.5 ||y - X w||^2 + l1Reg ||w||_1 + 0.5 l2Reg ||w||^2 by cyclic coordinate descent, as scikit-learn's
 * enet_coordinate_descent (its alpha = l1Reg, beta = l2Reg are the per-sample penalties times n). X is given
 * column-major (XT: cols x rows, already centred when an intercept is fitted; y centred likewise).
 * w (cols) is the starting point and receives the solution. R (rows) and colSq (cols) are scratch.
 * Stops when, after an epoch whose largest update is below tol * max|w| (or at the last epoch), the duality gap is
 * below tol * ||y||^2. Writes stats[0] = final gap, stats[1] = tol * ||y||^2, stats[2] = 1 if converged else 0.
 * Returns the epochs run.
 */
export function enetCoordinateDescent(
  XT: usize, rows: i32, cols: i32, y: usize, w: usize, R: usize, colSq: usize,
  l1Reg: f64, l2Reg: f64, maxIter: i32, tol: f64, stats: usize,
): i32 {
  assert(rows >= 1 && cols >= 1 && maxIter >= 1 && l1Reg >= 0 && l2Reg >= 0, 'enetCoordinateDescent: bad arguments');
  const colBytes = <usize>rows << 3;
  // R = y - X w
  memory.copy(R, y, colBytes);
  for (let j = 0; j < cols; j++) {
    const xj = XT + <usize>j * colBytes;
    put(colSq, j, dot(xj, xj, rows));
    const wj = at(w, j);
    if (wj != 0) axpy(-wj, xj, R, rows);
  }
  const tolScaled = tol * dot(y, y, rows);
  let gap = tolScaled + 1;
  let converged = 0;
  let epoch = 0;
  while (epoch < maxIter) {
    let wMax: f64 = 0;
    let dwMax: f64 = 0;
    for (let j = 0; j < cols; j++) {
      const nj = at(colSq, j);
      if (nj == 0) continue;
      const xj = XT + <usize>j * colBytes;
      const wOld = at(w, j);
      // Residual without feature j's contribution: R + wOld * x_j (folded into the dot to save a pass).
      const tmp = dot(xj, R, rows) + wOld * nj;
      const mag = abs<f64>(tmp) - l1Reg;
      const wNew = mag > 0 ? (tmp > 0 ? mag : -mag) / (nj + l2Reg) : 0.0;
      const dw = wNew - wOld;
      if (dw != 0) {
        axpy(-dw, xj, R, rows);
        put(w, j, wNew);
      }
      dwMax = max<f64>(dwMax, abs<f64>(dw));
      wMax = max<f64>(wMax, abs<f64>(wNew));
    }
    epoch++;
    if (wMax == 0 || dwMax / wMax < tol || epoch == maxIter) {
      // Duality gap (scikit-learn's formula): the dual point is R scaled into the feasible set.
      let dualNorm: f64 = 0;
      let wNorm2: f64 = 0;
      let l1Norm: f64 = 0;
      for (let j = 0; j < cols; j++) {
        const wj = at(w, j);
        const xta = dot(XT + <usize>j * colBytes, R, rows) - l2Reg * wj;
        dualNorm = max<f64>(dualNorm, abs<f64>(xta));
        wNorm2 += wj * wj;
        l1Norm += abs<f64>(wj);
      }
      const rNorm2 = dot(R, R, rows);
      let cst: f64 = 1;
      if (dualNorm > l1Reg) {
        cst = l1Reg / dualNorm;
        gap = 0.5 * (rNorm2 + rNorm2 * cst * cst);
      } else {
        gap = rNorm2;
      }
      gap += l1Reg * l1Norm - cst * dot(R, y, rows) + 0.5 * l2Reg * (1 + cst * cst) * wNorm2;
      if (gap < tolScaled) {
        converged = 1;
        break;
      }
    }
  }
  put(stats, 0, gap);
  put(stats, 1, tolScaled);
  put(stats, 2, <f64>converged);
  return epoch;
}

// ---------------------------------------------------------------------------------------------------------------
// Generalised linear model pieces (logistic regression): scores, gradients, losses, curvature

/**
 * out[i * K + k] = x_i . W_k + b_k for X (rows x cols), W (K x cols, row-major) and b (K): the K linear scores of every
 * row (K = 1 gives plain predictions X w + b).
 */
export function linearPredict(X: usize, rows: i32, cols: i32, W: usize, K: i32, b: usize, out: usize): void {
  assert(cols >= 1 && K >= 1, 'linearPredict: bad shape');
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const xi = X + <usize>i * rowBytes;
    for (let k = 0; k < K; k++) put(out, i * K + k, dot(xi, W + <usize>k * rowBytes, cols) + at(b, k));
  }
}

/**
 * outW (K x cols) = G^T X and outB (K) = column sums of G, for G (rows x K): the data part of the gradient of a
 * linear model whose per-row, per-output loss derivatives are G (and the same form for Hessian-vector products).
 */
export function linearGradient(X: usize, rows: i32, cols: i32, G: usize, K: i32, outW: usize, outB: usize): void {
  assert(cols >= 1 && K >= 1, 'linearGradient: bad shape');
  zero(outW, K * cols);
  zero(outB, K);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const xi = X + <usize>i * rowBytes;
    for (let k = 0; k < K; k++) {
      const g = at(G, i * K + k);
      if (g == 0) continue;
      put(outB, k, at(outB, k) + g);
      axpy(g, xi, outW + <usize>k * rowBytes, cols);
    }
  }
}

/**
 * Binary logistic loss of scores z (rows) against targets y in {0, 1}: returns sum_i log(1 + e^{z_i}) - y_i z_i
 * (computed without overflow), writes G_i = sigmoid(z_i) - y_i (the derivative) and D_i = p_i (1 - p_i) (the curvature).
 */
export function logisticLoss(Z: usize, y: usize, rows: i32, G: usize, D: usize): f64 {
  let loss: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const z = at(Z, i);
    const yi = at(y, i);
    const e = Math.exp(-abs<f64>(z));
    // softplus(z) = max(z, 0) + log(1 + e^{-|z|}); sigmoid from the same e so both stay finite for any z.
    loss += max<f64>(z, 0) + Math.log1p(e) - yi * z;
    const p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    put(G, i, p - yi);
    put(D, i, p * (1.0 - p));
  }
  return loss;
}

/**
 * Multinomial (softmax) loss of scores Z (rows x K) against class indices yIdx (i32, 0..K-1): returns
 * sum_i logsumexp(z_i) - z_{i, y_i}, writes P (rows x K) = softmax(z_i) and G = P - onehot(y).
 */
export function softmaxLoss(Z: usize, rows: i32, K: i32, yIdx: usize, P: usize, G: usize): f64 {
  assert(K >= 2, 'softmaxLoss: K must be at least 2');
  let loss: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * K;
    let m = at(Z, base);
    for (let k = 1; k < K; k++) m = max<f64>(m, at(Z, base + k));
    let s: f64 = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(at(Z, base + k) - m);
      put(P, base + k, e);
      s += e;
    }
    const yi = load<i32>(yIdx + (<usize>i << 2));
    assert(yi >= 0 && yi < K, 'softmaxLoss: class index out of range');
    loss += m + Math.log(s) - at(Z, base + yi);
    const inv = 1.0 / s;
    for (let k = 0; k < K; k++) {
      const p = at(P, base + k) * inv;
      put(P, base + k, p);
      put(G, base + k, k == yi ? p - 1.0 : p);
    }
  }
  return loss;
}

/**
 * out_ik = P_ik (U_ik - sum_l P_il U_il): the softmax Hessian applied, row by row, to the score directions U = X V^T + v_b.
 * Feeding `out` to linearGradient gives the data part of the multinomial Hessian-vector product.
 */
export function softmaxHessianMix(P: usize, U: usize, rows: i32, K: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const base = i * K;
    let s: f64 = 0;
    for (let k = 0; k < K; k++) s += at(P, base + k) * at(U, base + k);
    for (let k = 0; k < K; k++) put(out, base + k, at(P, base + k) * (at(U, base + k) - s));
  }
}

/** out[k] = a[k] * b[k] (out may alias a or b). */
export function mulElementwise(a: usize, b: usize, n: i32, out: usize): void {
  const pairs = n & ~1;
  let k = 0;
  for (; k < pairs; k += 2) {
    const off = <usize>k << 3;
    v128.store(out + off, f64x2.mul(v128.load(a + off), v128.load(b + off)));
  }
  for (; k < n; k++) put(out, k, at(a, k) * at(b, k));
}

/**
 * out ((cols+1) x (cols+1)) = sum_i wts_i [x_i; 1][x_i; 1]^T: the weighted Gram matrix of X with an intercept column
 * appended last (the Hessian of a weighted least-squares model of a GLM around its current point).
 */
export function weightedGramAug(X: usize, rows: i32, cols: i32, wts: usize, out: usize): void {
  assert(cols >= 1, 'weightedGramAug: bad shape');
  const p = cols + 1;
  zero(out, p * p);
  const rowBytes = <usize>cols << 3;
  for (let i = 0; i < rows; i++) {
    const wi = at(wts, i);
    if (wi == 0) continue;
    const xi = X + <usize>i * rowBytes;
    for (let a = 0; a < cols; a++) {
      const s = wi * at(xi, a);
      if (s == 0) continue;
      const rowA = out + (<usize>(a * p) << 3);
      axpy(s, xi + (<usize>a << 3), rowA + (<usize>a << 3), cols - a);
      put(rowA, cols, at(rowA, cols) + s);
    }
    put(out, cols * p + cols, at(out, cols * p + cols) + wi);
  }
  mirrorUpper(out, p);
}

/**
 * Coordinate descent on the L1-penalised quadratic model of a proximal Newton step:
 *   minimise over delta  g . delta + 0.5 delta^T H delta + sum_j l1_j |w_j + delta_j|
 * with H (p x p, symmetric positive semi-definite), g, w, l1 (per-coordinate weights; 0 leaves a coordinate
 * unpenalised, e.g. the intercept) all of length p. delta (out) starts at 0; Hd is scratch holding H delta.
 * A pass updates every coordinate once; stops after a pass whose largest |change| * H_jj (a gradient-scale change) is
 * at most tol. Returns the passes used, negated when maxPasses ran out first.
 */
export function cdQuadraticL1(
  H: usize, p: i32, g: usize, w: usize, l1: usize, maxPasses: i32, tol: f64, delta: usize, Hd: usize,
): i32 {
  assert(p >= 1 && maxPasses >= 1, 'cdQuadraticL1: bad arguments');
  zero(delta, p);
  zero(Hd, p);
  for (let pass = 0; pass < maxPasses; pass++) {
    let biggest: f64 = 0;
    for (let j = 0; j < p; j++) {
      const a = at(H, j * p + j);
      if (!(a > 0)) continue;
      const z = at(w, j) + at(delta, j);
      const u = z - (at(g, j) + at(Hd, j)) / a;
      const thr = at(l1, j) / a;
      const zNew = u > thr ? u - thr : u < -thr ? u + thr : 0.0;
      const d = zNew - z;
      if (d == 0) continue;
      put(delta, j, at(delta, j) + d);
      // H is symmetric: column j = row j, contiguous.
      axpy(d, H + (<usize>(j * p) << 3), Hd, p);
      biggest = max<f64>(biggest, abs<f64>(d) * a);
    }
    if (biggest <= tol) return pass + 1;
  }
  return -maxPasses;
}
