/**
 * Objective of the kernel-parameter fit: the negative log marginal likelihood plus the negative log prior, with its
 * exact gradient, as a function of the raw parameters
 *   theta = [log lambda_1 .. log lambda_d, log scale, log(noiseVar - MINIMUM_NOISE_VAR)].
 * Working in logs keeps every parameter positive without constraints.
 *
 * log ML = -1/2 y^T C^-1 y - sum_i log L_ii - n/2 log(2 pi),  C = K + v I = L L^T.
 * d logML / d theta = 1/2 tr((alpha alpha^T - C^-1) dC/dtheta), alpha = C^-1 y.
 * Cost per evaluation: Cholesky n^3/3 + inverse 2n^3/3 + gradient n^2 d / 2.
 */
import { cholesky, choleskyInverse, choleskySolve } from './linalg';
import { kernelMatrixFromDeltas, matern52, matern52DerivR2 } from './kernel';
import { gammaLogPrior, KERNEL_SCALE_PRIOR, lengthScalePrior, MINIMUM_NOISE_VAR, NOISE_PRIOR } from './prior';

export interface KernelParams {
  /** lambda_j = 1 / lengthScale_j^2, one per dimension. */
  inverseSquaredLengthScales: Float64Array;
  kernelScale: number;
  noiseVar: number;
}

export interface FitProblem {
  n: number;
  d: number;
  /** pairDeltas of the inputs (see kernel.ts). */
  deltas: Float64Array;
  /** Outputs in model units (standardised). */
  y: Float64Array;
  /** Noise fixed at MINIMUM_NOISE_VAR (its gradient is then 0). */
  fixNoise: boolean;
  /** Include the log prior (true for fitting; false to test the pure likelihood). */
  usePrior: boolean;
  /** Scratch n x n matrices reused across evaluations (allocated on first use). */
  scratch?: { c: Float64Array; l: Float64Array; w: Float64Array; m: Float64Array };
}

const LOG_2PI = Math.log(2 * Math.PI);

export function paramsFromRaw(theta: Float64Array, d: number, fixNoise: boolean): KernelParams {
  const lam = new Float64Array(d);
  for (let j = 0; j < d; j++) lam[j] = Math.exp(theta[j]);
  return {
    inverseSquaredLengthScales: lam,
    kernelScale: Math.exp(theta[d]),
    noiseVar: fixNoise ? MINIMUM_NOISE_VAR : MINIMUM_NOISE_VAR + Math.exp(theta[d + 1]),
  };
}

export function rawFromParams(p: KernelParams, d: number): Float64Array {
  const theta = new Float64Array(d + 2);
  for (let j = 0; j < d; j++) theta[j] = Math.log(p.inverseSquaredLengthScales[j]);
  theta[d] = Math.log(p.kernelScale);
  // Starting exactly at the minimum would put log(0) here: keep 1% of the minimum above it (as Optuna does).
  theta[d + 1] = Math.log(Math.max(p.noiseVar - 0.99 * MINIMUM_NOISE_VAR, 1e-300));
  return theta;
}

/**
 * Loss = -(log ML + log prior) at theta; writes d loss / d theta into grad (length d + 2).
 * Returns +Infinity (grad untouched) when C is not positive definite in floating point.
 */
export function fitLoss(prob: FitProblem, theta: Float64Array, grad: Float64Array): number {
  const { n, d, deltas, y } = prob;
  const p = paramsFromRaw(theta, d, prob.fixNoise);
  const lam = p.inverseSquaredLengthScales;
  const s = p.kernelScale;
  const scratch = (prob.scratch ??= { c: new Float64Array(n * n), l: new Float64Array(n * n), w: new Float64Array(n * n), m: new Float64Array(n * n) });
  const c = kernelMatrixFromDeltas(deltas, n, d, lam, s, scratch.c);
  for (let i = 0; i < n; i++) c[i * n + i] += p.noiseVar;
  const l = scratch.l;
  if (!cholesky(c, n, l)) return Infinity;
  const alpha = choleskySolve(l, n, Float64Array.from(y));
  let quad = 0;
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    quad += y[i] * alpha[i];
    logDet += Math.log(l[i * n + i]);
  }
  let logMl = -0.5 * quad - logDet - 0.5 * n * LOG_2PI;
  const w = choleskyInverse(l, n, scratch.w, scratch.m); // becomes W = alpha alpha^T - C^-1
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) w[a * n + b] = alpha[a] * alpha[b] - w[a * n + b];

  for (let j = 0; j < d + 2; j++) grad[j] = 0;
  // Off-diagonal pairs: d C_ab / d log lambda_j = s m'(r2) lambda_j delta_abj; d C_ab / d log s = C_ab (a != b).
  let pIdx = 0;
  let gScale = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const off = pIdx * d;
      let r2 = 0;
      for (let j = 0; j < d; j++) r2 += lam[j] * deltas[off + j];
      const wab = w[a * n + b];
      const coef = wab * s * matern52DerivR2(r2);
      for (let j = 0; j < d; j++) grad[j] += coef * lam[j] * deltas[off + j];
      gScale += wab * s * matern52(r2);
      pIdx++;
    }
  }
  let trace = 0;
  for (let a = 0; a < n; a++) trace += w[a * n + a];
  gScale += 0.5 * trace * s;
  grad[d] = gScale;
  grad[d + 1] = prob.fixNoise ? 0 : 0.5 * trace * (p.noiseVar - MINIMUM_NOISE_VAR);
  // grad holds d logML / d theta so far (pairs counted once: the factor 1/2 and the symmetry cancel).

  if (prob.usePrior) {
    for (let j = 0; j < d; j++) {
      const pr = lengthScalePrior(lam[j]);
      logMl += pr.logp;
      grad[j] += pr.dLogTheta;
    }
    const ps = gammaLogPrior(s, KERNEL_SCALE_PRIOR.shape, KERNEL_SCALE_PRIOR.rate);
    logMl += ps.logp;
    grad[d] += ps.dx * s;
    if (!prob.fixNoise) {
      const pn = gammaLogPrior(p.noiseVar, NOISE_PRIOR.shape, NOISE_PRIOR.rate);
      logMl += pn.logp;
      grad[d + 1] += pn.dx * (p.noiseVar - MINIMUM_NOISE_VAR);
    }
  }
  for (let j = 0; j < d + 2; j++) grad[j] = -grad[j];
  return -logMl;
}
