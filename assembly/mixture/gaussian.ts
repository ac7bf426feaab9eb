// Gaussian mixture EM kernels. ABI: pointers into linear memory, lengths and scalars; no allocation.
//
// Semantics follow scikit-learn 1.2.1 `sklearn/mixture/_gaussian_mixture.py`; the host (src/estimators/mixture/em.ts)
// runs the EM loop. Covariance type codes: 0 full, 1 tied, 2 diag, 3 spherical. Shapes (row-major f64):
//   means k x d; covariances full k x d x d | tied d x d | diag k x d | spherical k;
//   precision Cholesky factors in the same shapes: full/tied P = inv(L)^T (upper triangular, L = cholesky(cov), lower),
//   diag/spherical 1 / sqrt(cov).
// Differences in rounding from numpy (summation order; (x - mu) P instead of x P - mu P; the direct (x - mu)^2 p^2
// form for diag/spherical instead of the expanded one) are at the 1e-13 relative level.
import { axpy, f64At, setF64 } from '../vector';

const LOG_2PI: f64 = 1.8378770664093453;
/** numpy's finfo(float64).eps: scikit-learn adds 10 eps to every component's responsibility sum. */
const EPS: f64 = 2.220446049250313e-16;

@inline function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

/** Bytes of the `work` buffer every kernel of this file takes for d features. */
export function gmmWorkBytes(d: i32): usize {
  // diff d | y (second row's diff) d | factor d x d
  return 2 * align16(<usize>d << 3) + align16(<usize>d * <usize>d << 3);
}

@inline function hsumSq(a: v128, b: v128, c: v128, e: v128): f64 {
  const s = f64x2.add(f64x2.add(f64x2.mul(a, a), f64x2.mul(b, b)), f64x2.add(f64x2.mul(c, c), f64x2.mul(e, e)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

/**
 * ||(x_i - mu) P||^2 for rows i and i + 1 (diffs in d1, d2), P upper triangular d x d. Columns in blocks of 8 held in
 * 4 + 4 f64x2 accumulators (each row of P loaded once for both rows; rows a > block end are skipped: P is zero there);
 * the last d mod 8 columns scalar. Writes the two sums to q[0], q[1].
 */
@inline function quadFull2(d1: usize, d2: usize, p: usize, d: i32, q: usize): void {
  let q1: f64 = 0;
  let q2: f64 = 0;
  let b0 = 0;
  for (; b0 + 8 <= d; b0 += 8) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let c0 = f64x2.splat(0);
    let c1 = f64x2.splat(0);
    let c2 = f64x2.splat(0);
    let c3 = f64x2.splat(0);
    const end = b0 + 8;
    for (let a = 0; a < end; a++) {
      const s1 = f64x2.splat(f64At(d1, a));
      const s2 = f64x2.splat(f64At(d2, a));
      const row = p + (<usize>(a * d + b0) << 3);
      const p0 = v128.load(row);
      const p1 = v128.load(row, 16);
      const p2 = v128.load(row, 32);
      const p3 = v128.load(row, 48);
      a0 = f64x2.add(a0, f64x2.mul(s1, p0));
      a1 = f64x2.add(a1, f64x2.mul(s1, p1));
      a2 = f64x2.add(a2, f64x2.mul(s1, p2));
      a3 = f64x2.add(a3, f64x2.mul(s1, p3));
      c0 = f64x2.add(c0, f64x2.mul(s2, p0));
      c1 = f64x2.add(c1, f64x2.mul(s2, p1));
      c2 = f64x2.add(c2, f64x2.mul(s2, p2));
      c3 = f64x2.add(c3, f64x2.mul(s2, p3));
    }
    q1 += hsumSq(a0, a1, a2, a3);
    q2 += hsumSq(c0, c1, c2, c3);
  }
  for (let b = b0; b < d; b++) {
    let y1: f64 = 0;
    let y2: f64 = 0;
    for (let a = 0; a <= b; a++) {
      const pv = f64At(p, a * d + b);
      y1 += f64At(d1, a) * pv;
      y2 += f64At(d2, a) * pv;
    }
    q1 += y1 * y1;
    q2 += y2 * y2;
  }
  setF64(q, 0, q1);
  setF64(q, 1, q2);
}

/** log det of the precision Cholesky factor of component c (scikit-learn's `_compute_log_det_cholesky`). */
function logDetCholesky(precChol: usize, d: i32, c: i32, covType: i32): f64 {
  let s: f64 = 0;
  if (covType == 0 || covType == 1) {
    const p = precChol + (covType == 0 ? <usize>c * <usize>d * <usize>d << 3 : 0);
    for (let a = 0; a < d; a++) s += Math.log(f64At(p, a * d + a));
  } else if (covType == 2) {
    const p = precChol + (<usize>c * <usize>d << 3);
    for (let f = 0; f < d; f++) s += Math.log(f64At(p, f));
  } else {
    s = <f64>d * Math.log(f64At(precChol, c));
  }
  return s;
}

/**
 * out[i * k + c] = log N(x_i | mean_c, cov_c) + logWeights[c] (scikit-learn's `_estimate_weighted_log_prob`).
 */
export function gmmWeightedLogProb(
  x: usize, n: i32, d: i32, k: i32, covType: i32, means: usize, precChol: usize, logWeights: usize, out: usize, work: usize,
): void {
  const rowBytes = <usize>d << 3;
  const diff = work;
  const y = work + align16(rowBytes);
  for (let c = 0; c < k; c++) {
    const base = -0.5 * <f64>d * LOG_2PI + logDetCholesky(precChol, d, c, covType) + f64At(logWeights, c);
    const mu = means + <usize>c * rowBytes;
    if (covType <= 1) {
      // Two rows at a time (the last one paired with itself when n is odd).
      const p = precChol + (covType == 0 ? <usize>c * <usize>d * rowBytes : 0);
      const q = work + 2 * align16(rowBytes);
      for (let i = 0; i < n; i += 2) {
        const j = i + 1 < n ? i + 1 : i;
        const xi = x + <usize>i * rowBytes;
        const xj = x + <usize>j * rowBytes;
        for (let f = 0; f < d; f++) {
          setF64(diff, f, f64At(xi, f) - f64At(mu, f));
          setF64(y, f, f64At(xj, f) - f64At(mu, f));
        }
        quadFull2(diff, y, p, d, q);
        setF64(out, i * k + c, base - 0.5 * f64At(q, 0));
        if (j != i) setF64(out, j * k + c, base - 0.5 * f64At(q, 1));
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xi = x + <usize>i * rowBytes;
        let q: f64 = 0;
        if (covType == 2) {
          const p = precChol + <usize>c * rowBytes;
          const pairs = d & ~1;
          let acc = f64x2.splat(0);
          let f = 0;
          for (; f < pairs; f += 2) {
            const off = <usize>f << 3;
            const t = f64x2.mul(f64x2.sub(v128.load(xi + off), v128.load(mu + off)), v128.load(p + off));
            acc = f64x2.add(acc, f64x2.mul(t, t));
          }
          q = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
          for (; f < d; f++) {
            const t = (f64At(xi, f) - f64At(mu, f)) * f64At(p, f);
            q += t * t;
          }
        } else {
          for (let f = 0; f < d; f++) {
            const t = f64At(xi, f) - f64At(mu, f);
            q += t * t;
          }
          const pc = f64At(precChol, c);
          q *= pc * pc;
        }
        setF64(out, i * k + c, base - 0.5 * q);
      }
    }
  }
}

/**
 * In place: each row of `wlp` (n x k weighted log probabilities) becomes its responsibilities exp(v - logsumexp(row))
 * (scipy's logsumexp: max-shifted). Returns the sum over rows of logsumexp(row) (the log-likelihood of the rows).
 */
export function gmmResponsibilities(wlp: usize, n: i32, k: i32): f64 {
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = wlp + (<usize>(i * k) << 3);
    let m = f64At(row, 0);
    for (let c = 1; c < k; c++) m = Math.max(m, f64At(row, c));
    const shift = isFinite(m) ? m : 0.0;
    let s: f64 = 0;
    for (let c = 0; c < k; c++) {
      const v = f64At(row, c) - shift;
      s += v < -746.0 ? 0.0 : Math.exp(v);
    }
    const lse = Math.log(s) + shift;
    total += lse;
    for (let c = 0; c < k; c++) {
      // exp of anything below -746 is exactly 0 in f64 (e^-746 < half the smallest subnormal): skip the call.
      const v = f64At(row, c) - lse;
      setF64(row, c, v < -746.0 ? 0.0 : Math.exp(v));
    }
  }
  return total;
}

/** Responsibilities below SKIP x (the component's total responsibility) are left out of its means and covariances:
 *  each would change the sums by less than one rounding of them (2^-53 relative), and over n rows by less than the
 *  rounding the n additions make anyway. Far rows of well-separated components are most rows, so the M-step then
 *  costs about one component per row instead of k. */
const SKIP: f64 = 5.421010862427522e-20; // 2^-64

/**
 * M-step statistics (scikit-learn's `_estimate_gaussian_parameters`) from responsibilities resp (n x k):
 * nk[c] = sum_i resp[i, c] + 10 eps, means[c] = sum_i resp[i, c] x_i / nk[c], and the covariances of `covType` with
 * regCovar added to their diagonal (rows below SKIP left out, see above).
 */
export function gmmMStep(
  x: usize, n: i32, d: i32, k: i32, covType: i32, resp: usize, regCovar: f64, nk: usize, means: usize, cov: usize,
  work: usize,
): void {
  const rowBytes = <usize>d << 3;
  const diff = work;
  memory.fill(nk, 0, <usize>k << 3);
  memory.fill(means, 0, <usize>k * rowBytes);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) setF64(nk, c, f64At(nk, c) + f64At(resp, i * k + c));
  }
  // Per-component skip thresholds, kept in `cov` until the covariances overwrite it (k <= its length for every type).
  const skip = cov;
  for (let c = 0; c < k; c++) setF64(skip, c, (f64At(nk, c) + 10.0 * EPS) * SKIP);
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * rowBytes;
    for (let c = 0; c < k; c++) {
      const r = f64At(resp, i * k + c);
      if (r <= f64At(skip, c)) continue;
      axpy(means + <usize>c * rowBytes, xi, r, d);
    }
  }
  for (let c = 0; c < k; c++) {
    const nkc = f64At(nk, c) + 10.0 * EPS;
    setF64(nk, c, nkc);
    const mu = means + <usize>c * rowBytes;
    for (let f = 0; f < d; f++) setF64(mu, f, f64At(mu, f) / nkc);
  }
  if (covType == 0) {
    const dd = <usize>d * rowBytes;
    memory.fill(cov, 0, <usize>k * dd);
    for (let i = 0; i < n; i++) {
      const xi = x + <usize>i * rowBytes;
      for (let c = 0; c < k; c++) {
        const r = f64At(resp, i * k + c);
        if (r <= f64At(nk, c) * SKIP) continue;
        const mu = means + <usize>c * rowBytes;
        for (let f = 0; f < d; f++) setF64(diff, f, f64At(xi, f) - f64At(mu, f));
        const C = cov + <usize>c * dd;
        for (let a = 0; a < d; a++) {
          const from = a & ~1;
          axpy(C + (<usize>(a * d + from) << 3), diff + (<usize>from << 3), r * f64At(diff, a), d - from);
        }
      }
    }
    for (let c = 0; c < k; c++) {
      const C = cov + <usize>c * dd;
      const nkc = f64At(nk, c);
      for (let a = 0; a < d; a++) {
        for (let b = a; b < d; b++) {
          const v = f64At(C, a * d + b) / nkc;
          setF64(C, a * d + b, v);
          setF64(C, b * d + a, v);
        }
        setF64(C, a * d + a, f64At(C, a * d + a) + regCovar);
      }
    }
  } else if (covType == 1) {
    // (X^T X - sum_c nk[c] mean_c mean_c^T) / sum_c nk[c] + regCovar I
    memory.fill(cov, 0, <usize>d * rowBytes);
    for (let i = 0; i < n; i++) {
      const xi = x + <usize>i * rowBytes;
      for (let a = 0; a < d; a++) {
        const from = a & ~1;
        axpy(cov + (<usize>(a * d + from) << 3), xi + (<usize>from << 3), f64At(xi, a), d - from);
      }
    }
    let total: f64 = 0;
    for (let c = 0; c < k; c++) {
      const mu = means + <usize>c * rowBytes;
      const nkc = f64At(nk, c);
      total += nkc;
      for (let a = 0; a < d; a++) {
        const from = a & ~1;
        axpy(cov + (<usize>(a * d + from) << 3), mu + (<usize>from << 3), -nkc * f64At(mu, a), d - from);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = f64At(cov, a * d + b) / total;
        setF64(cov, a * d + b, v);
        setF64(cov, b * d + a, v);
      }
      setF64(cov, a * d + a, f64At(cov, a * d + a) + regCovar);
    }
  } else {
    // diag: sum_i r x^2 / nk - 2 mean * (sum_i r x) / nk + mean^2 + regCovar; spherical: its mean over features.
    const sq = work;
    for (let c = 0; c < k; c++) {
      memory.fill(sq, 0, rowBytes);
      const skipC = f64At(nk, c) * SKIP;
      for (let i = 0; i < n; i++) {
        const r = f64At(resp, i * k + c);
        if (r <= skipC) continue;
        const xi = x + <usize>i * rowBytes;
        for (let f = 0; f < d; f++) {
          const v = f64At(xi, f);
          setF64(sq, f, f64At(sq, f) + r * v * v);
        }
      }
      const mu = means + <usize>c * rowBytes;
      const nkc = f64At(nk, c);
      let mean: f64 = 0;
      for (let f = 0; f < d; f++) {
        const m = f64At(mu, f);
        // sum_i r x = mean * nk (the means were divided by nk above); scikit-learn recomputes it: same value to ~1 ulp.
        const v = f64At(sq, f) / nkc - 2.0 * (m * m) + m * m + regCovar;
        if (covType == 2) setF64(cov, c * d + f, v);
        else mean += v;
      }
      if (covType == 3) setF64(cov, c, mean / <f64>d);
    }
  }
}

/**
 * Precision Cholesky factors of the covariances (scikit-learn's `_compute_precision_cholesky`). Returns -1 on
 * success, or the index of the first component whose covariance is not positive definite (full/tied: a Cholesky
 * pivot <= 0 or NaN; diag/spherical: a variance <= 0 or NaN), where scikit-learn raises its "ill-defined empirical
 * covariance ... increase reg_covar" ValueError.
 */
export function gmmPrecisionCholesky(cov: usize, d: i32, k: i32, covType: i32, precChol: usize, work: usize): i32 {
  if (covType >= 2) {
    const m = covType == 2 ? k * d : k;
    for (let j = 0; j < m; j++) {
      const v = f64At(cov, j);
      if (!(v > 0)) return covType == 2 ? j / d : j;
      setF64(precChol, j, 1.0 / Math.sqrt(v));
    }
    return -1;
  }
  const rowBytes = <usize>d << 3;
  const dd = <usize>d * rowBytes;
  const L = work + 2 * align16(rowBytes);
  const count = covType == 0 ? k : 1;
  for (let c = 0; c < count; c++) {
    const C = cov + <usize>c * dd;
    const P = precChol + <usize>c * dd;
    // Cholesky-Banachiewicz, lower L.
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        let s = f64At(C, a * d + b);
        for (let m = 0; m < b; m++) s -= f64At(L, a * d + m) * f64At(L, b * d + m);
        if (a == b) {
          if (!(s > 0)) return c;
          setF64(L, a * d + a, Math.sqrt(s));
        } else {
          setF64(L, a * d + b, s / f64At(L, b * d + b));
        }
      }
    }
    // P = inv(L)^T: column j of inv(L) by forward substitution on e_j is row j of P (zeros left of the diagonal).
    memory.fill(P, 0, dd);
    for (let j = 0; j < d; j++) {
      for (let a = j; a < d; a++) {
        let s: f64 = a == j ? 1.0 : 0.0;
        for (let m = j; m < a; m++) s -= f64At(L, a * d + m) * f64At(P, j * d + m);
        setF64(P, j * d + a, s / f64At(L, a * d + a));
      }
    }
  }
  return -1;
}
