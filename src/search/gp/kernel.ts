/**
 * Matern 5/2 kernel with one inverse squared length scale per dimension (ARD) and a kernel scale:
 *   k(x, x') = scale * m(r2),  r2 = sum_j lambda_j * delta_j(x, x'),  m(r2) = (1 + sqrt(5 r2) + 5 r2 / 3) exp(-sqrt(5 r2))
 * where delta_j = (x_j - x'_j)^2 for continuous / discrete dimensions and, for categorical dimensions, the
 * Hamming-type distance delta_j = 0 when the two indices are equal and 1 otherwise (the same kernel, as Optuna does).
 * With lambda_j = 1 / l_j^2 this is scikit-learn's Matern(length_scale=l, nu=2.5) times a constant.
 */

/** m(r2) for the Matern 5/2 kernel as a function of the squared scaled distance. */
export function matern52(r2: number): number {
  const s = Math.sqrt(5 * r2);
  return (1 + s + (5 / 3) * r2) * Math.exp(-s);
}

/** dm/d(r2): -5/6 (1 + sqrt(5 r2)) exp(-sqrt(5 r2)); finite at r2 = 0 (the reason to differentiate in r2, not r). */
export function matern52DerivR2(r2: number): number {
  const s = Math.sqrt(5 * r2);
  return (-5 / 6) * (1 + s) * Math.exp(-s);
}

/** Per-dimension distance term delta_j between two coordinates. */
export function deltaTerm(categorical: boolean, a: number, b: number): number {
  if (categorical) return a === b ? 0 : 1;
  const t = a - b;
  return t * t;
}

/**
 * Pairwise distance terms of the rows of x (n x d) for i < j, laid out pair-major: out[p * d + j] for the p-th pair
 * in the order (0,1), (0,2), ..., (1,2), ... Precomputed once per fit (n (n-1) / 2 * d numbers).
 */
export function pairDeltas(x: Float64Array, n: number, d: number, categorical: Uint8Array): Float64Array {
  const out = new Float64Array(((n * (n - 1)) / 2) * d);
  let p = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      for (let j = 0; j < d; j++) out[p * d + j] = deltaTerm(categorical[j] === 1, x[a * d + j], x[b * d + j]);
      p++;
    }
  }
  return out;
}

/** Full kernel matrix K (n x n, without noise) from pair deltas. Diagonal is `scale` (m(0) = 1). */
export function kernelMatrixFromDeltas(
  deltas: Float64Array,
  n: number,
  d: number,
  invSqLengthScales: Float64Array,
  scale: number,
  out: Float64Array = new Float64Array(n * n),
): Float64Array {
  let p = 0;
  for (let a = 0; a < n; a++) {
    out[a * n + a] = scale;
    for (let b = a + 1; b < n; b++) {
      let r2 = 0;
      for (let j = 0; j < d; j++) r2 += invSqLengthScales[j] * deltas[p * d + j];
      const k = scale * matern52(r2);
      out[a * n + b] = k;
      out[b * n + a] = k;
      p++;
    }
  }
  return out;
}

/** Kernel between one point q (length d) and every row of x (n x d), written to out (length n). */
export function kernelVector(
  q: Float64Array,
  x: Float64Array,
  n: number,
  d: number,
  categorical: Uint8Array,
  invSqLengthScales: Float64Array,
  scale: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    const ri = i * d;
    for (let j = 0; j < d; j++) r2 += invSqLengthScales[j] * deltaTerm(categorical[j] === 1, q[j], x[ri + j]);
    out[i] = scale * matern52(r2);
  }
  return out;
}
