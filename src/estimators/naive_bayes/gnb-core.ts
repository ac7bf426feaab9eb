/**
 * Gaussian naive Bayes, pure logic (no I/O, no threads): per-class statistics and scikit-learn 1.2.1's
 * `GaussianNB` formulas. The worker computes the statistics once per fold (every varSmoothing candidate reuses them)
 * and scores test rows with the wasm kernel; the main thread predicts with `jointLogLikelihood` below.
 *
 * - theta[c] = mean of class c's rows, rawVar[c] = their population variance (two passes, as np.mean / np.var);
 * - epsilon = varSmoothing * max_f var(X[:, f]) over all training rows, var[c] = rawVar[c] + epsilon;
 * - classPrior[c] = count[c] / rows (priors=None); a class absent from the training rows gets prior 0, so it is never
 *   predicted and its probability is 0 (scikit-learn would not know the class at all); given priors (checked by
 *   gnb-priors.ts) are the class priors exactly as given, as scikit-learn's class_prior_ = priors (a prior of 0 gives
 *   log 0 = -Infinity: that class is never predicted);
 * - jll[i, c] = log prior[c] - 0.5 sum_f log(2 pi var[c, f]) - 0.5 sum_f (x[i, f] - theta[c, f])^2 / var[c, f];
 *   predict = classes[argmax_c jll] (first maximum), predictProba = exp(jll - logsumexp(jll)).
 */

import { TuneError } from '../../errors';

/** What one training fold gives, independent of varSmoothing. */
export interface GnbStats {
  nClasses: number;
  cols: number;
  counts: Float64Array;
  /** nClasses x cols, row-major. */
  theta: Float64Array;
  /** nClasses x cols population variances before smoothing. */
  rawVar: Float64Array;
  /** Largest population variance of a feature over all training rows (scikit-learn's epsilon scale). */
  maxVar: number;
}

/** Statistics of the rows X (n x d, row-major) whose class indices are yClass (0..nClasses-1). */
export function gnbStats(X: Float64Array, n: number, d: number, yClass: Int32Array, nClasses: number): GnbStats {
  const counts = new Float64Array(nClasses);
  const theta = new Float64Array(nClasses * d);
  const rawVar = new Float64Array(nClasses * d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = yClass[i];
    counts[c]++;
    for (let f = 0; f < d; f++) {
      theta[c * d + f] += X[i * d + f];
      mean[f] += X[i * d + f];
    }
  }
  for (let c = 0; c < nClasses; c++) if (counts[c] > 0) for (let f = 0; f < d; f++) theta[c * d + f] /= counts[c];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const allVar = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = yClass[i];
    for (let f = 0; f < d; f++) {
      const dc = X[i * d + f] - theta[c * d + f];
      rawVar[c * d + f] += dc * dc;
      const da = X[i * d + f] - mean[f];
      allVar[f] += da * da;
    }
  }
  for (let c = 0; c < nClasses; c++) if (counts[c] > 0) for (let f = 0; f < d; f++) rawVar[c * d + f] /= counts[c];
  let maxVar = 0;
  for (let f = 0; f < d; f++) maxVar = Math.max(maxVar, allVar[f] / n);
  return { nClasses, cols: d, counts, theta, rawVar, maxVar };
}

/** The learned parameters for one varSmoothing: smoothed variances, epsilon and log priors. */
export interface GnbModel {
  classPrior: Float64Array;
  logPrior: Float64Array;
  theta: Float64Array;
  var: Float64Array;
  epsilon: number;
}

/** `priors`: one per class in class order, already checked (gnb-priors.ts); null: the class frequencies. */
export function gnbModel(s: GnbStats, varSmoothing: number, priors: readonly number[] | null = null): GnbModel {
  const epsilon = varSmoothing * s.maxVar;
  const total = s.counts.reduce((a, b) => a + b, 0);
  const classPrior = priors ? Float64Array.from(priors) : s.counts.map((c) => c / total);
  const logPrior = classPrior.map(Math.log);
  const v = s.rawVar.map((x, j) => (s.counts[Math.floor(j / s.cols)] > 0 ? x + epsilon : 1));
  const zero = v.findIndex((x) => !(x > 0));
  if (zero >= 0) {
    // Only possible when every feature is constant on the training rows (epsilon = varSmoothing x 0) or varSmoothing
    // is 0: scikit-learn then divides by zero and predicts from NaN.
    throw new TuneError(
      'ZERO_VARIANCE',
      `gaussian-nb: feature ${zero % s.cols} has zero variance in class ${Math.floor(zero / s.cols)} and varSmoothing ` +
        `adds ${epsilon} to it${s.maxVar === 0 ? ' (every feature is constant on these rows)' : ''}; ` +
        'raise varSmoothing above 0, or remove constant features.',
      { feature: zero % s.cols, classIndex: Math.floor(zero / s.cols) },
    );
  }
  return { classPrior, logPrior, theta: s.theta, var: v, epsilon };
}

/** Main-thread joint log-likelihood (the kernel's formula and order), n x k row-major. */
export function jointLogLikelihood(
  X: Float64Array, n: number, d: number, k: number, theta: Float64Array, variance: Float64Array, logPrior: Float64Array,
): Float64Array {
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    let konst = 0;
    for (let f = 0; f < d; f++) konst += Math.log(2 * Math.PI * variance[c * d + f]);
    const base = logPrior[c] - 0.5 * konst;
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let f = 0; f < d; f++) {
        const diff = X[i * d + f] - theta[c * d + f];
        q += (diff * diff) / variance[c * d + f];
      }
      out[i * k + c] = base - 0.5 * q;
    }
  }
  return out;
}

/** Labels (first maximum of each row) and probabilities exp(jll - logsumexp(jll)) from a joint log-likelihood. */
export function predictFromJll(jll: Float64Array, n: number, classes: Float64Array): { yPred: Float64Array; proba: Float64Array } {
  const k = classes.length;
  const yPred = new Float64Array(n);
  const proba = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let max = jll[i * k];
    for (let c = 1; c < k; c++) {
      if (jll[i * k + c] > max) {
        max = jll[i * k + c];
        best = c;
      }
    }
    yPred[i] = classes[best];
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(jll[i * k + c] - max);
    const lse = max + Math.log(s);
    for (let c = 0; c < k; c++) proba[i * k + c] = Math.exp(jll[i * k + c] - lse);
  }
  return { yPred, proba };
}
