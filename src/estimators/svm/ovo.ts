/**
 * Support vector classification as libsvm's svm_train does it (scikit-learn 1.2.1's copy): rows grouped by class
 * (labels sorted, rows in their order within a class), one C-SVC per pair (i < j) with class i as +1, C scaled per
 * class (classWeight), the support vectors of all pairs merged into libsvm's model layout (sv_coef is (k-1) x nSV,
 * classifier (i,j)'s coefficients of class i in row j-1 and of class j in row i), and libsvm's one-vs-one vote.
 * Probability: libsvm's svm_binary_svc_probability per pair (internal 5-fold CV on a seeded shuffle, Platt's sigmoid
 * on the held-out decision values).
 */
import type { FoldSide, TrainContext } from '../types';
import type { Rng } from '../../rng';
import { crossKernelJs } from './kernel-js';
import { sigmoidTrain } from './platt';
import { type KernelSpec, type Resident, solveSub } from './solve';

export interface SolverSettings {
  C: number;
  tol: number;
  shrinking: boolean;
  maxIter: number;
}

/** libsvm's classification model (internal signs: decision_p(x) = sum coef K - rho, > 0 votes for class i). */
export interface SvcModel {
  /** Labels present in the training rows, ascending. */
  classes: Float64Array;
  /** Support vectors per class. */
  nSV: Int32Array;
  /** Training row of each support vector, grouped by class. */
  svRows: Int32Array;
  /** (k-1) x total support vectors. */
  svCoef: Float64Array;
  /** One bias per pair (i < j) in libsvm's order. */
  rho: Float64Array;
  probA: Float64Array | null;
  probB: Float64Array | null;
  /** Largest SMO iteration count over the pairs, and whether maxIter stopped any. */
  iter: number;
  timedOut: boolean;
}

/** Sorted distinct labels, each row's class index, and rows grouped by class (stable): libsvm's svm_group_classes. */
export function groupClasses(y: Float64Array): { labels: Float64Array; count: Int32Array; start: Int32Array; perm: Int32Array } {
  const labels = Float64Array.from(new Set(y)).sort();
  const k = labels.length;
  const index = new Map<number, number>();
  labels.forEach((v, i) => index.set(v, i));
  const count = new Int32Array(k);
  const cls = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) count[(cls[i] = index.get(y[i])!)]++;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + count[c - 1];
  const next = start.slice();
  const perm = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) perm[next[cls[i]]++] = i;
  return { labels, count, start, perm };
}

/** C per class: C, times n / (k * count_c) for 'balanced' (scikit-learn's compute_class_weight). */
export function weightedC(C: number, count: Int32Array, classWeight: string | null): Float64Array {
  const k = count.length;
  let n = 0;
  for (const c of count) n += c;
  return Float64Array.from(count, (cnt) => (classWeight === 'balanced' ? C * (n / (k * cnt)) : C));
}

interface BinaryFit {
  /** alpha_k * y_k per variable (the signed dual coefficients). */
  coef: Float64Array;
  rho: number;
  iter: number;
  timedOut: boolean;
}

/** One C-SVC on fold rows rowIdx with labels y (+1/-1) and per-sign C. */
function binaryFit(ctx: TrainContext, res: Resident, spec: KernelSpec, rowIdx: Int32Array, y: Int32Array, Cp: number, Cn: number, s: SolverSettings): BinaryFit {
  const l = rowIdx.length;
  const p = new Float64Array(l).fill(-1);
  const C = Float64Array.from(y, (v) => (v > 0 ? Cp : Cn));
  const base = Int32Array.from({ length: l }, (_, i) => i);
  const sol = solveSub(ctx, res, spec, rowIdx, y, p, C, base, s.tol, s.shrinking, s.maxIter);
  const coef = new Float64Array(l);
  for (let i = 0; i < l; i++) coef[i] = sol.alpha[i] * y[i];
  return { coef, rho: sol.rho, iter: sol.iter, timedOut: sol.timedOut };
}

/** Trains every pair and merges them into libsvm's model. `values` is the training rows' X (for Platt's CV). */
export function trainSvc(
  ctx: TrainContext, train: FoldSide, values: Float64Array, res: Resident, spec: KernelSpec, s: SolverSettings,
  classWeight: string | null, rng: Rng | null,
): SvcModel {
  const { labels, count, start, perm } = groupClasses(train.y!);
  const k = labels.length;
  const wC = weightedC(s.C, count, classWeight);
  const nPairs = (k * (k - 1)) / 2;
  const nonzero = new Uint8Array(train.rows);
  const fits: BinaryFit[] = [];
  const probA = rng ? new Float64Array(nPairs) : null;
  const probB = rng ? new Float64Array(nPairs) : null;
  let iter = 0;
  let timedOut = false;
  let pIdx = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const ci = count[i];
      const cj = count[j];
      const rowIdx = new Int32Array(ci + cj);
      rowIdx.set(perm.subarray(start[i], start[i] + ci), 0);
      rowIdx.set(perm.subarray(start[j], start[j] + cj), ci);
      const y = new Int32Array(ci + cj).fill(1, 0, ci).fill(-1, ci);
      if (rng) {
        const ab = binaryProbability(ctx, res, spec, values, train.cols, rowIdx, y, wC[i], wC[j], s, rng);
        probA![pIdx] = ab.A;
        probB![pIdx] = ab.B;
      }
      const fit = binaryFit(ctx, res, spec, rowIdx, y, wC[i], wC[j], s);
      for (let t = 0; t < ci; t++) if (fit.coef[t] !== 0) nonzero[start[i] + t] = 1;
      for (let t = 0; t < cj; t++) if (fit.coef[ci + t] !== 0) nonzero[start[j] + t] = 1;
      iter = Math.max(iter, fit.iter);
      timedOut ||= fit.timedOut;
      fits.push(fit);
      pIdx++;
    }
  }
  const nSV = new Int32Array(k);
  let total = 0;
  for (let c = 0; c < k; c++) for (let t = 0; t < count[c]; t++) if (nonzero[start[c] + t]) { nSV[c]++; total++; }
  const svRows = new Int32Array(total);
  for (let g = 0, q = 0; g < train.rows; g++) if (nonzero[g]) svRows[q++] = perm[g];
  const nzStart = new Int32Array(k);
  for (let c = 1; c < k; c++) nzStart[c] = nzStart[c - 1] + nSV[c - 1];
  const svCoef = new Float64Array((k - 1) * total);
  const rho = new Float64Array(nPairs);
  pIdx = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const f = fits[pIdx];
      rho[pIdx] = f.rho;
      let q = nzStart[i];
      for (let t = 0; t < count[i]; t++) if (nonzero[start[i] + t]) svCoef[(j - 1) * total + q++] = f.coef[t];
      q = nzStart[j];
      for (let t = 0; t < count[j]; t++) if (nonzero[start[j] + t]) svCoef[i * total + q++] = f.coef[count[i] + t];
      pIdx++;
    }
  }
  return { classes: labels, nSV, svRows, svCoef, rho, probA, probB, iter, timedOut };
}

/**
 * libsvm's svm_binary_svc_probability for one pair: a seeded shuffle, 5 folds of it, on each a C-SVC (C = 1 scaled
 * by Cp / Cn) trained on the other folds as libsvm's nested svm_train sees them (its labels -1 < +1 sorted, so the
 * pair's -1 rows come first as its positive class), held-out decision values oriented +1 = class i, then the sigmoid.
 */
function binaryProbability(
  ctx: TrainContext, res: Resident, spec: KernelSpec, values: Float64Array, cols: number,
  rowIdx: Int32Array, y: Int32Array, Cp: number, Cn: number, s: SolverSettings, rng: Rng,
): { A: number; B: number } {
  const l = rowIdx.length;
  const nrFold = 5;
  const perm = Int32Array.from({ length: l }, (_, i) => i);
  for (let i = 0; i < l; i++) {
    const j = i + rng.int(l - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const dec = new Float64Array(l);
  for (let f = 0; f < nrFold; f++) {
    const begin = Math.floor((f * l) / nrFold);
    const end = Math.floor(((f + 1) * l) / nrFold);
    const sub: number[] = [];
    for (let t = 0; t < begin; t++) sub.push(perm[t]);
    for (let t = end; t < l; t++) sub.push(perm[t]);
    const neg = sub.filter((v) => y[v] < 0);
    const pos = sub.filter((v) => y[v] > 0);
    if (pos.length === 0 || neg.length === 0) {
      const v = pos.length > 0 ? 1 : neg.length > 0 ? -1 : 0;
      for (let t = begin; t < end; t++) dec[perm[t]] = v;
      continue;
    }
    const order = [...neg, ...pos];
    const subRows = Int32Array.from(order, (v) => rowIdx[v]);
    const subY = Int32Array.from(order, (v) => (y[v] < 0 ? 1 : -1));
    const fit = binaryFit(ctx, res, spec, subRows, subY, Cn, Cp, { ...s, C: 1 });
    const svIdx: number[] = [];
    for (let t = 0; t < order.length; t++) if (fit.coef[t] !== 0) svIdx.push(t);
    const sv = new Float64Array(svIdx.length * cols);
    svIdx.forEach((t, q) => sv.set(values.subarray(subRows[t] * cols, subRows[t] * cols + cols), q * cols));
    const held = Int32Array.from({ length: end - begin }, (_, t) => rowIdx[perm[begin + t]]);
    const K = crossKernelJs(values, held, held.length, sv, svIdx.length, cols, spec);
    for (let t = 0; t < held.length; t++) {
      let sum = 0;
      for (let q = 0; q < svIdx.length; q++) sum += fit.coef[svIdx[q]] * K[t * svIdx.length + q];
      sum -= fit.rho;
      dec[perm[begin + t]] = -sum;
    }
  }
  return sigmoidTrain(dec, Float64Array.from(y));
}

/** rows x nPairs decision values (libsvm's predict_values) from the kernel values K (rows x total SVs). */
export function decisionValues(K: Float64Array, rows: number, nSV: Int32Array, svCoef: Float64Array, rho: Float64Array): Float64Array {
  const k = nSV.length;
  let total = 0;
  for (const c of nSV) total += c;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + nSV[c - 1];
  const nPairs = rho.length;
  const dec = new Float64Array(rows * nPairs);
  for (let r = 0; r < rows; r++) {
    const kv = r * total;
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let sum = 0;
        const c1 = (j - 1) * total;
        const c2 = i * total;
        for (let t = 0; t < nSV[i]; t++) sum += svCoef[c1 + start[i] + t] * K[kv + start[i] + t];
        for (let t = 0; t < nSV[j]; t++) sum += svCoef[c2 + start[j] + t] * K[kv + start[j] + t];
        dec[r * nPairs + p] = sum - rho[p];
        p++;
      }
    }
  }
  return dec;
}

/** libsvm's vote: pair (i, j) votes i when its decision value is > 0, else j; the first class with most votes wins. */
export function voteOvo(dec: Float64Array, off: number, k: number, votes: Int32Array): number {
  votes.fill(0);
  let p = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) votes[dec[off + p++] > 0 ? i : j]++;
  let best = 0;
  for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
  return best;
}

/**
 * scikit-learn's one-vs-rest shape of the ovo decision values (_ovr_decision_function(dec < 0, -dec, k)): votes plus
 * the summed confidences squashed into (-1/3, 1/3), so ties between equal vote counts break by confidence.
 */
export function ovrDecision(dec: Float64Array, off: number, k: number, out: Float64Array, outOff: number): void {
  const votes = new Float64Array(k);
  const conf = new Float64Array(k);
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const d = dec[off + p++];
      conf[i] += d; // -= -d
      conf[j] -= d;
      if (d < 0) votes[j] += 1;
      else votes[i] += 1;
    }
  }
  for (let c = 0; c < k; c++) out[outOff + c] = votes[c] + conf[c] / (3 * (Math.abs(conf[c]) + 1));
}
