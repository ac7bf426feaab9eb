// Kernel evaluation for the support vector machines, in libsvm's arithmetic (scikit-learn's dense libsvm, svm.cpp).
// Kernel kinds: 0 linear, 1 poly, 2 rbf, 3 sigmoid. Dot products are sequential sums in feature order, as libsvm's
// dense dot; no SIMD here because a different summation order would change the kernel values we must match.

export const KIND_LINEAR: i32 = 0;
export const KIND_POLY: i32 = 1;
export const KIND_RBF: i32 = 2;
export const KIND_SIGMOID: i32 = 3;

/** libsvm's powi: base^times by repeated squaring (times >= 0), the same multiplications in the same order. */
export function powi(base: f64, times: i32): f64 {
  let tmp = base;
  let ret = 1.0;
  for (let t = times; t > 0; t /= 2) {
    if (t % 2 == 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

/** Sequential dot product of two rows of `cols` f64. */
// @ts-ignore: decorator
@inline
export function rowDot(a: usize, b: usize, cols: i32): f64 {
  let s = 0.0;
  for (let c = 0; c < cols; c++) s += load<f64>(a + (<usize>c << 3)) * load<f64>(b + (<usize>c << 3));
  return s;
}

/** Kernel value from a dot product (and, for rbf, both squared norms): libsvm's Kernel::kernel_* forms. */
// @ts-ignore: decorator
@inline
export function kernelFromDot(kind: i32, dot: f64, sqA: f64, sqB: f64, gamma: f64, coef0: f64, degree: i32): f64 {
  if (kind == KIND_LINEAR) return dot;
  if (kind == KIND_RBF) return Math.exp(-gamma * (sqA + sqB - 2 * dot));
  if (kind == KIND_POLY) return powi(gamma * dot + coef0, degree);
  return Math.tanh(gamma * dot + coef0);
}

/** XT (cols x rows) = X^T, so that two neighbouring rows' values of one feature are adjacent (one f64x2 load). */
function transpose(X: usize, rows: i32, cols: i32, XT: usize): void {
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) {
      store<f64>(XT + ((<usize>c * <usize>rows + <usize>i) << 3), load<f64>(X + ((<usize>i * <usize>cols + <usize>c) << 3)));
    }
  }
}

/**
 * Dot products (or, with squaredDiff, sums of squared differences) of row a against rows j and j+1 of B, whose
 * transpose BT (cols x nB) is given: one f64x2 lane per row of B, each lane summing in feature order exactly as the
 * scalar loop does (mul then add, no fused multiply-add), so SIMD here changes the speed, not the numbers.
 */
// @ts-ignore: decorator
@inline
function pairSums(a: usize, BT: usize, nB: i32, j: i32, cols: i32, squaredDiff: bool): v128 {
  let acc = f64x2.splat(0);
  const stride = <usize>nB << 3;
  let p = BT + (<usize>j << 3);
  for (let c = 0; c < cols; c++) {
    const av = f64x2.splat(load<f64>(a + (<usize>c << 3)));
    const bv = v128.load(p);
    if (squaredDiff) {
      const d = f64x2.sub(av, bv);
      acc = f64x2.add(acc, f64x2.mul(d, d));
    } else {
      acc = f64x2.add(acc, f64x2.mul(av, bv));
    }
    p += stride;
  }
  return acc;
}

/**
 * out (rows x rows, row-major f64) = X X^T: every pairwise dot product of the rows of X (rows x cols); XT is scratch
 * of rows x cols f64. Symmetric by construction (products commute exactly), so only j >= i is computed and mirrored.
 * These do not depend on any hyperparameter: one such matrix per fold serves every (kernel, C, gamma, coef0, degree)
 * candidate.
 */
export function svmGram(X: usize, rows: i32, cols: i32, XT: usize, out: usize): void {
  transpose(X, rows, cols, XT);
  const n = <usize>rows;
  for (let i = 0; i < rows; i++) {
    const xi = X + ((<usize>i * <usize>cols) << 3);
    let j = i;
    for (; j + 1 < rows; j += 2) {
      const v = pairSums(xi, XT, rows, j, cols, false);
      const v0 = f64x2.extract_lane(v, 0);
      const v1 = f64x2.extract_lane(v, 1);
      store<f64>(out + ((<usize>i * n + <usize>j) << 3), v0);
      store<f64>(out + ((<usize>j * n + <usize>i) << 3), v0);
      store<f64>(out + ((<usize>i * n + <usize>j + 1) << 3), v1);
      store<f64>(out + ((<usize>(j + 1) * n + <usize>i) << 3), v1);
    }
    if (j < rows) {
      const v = rowDot(xi, X + ((<usize>j * <usize>cols) << 3), cols);
      store<f64>(out + ((<usize>i * n + <usize>j) << 3), v);
      store<f64>(out + ((<usize>j * n + <usize>i) << 3), v);
    }
  }
}

/** out[i] = x_i . x_i (libsvm's x_square) for each of the `rows` rows of X. */
export function svmRowSquares(X: usize, rows: i32, cols: i32, out: usize): void {
  for (let i = 0; i < rows; i++) {
    const xi = X + ((<usize>i * <usize>cols) << 3);
    store<f64>(out + (<usize>i << 3), rowDot(xi, xi, cols));
  }
}

/**
 * out (N x N f32, libsvm's Qfloat) = K(x_i, x_j) from the dot products D (N x N) and squared norms xsq: the whole
 * kernel matrix of a fold for one (kernel, gamma, coef0, degree), shared by every C and every one-vs-one pair.
 * Symmetric exactly (the kernel's arithmetic is symmetric in i, j), so j >= i is computed and mirrored.
 */
export function svmKernelMatrix(D: usize, N: i32, xsq: usize, kind: i32, gamma: f64, coef0: f64, degree: i32, out: usize): void {
  const n = <usize>N;
  for (let i: usize = 0; i < n; i++) {
    const sqI = load<f64>(xsq + (i << 3));
    for (let j: usize = i; j < n; j++) {
      const v = <f32>kernelFromDot(kind, load<f64>(D + ((i * n + j) << 3)), sqI, load<f64>(xsq + (j << 3)), gamma, coef0, degree);
      store<f32>(out + ((i * n + j) << 2), v);
      store<f32>(out + ((j * n + i) << 2), v);
    }
  }
}

/**
 * out (nA x nB f64) = k(a_i, b_j) as libsvm's Kernel::k_function computes it for prediction: rbf from the sum of
 * squared differences (not the dot-product form the solver uses), the other kernels from the dot product.
 * BT is scratch of nB x cols f64 (B transposed, for the two-lane sums).
 */
export function svmCrossKernel(
  A: usize, nA: i32, B: usize, nB: i32, cols: i32, kind: i32, gamma: f64, coef0: f64, degree: i32, BT: usize, out: usize,
): void {
  transpose(B, nB, cols, BT);
  const rbf = kind == KIND_RBF;
  for (let i = 0; i < nA; i++) {
    const a = A + ((<usize>i * <usize>cols) << 3);
    const o = out + ((<usize>i * <usize>nB) << 3);
    let j = 0;
    for (; j + 1 < nB; j += 2) {
      const v = pairSums(a, BT, nB, j, cols, rbf);
      const s0 = f64x2.extract_lane(v, 0);
      const s1 = f64x2.extract_lane(v, 1);
      store<f64>(o + (<usize>j << 3), rbf ? Math.exp(-gamma * s0) : kernelFromDot(kind, s0, 0, 0, gamma, coef0, degree));
      store<f64>(o + (<usize>(j + 1) << 3), rbf ? Math.exp(-gamma * s1) : kernelFromDot(kind, s1, 0, 0, gamma, coef0, degree));
    }
    if (j < nB) {
      const b = B + ((<usize>j * <usize>cols) << 3);
      let v: f64;
      if (rbf) {
        let s = 0.0;
        for (let c = 0; c < cols; c++) {
          const d = load<f64>(a + (<usize>c << 3)) - load<f64>(b + (<usize>c << 3));
          s += d * d;
        }
        v = Math.exp(-gamma * s);
      } else {
        v = kernelFromDot(kind, rowDot(a, b, cols), 0, 0, gamma, coef0, degree);
      }
      store<f64>(o + (<usize>j << 3), v);
    }
  }
}

/**
 * out (nA x nB f64) = what the kernel of rows a_i and b_j is a function of, in libsvm's k_function arithmetic: the
 * sum of squared differences (squaredDiff = 1, for rbf) or the dot product. Independent of every hyperparameter, so
 * one such matrix per fold (test rows x training rows) serves every candidate's predictions. BT: nB x cols scratch.
 */
export function svmCrossBase(A: usize, nA: i32, B: usize, nB: i32, cols: i32, squaredDiff: i32, BT: usize, out: usize): void {
  transpose(B, nB, cols, BT);
  const sq = squaredDiff != 0;
  for (let i = 0; i < nA; i++) {
    const a = A + ((<usize>i * <usize>cols) << 3);
    const o = out + ((<usize>i * <usize>nB) << 3);
    let j = 0;
    for (; j + 1 < nB; j += 2) {
      const v = pairSums(a, BT, nB, j, cols, sq);
      store<f64>(o + (<usize>j << 3), f64x2.extract_lane(v, 0));
      store<f64>(o + (<usize>(j + 1) << 3), f64x2.extract_lane(v, 1));
    }
    if (j < nB) {
      const b = B + ((<usize>j * <usize>cols) << 3);
      let s = 0.0;
      for (let c = 0; c < cols; c++) {
        const x = load<f64>(a + (<usize>c << 3));
        const y = load<f64>(b + (<usize>c << 3));
        if (sq) {
          const d = x - y;
          s += d * d;
        } else {
          s += x * y;
        }
      }
      store<f64>(o + (<usize>j << 3), s);
    }
  }
}

/**
 * Decision values (libsvm's predict_values) of nA rows from S (nA x nB, svmCrossBase of the rows against the fold's
 * training rows): kv[q] = k(row, sv_q) with sv_q = training row svRows[q], then for k >= 2 classes one value per pair
 * (i < j): sum of class i's and class j's coefficients times kv minus rho, in libsvm's order (out: nA x pairs); for
 * k = 1 (regression) sum_q coef_q kv_q - rho[0] (out: nA). kv is scratch of `total` f64, start of k i32.
 */
export function svmDecision(
  S: usize, nA: i32, nB: i32, svRows: usize, total: i32, kind: i32, gamma: f64, coef0: f64, degree: i32,
  nSV: usize, k: i32, svCoef: usize, rho: usize, kv: usize, start: usize, out: usize,
): void {
  const rbf = kind == KIND_RBF;
  if (k >= 2) {
    store<i32>(start, 0);
    for (let c = 1; c < k; c++) store<i32>(start + (<usize>c << 2), load<i32>(start + (<usize>(c - 1) << 2)) + load<i32>(nSV + (<usize>(c - 1) << 2)));
  }
  const nPairs = k >= 2 ? (k * (k - 1)) / 2 : 1;
  for (let t = 0; t < nA; t++) {
    const srow = S + ((<usize>t * <usize>nB) << 3);
    for (let q = 0; q < total; q++) {
      const s = load<f64>(srow + (<usize>load<i32>(svRows + (<usize>q << 2)) << 3));
      store<f64>(kv + (<usize>q << 3), rbf ? Math.exp(-gamma * s) : kernelFromDot(kind, s, 0, 0, gamma, coef0, degree));
    }
    const o = out + ((<usize>t * <usize>nPairs) << 3);
    if (k < 2) {
      let sum = 0.0;
      for (let q = 0; q < total; q++) sum += load<f64>(svCoef + (<usize>q << 3)) * load<f64>(kv + (<usize>q << 3));
      store<f64>(o, sum - load<f64>(rho));
      continue;
    }
    let p = 0;
    for (let i = 0; i < k; i++) {
      const si = load<i32>(start + (<usize>i << 2));
      const ci = load<i32>(nSV + (<usize>i << 2));
      for (let j = i + 1; j < k; j++) {
        const sj = load<i32>(start + (<usize>j << 2));
        const cj = load<i32>(nSV + (<usize>j << 2));
        const c1 = svCoef + ((<usize>(j - 1) * <usize>total) << 3);
        const c2 = svCoef + ((<usize>i * <usize>total) << 3);
        let sum = 0.0;
        for (let q = si; q < si + ci; q++) sum += load<f64>(c1 + (<usize>q << 3)) * load<f64>(kv + (<usize>q << 3));
        for (let q = sj; q < sj + cj; q++) sum += load<f64>(c2 + (<usize>q << 3)) * load<f64>(kv + (<usize>q << 3));
        store<f64>(o + (<usize>p << 3), sum - load<f64>(rho + (<usize>p << 3)));
        p++;
      }
    }
  }
}
