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

/**
 * out (rows x rows, row-major f64) = X X^T: every pairwise dot product of the rows of X (rows x cols). Symmetric by
 * construction (products commute exactly), so only j >= i is computed and mirrored. These do not depend on any
 * hyperparameter: one such matrix per fold serves every (kernel, C, gamma, coef0, degree) candidate.
 */
export function svmGram(X: usize, rows: i32, cols: i32, out: usize): void {
  const n = <usize>rows;
  for (let i: usize = 0; i < n; i++) {
    const xi = X + ((i * <usize>cols) << 3);
    for (let j: usize = i; j < n; j++) {
      const v = rowDot(xi, X + ((j * <usize>cols) << 3), cols);
      store<f64>(out + ((i * n + j) << 3), v);
      store<f64>(out + ((j * n + i) << 3), v);
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
 * out (nA x nB f64) = k(a_i, b_j) as libsvm's Kernel::k_function computes it for prediction: rbf from the sum of
 * squared differences (not the dot-product form the solver uses), the other kernels from the dot product.
 */
export function svmCrossKernel(
  A: usize, nA: i32, B: usize, nB: i32, cols: i32, kind: i32, gamma: f64, coef0: f64, degree: i32, out: usize,
): void {
  for (let i = 0; i < nA; i++) {
    const a = A + ((<usize>i * <usize>cols) << 3);
    const o = out + ((<usize>i * <usize>nB) << 3);
    for (let j = 0; j < nB; j++) {
      const b = B + ((<usize>j * <usize>cols) << 3);
      let v: f64;
      if (kind == KIND_RBF) {
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
