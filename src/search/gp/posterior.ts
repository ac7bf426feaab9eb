/**
 * GP posterior for fixed kernel parameters: factorises C = K + v I once (O(n^3 / 3)), then gives the mean and
 * variance at a point in O(n d + n^2), optionally with their gradients with respect to the point's continuous and
 * discrete coordinates (categorical coordinates have no gradient; the acquisition search moves them by enumeration).
 *   mean(q) = k(q)^T alpha,  var(q) = s - k(q)^T C^-1 k(q)   (k(q, q) = s for this kernel), clamped at 0.
 * All values are in the units of the y it was built from (standardised in the sampler).
 */
import { TuneError } from '../../errors';
import { cholesky, choleskySolve, solveLower } from './linalg';
import { kernelVector, matern52DerivR2, pairDeltas, kernelMatrixFromDeltas } from './kernel';
import type { KernelParams } from './likelihood';

export interface MeanVariance {
  mean: number;
  variance: number;
}

export class GpPosterior {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly categorical: Uint8Array;
  readonly params: KernelParams;
  /** Cholesky factor of K + v I (row-major, lower). */
  readonly chol: Float64Array;
  /** (K + v I)^-1 y. */
  readonly alpha: Float64Array;
  private readonly kBuf: Float64Array;
  private readonly vBuf: Float64Array;
  private readonly dkBuf: Float64Array;

  constructor(x: Float64Array, y: Float64Array, categorical: Uint8Array, params: KernelParams) {
    const d = categorical.length;
    const n = y.length;
    this.n = n;
    this.d = d;
    this.x = x;
    this.y = y;
    this.categorical = categorical;
    this.params = params;
    const c = kernelMatrixFromDeltas(pairDeltas(x, n, d, categorical), n, d, params.inverseSquaredLengthScales, params.kernelScale);
    for (let i = 0; i < n; i++) c[i * n + i] += params.noiseVar;
    // Duplicate rows with tiny noise can make C singular in floating point: add growing jitter, a fixed sequence.
    const chol = new Float64Array(n * n);
    let jitter = 0;
    for (let attempt = 0; !cholesky(c, n, chol); attempt++) {
      if (attempt === 8) throw new TuneError('GP_NUMERIC', 'The GP kernel matrix is not positive definite even with jitter; this is a bug, please report it.');
      const next = params.kernelScale * 1e-10 * Math.pow(10, attempt);
      for (let i = 0; i < n; i++) c[i * n + i] += next - jitter;
      jitter = next;
    }
    this.chol = chol;
    this.alpha = choleskySolve(chol, n, Float64Array.from(y));
    this.kBuf = new Float64Array(n);
    this.vBuf = new Float64Array(n);
    this.dkBuf = new Float64Array(n);
  }

  /** Posterior mean and variance at q (length d, same encoding as x). */
  predict(q: Float64Array): MeanVariance {
    const { n, d } = this;
    const k = kernelVector(q, this.x, n, d, this.categorical, this.params.inverseSquaredLengthScales, this.params.kernelScale, this.kBuf);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += k[i] * this.alpha[i];
    // k^T C^-1 k = |L^-1 k|^2 (one triangular solve).
    const w = this.vBuf;
    w.set(k);
    solveLower(this.chol, n, w);
    let quad = 0;
    for (let i = 0; i < n; i++) quad += w[i] * w[i];
    return { mean, variance: Math.max(0, this.params.kernelScale - quad) };
  }

  /**
   * Mean and variance at q, and their gradients with respect to q_j for every non-categorical j (written into
   * dMean / dVar, length d; categorical entries are set to 0). Cost O(n d + n^2).
   */
  predictWithGradient(q: Float64Array, dMean: Float64Array, dVar: Float64Array): MeanVariance {
    const { n, d, x, categorical } = this;
    const lam = this.params.inverseSquaredLengthScales;
    const s = this.params.kernelScale;
    const k = kernelVector(q, x, n, d, categorical, lam, s, this.kBuf);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += k[i] * this.alpha[i];
    const v = this.vBuf;
    v.set(k);
    choleskySolve(this.chol, n, v); // v = C^-1 k
    let quad = 0;
    for (let i = 0; i < n; i++) quad += k[i] * v[i];
    const variance = s - quad;
    // dk_i / dq_j = s m'(r2_i) 2 lambda_j (q_j - x_ij); store s m'(r2_i) per row, then accumulate per dimension.
    const dk = this.dkBuf;
    for (let i = 0; i < n; i++) {
      let r2 = 0;
      const ri = i * d;
      for (let j = 0; j < d; j++) {
        const a = q[j];
        const b = x[ri + j];
        r2 += lam[j] * (categorical[j] ? (a === b ? 0 : 1) : (a - b) * (a - b));
      }
      dk[i] = s * matern52DerivR2(r2);
    }
    for (let j = 0; j < d; j++) {
      if (categorical[j]) {
        dMean[j] = 0;
        dVar[j] = 0;
        continue;
      }
      let gm = 0;
      let gv = 0;
      for (let i = 0; i < n; i++) {
        const t = dk[i] * 2 * lam[j] * (q[j] - x[i * d + j]);
        gm += this.alpha[i] * t;
        gv += v[i] * t;
      }
      dMean[j] = gm;
      dVar[j] = variance > 0 ? -2 * gv : 0;
    }
    return { mean, variance: Math.max(0, variance) };
  }

  /**
   * Kriging believer for pending points (asked, not told): a new posterior whose data also hold each pending row
   * with its current posterior mean as the observed value. The mean is unchanged at those rows but the variance
   * there collapses, so the acquisition stops proposing them again. Kernel parameters are not refitted.
   */
  withPending(pending: Float64Array): GpPosterior {
    const m = pending.length / this.d;
    if (m === 0) return this;
    const x = new Float64Array(this.x.length + pending.length);
    x.set(this.x);
    x.set(pending, this.x.length);
    const y = new Float64Array(this.n + m);
    y.set(this.y);
    for (let r = 0; r < m; r++) y[this.n + r] = this.predict(pending.subarray(r * this.d, (r + 1) * this.d)).mean;
    return new GpPosterior(x, y, this.categorical, this.params);
  }
}
