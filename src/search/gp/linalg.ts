/**
 * Dense linear algebra for the GP: Cholesky factorisation and triangular solves over row-major Float64Array.
 * Matrices are n x n, row-major (a[i * n + j]). Only the lower triangle of a factor is meaningful.
 * Loops run in a fixed order, so results are bit-for-bit reproducible.
 */

/**
 * Cholesky factor of a symmetric positive definite matrix: writes L (lower, with zeros above the diagonal) into
 * `out` (may be `a` itself) and returns true, or returns false when a pivot is not positive (matrix not SPD in
 * floating point). Cost n^3 / 3 multiply-adds.
 */
export function cholesky(a: Float64Array, n: number, out: Float64Array = a): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    const rj = j * n;
    for (let k = 0; k < j; k++) d -= out[rj + k] * out[rj + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    out[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= out[ri + k] * out[rj + k];
      out[ri + j] = s / ljj;
    }
    for (let i = j + 1; i < n; i++) out[rj + i] = 0;
  }
  return true;
}

/** Solves L x = b in place (b becomes x). L lower triangular n x n. */
export function solveLower(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  return b;
}

/** Solves L^T x = b in place (b becomes x). L lower triangular n x n. */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/** Solves (L L^T) x = b in place given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  return solveLowerTransposed(l, n, solveLower(l, n, b));
}

/**
 * Inverse of L L^T from the factor L (full symmetric n x n). Cost ~ 2 n^3 / 3. Both passes walk rows contiguously
 * (row i of L^-1 is built from the rows above it; the product accumulates outer products of those rows).
 */
export function choleskyInverse(l: Float64Array, n: number, out: Float64Array = new Float64Array(n * n), work: Float64Array = new Float64Array(n * n)): Float64Array {
  // M = L^-1 (lower): row_i = (e_i - sum_{k < i} L_ik row_k) / L_ii.
  const inv = work;
  inv.fill(0);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    inv[ri + i] = 1;
    for (let k = 0; k < i; k++) {
      const a = l[ri + k];
      if (a === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) inv[ri + j] -= a * inv[rk + j];
    }
    const dii = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) inv[ri + j] *= dii;
  }
  // (L L^T)^-1 = M^T M = sum_k row_k^T row_k; fill the lower triangle, then mirror.
  out.fill(0);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i <= k; i++) {
      const a = inv[rk + i];
      if (a === 0) continue;
      const ri = i * n;
      for (let j = 0; j <= i; j++) out[ri + j] += a * inv[rk + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) out[j * n + i] = out[i * n + j];
  return out;
}
