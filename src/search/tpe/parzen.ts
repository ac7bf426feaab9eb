/**
 * Optuna 3.1's Parzen estimator (samplers/_tpe/parzen_estimator.py), over Float64Arrays: one mixture component per
 * observation (plus the prior), truncated normals for numeric hyperparameters in their transformed space (log ranges
 * in log space, stepped ranges widened by half a step and scored by the mass of the step's cell), and smoothed
 * one-hot weights for categorical ones. Constants are Optuna's: prior weight 1, the prior N((low+high)/2, high-low),
 * bandwidths from the gaps to the neighbours (univariate) or Scott's rule 0.2 n^(-1/(d+4)) (multivariate), clipped
 * to [(high-low)/min(100, 1+n), high-low] (the "magic clip").
 */
import type { Rng } from '../../rng';
import { truncnormPpf, logGaussMass } from './truncnorm';

const LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));

/** A hyperparameter as TPE models it (Optuna's FloatDistribution / IntDistribution / CategoricalDistribution). */
export type TpeDistribution =
  | { kind: 'float'; low: number; high: number; step: number | null; log: boolean }
  | { kind: 'int'; low: number; high: number; step: number; log: boolean }
  | { kind: 'categorical'; n: number };

export interface ParzenParameters {
  considerPrior: boolean;
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  multivariate: boolean;
  /** Weights of the observations, oldest first (Optuna's default_weights). */
  weights: (n: number) => Float64Array;
  /**
   * Divide each truncated normal's density by its sigma. Optuna 3.1's _truncnorm.logpdf leaves out the -log(scale)
   * term, so a wide component counts as dense as a narrow one; later Optuna releases add it. false (the default)
   * reproduces 3.1 exactly: on the S-suite (bench/search.mjs, 10 seeds x 100 trials) 3.1's form found better optima
   * on 5 of 6 functions than the corrected density did in the same run, so hyperwasm keeps it. Stepped and integer
   * ranges are scored by cell masses, where the question does not arise.
   */
  normalizeScale: boolean;
}

const EPS = 1e-12;
const SIGMA0_MAGNITUDE = 0.2;

/** Optuna's default_weights: 1 each below 25 observations; above, a linear ramp from 1/n for all but the 25 newest. */
export function defaultWeights(n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (n < 25) return w;
  const m = n - 25;
  // numpy.linspace(1/n, 1, m)
  for (let i = 0; i < m; i++) w[i] = m === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (m - 1);
  return w;
}

/** Optuna's default_gamma: how many observations form l(x). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

export const DEFAULT_PARZEN: ParzenParameters = {
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  multivariate: false,
  weights: defaultWeights,
  normalizeScale: false,
};

/** numpy.round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Bounds in the transformed space and the cell width q of stepped ranges (null when continuous). */
export function parzenBounds(d: Exclude<TpeDistribution, { kind: 'categorical' }>): { low: number; high: number; q: number | null } {
  if (d.kind === 'float') {
    if (d.log) return { low: Math.log(d.low), high: Math.log(d.high), q: null };
    if (d.step !== null) return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
    return { low: d.low, high: d.high, q: null };
  }
  if (d.log) return { low: Math.log(d.low - 0.5), high: Math.log(d.high + 0.5), q: null };
  return { low: d.low - 0.5 * d.step, high: d.high + 0.5 * d.step, q: d.step };
}

/** External value (categorical: index) -> the estimator's space. */
export function toUniform(d: TpeDistribution, v: number): number {
  return d.kind !== 'categorical' && d.log ? Math.log(v) : v;
}

/** The estimator's space -> an external value (rounded to the grid, clipped to the range). */
export function fromUniform(d: TpeDistribution, s: number): number {
  if (d.kind === 'categorical') return s;
  const clip = (v: number): number => Math.min(d.high, Math.max(d.low, v));
  if (d.kind === 'float') {
    if (d.log) return Math.exp(s);
    if (d.step !== null) return clip(roundHalfEven((s - d.low) / d.step) * d.step + d.low);
    return s;
  }
  if (d.log) return clip(roundHalfEven(Math.exp(s)));
  return clip(roundHalfEven((s - d.low) / d.step) * d.step + d.low);
}

interface NumericParams {
  low: number;
  high: number;
  q: number | null;
  mus: Float64Array;
  sigmas: Float64Array;
  /** Per component: log of its Gaussian mass inside [low, high] (+ log sigma when normalising), computed once. */
  logNorm: Float64Array;
  /** 1 / sigma per component (the density loop multiplies instead of dividing). */
  invSigma: Float64Array;
}

export class ParzenEstimator {
  /** Mixture weights, observations first then the prior (sum 1). */
  readonly weights: Float64Array;
  /** log of `weights`, computed once (every logPdf row starts from it). */
  private readonly logWeights: Float64Array;
  /** Per dimension: numeric components, or categorical weights ((n + prior) x choices, rows summing to 1). */
  readonly numeric: (NumericParams | null)[];
  readonly categorical: (Float64Array | null)[];
  private readonly nComponents: number;

  /**
   * @param observations one array per dimension, external values (categorical: index), same length n
   * @param dists the dimensions, in the same order
   */
  constructor(
    observations: readonly Float64Array[],
    readonly dists: readonly TpeDistribution[],
    readonly parameters: ParzenParameters = DEFAULT_PARZEN,
  ) {
    const n = observations.length > 0 ? observations[0].length : 0;
    const considerPrior = parameters.considerPrior || n === 0;
    this.nComponents = n + (considerPrior ? 1 : 0);
    this.weights = this.mixtureWeights(n, considerPrior);
    this.logWeights = new Float64Array(this.nComponents);
    for (let i = 0; i < this.nComponents; i++) this.logWeights[i] = Math.log(this.weights[i]);
    const sigma0 = parameters.multivariate ? SIGMA0_MAGNITUDE * Math.max(n, 1) ** (-1 / (dists.length + 4)) : null;
    this.numeric = [];
    this.categorical = [];
    dists.forEach((d, j) => {
      if (d.kind === 'categorical') {
        this.numeric.push(null);
        this.categorical.push(this.categoricalWeights(observations[j], d.n, n, considerPrior));
      } else {
        this.categorical.push(null);
        const obs = observations[j];
        const transformed = new Float64Array(obs.length);
        for (let i = 0; i < obs.length; i++) transformed[i] = toUniform(d, obs[i]);
        this.numeric.push(this.numericParams(transformed, d, n, considerPrior, sigma0));
      }
    });
  }

  private mixtureWeights(n: number, considerPrior: boolean): Float64Array {
    const w = this.parameters.weights(n).subarray(0, n);
    const out = new Float64Array(this.nComponents);
    out.set(w);
    if (considerPrior) out[n] = this.parameters.priorWeight;
    let sum = 0;
    for (const v of out) sum += v;
    for (let i = 0; i < out.length; i++) out[i] /= sum;
    return out;
  }

  private categoricalWeights(obs: Float64Array, k: number, n: number, considerPrior: boolean): Float64Array {
    const rows = considerPrior ? n + 1 : n;
    const fill = this.parameters.priorWeight / (considerPrior ? n + 1 : n);
    const w = new Float64Array(rows * k).fill(fill);
    for (let i = 0; i < n; i++) w[i * k + obs[i]] += 1;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += w[r * k + c];
      for (let c = 0; c < k; c++) w[r * k + c] /= s;
    }
    return w;
  }

  private numericParams(
    obs: Float64Array,
    d: Exclude<TpeDistribution, { kind: 'categorical' }>,
    n: number,
    considerPrior: boolean,
    sigma0: number | null,
  ): NumericParams {
    const { low, high, q } = parzenBounds(d);
    const m = considerPrior ? n + 1 : n;
    const mus = new Float64Array(m);
    mus.set(obs);
    if (considerPrior) mus[n] = 0.5 * (low + high);
    const sigmas = new Float64Array(m);
    if (sigma0 !== null) {
      sigmas.fill(sigma0 * (high - low));
    } else {
      // Distance to the farther neighbour in sorted order (endpoints low/high included).
      const order = sortedOrder(mus);
      const ext = new Float64Array(m + 2);
      ext[0] = low;
      for (let i = 0; i < m; i++) ext[i + 1] = mus[order[i]];
      ext[m + 1] = high;
      const s = new Float64Array(m);
      for (let i = 0; i < m; i++) s[i] = Math.max(ext[i + 1] - ext[i], ext[i + 2] - ext[i + 1]);
      if (!this.parameters.considerEndpoints && ext.length >= 4) {
        s[0] = ext[2] - ext[1];
        s[m - 1] = ext[ext.length - 2] - ext[ext.length - 3];
      }
      for (let i = 0; i < m; i++) sigmas[order[i]] = s[i];
    }
    const maxSigma = high - low;
    const minSigma = this.parameters.considerMagicClip ? (high - low) / Math.min(100, 1 + m) : EPS;
    for (let i = 0; i < m; i++) sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sigmas[i]));
    if (considerPrior) sigmas[n] = high - low;
    const logNorm = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      logNorm[i] = logGaussMass((low - mus[i]) / sigmas[i], (high - mus[i]) / sigmas[i]);
      if (q === null && this.parameters.normalizeScale) logNorm[i] += Math.log(sigmas[i]);
    }
    const invSigma = new Float64Array(m);
    for (let i = 0; i < m; i++) invSigma[i] = 1 / sigmas[i];
    return { low, high, q, mus, sigmas, logNorm, invSigma };
  }

  /** `size` draws, one array per dimension, external values (numeric rounded to their grid; categorical: index). */
  sample(rng: Rng, size: number): Float64Array[] {
    const active = new Int32Array(size);
    const cum = new Float64Array(this.weights.length);
    let acc = 0;
    for (let i = 0; i < cum.length; i++) cum[i] = acc += this.weights[i];
    for (let s = 0; s < size; s++) {
      const u = rng.next() * acc;
      let i = 0;
      while (i < cum.length - 1 && cum[i] <= u) i++;
      active[s] = i;
    }
    return this.dists.map((d, j) => {
      const out = new Float64Array(size);
      const cat = this.categorical[j];
      if (cat && d.kind === 'categorical') {
        const k = d.n;
        for (let s = 0; s < size; s++) {
          const u = rng.next();
          let c = 0;
          let p = cat[active[s] * k];
          while (c < k - 1 && p < u) p += cat[active[s] * k + ++c];
          out[s] = c;
        }
        return out;
      }
      const { low, high, mus, sigmas } = this.numeric[j]!;
      for (let s = 0; s < size; s++) {
        const mu = mus[active[s]];
        const sigma = sigmas[active[s]];
        const z = truncnormPpf(rng.next(), (low - mu) / sigma, (high - mu) / sigma);
        out[s] = fromUniform(d, z * sigma + mu);
      }
      return out;
    });
  }

  /** log density of each point (one array per dimension, external values) under the mixture. */
  logPdf(samples: readonly Float64Array[]): Float64Array {
    const nSamples = samples.length > 0 ? samples[0].length : 0;
    if (this.dists.length === 1 && this.numeric[0] && this.numeric[0].q === null) return this.logPdfContinuous1d(samples[0]);
    const m = this.nComponents;
    // Each row starts at the components' log weights; every dimension adds its log density.
    const comp = new Float64Array(nSamples * m);
    const logW = this.logWeights;
    for (let s = 0; s < nSamples; s++) comp.set(logW, s * m);
    this.dists.forEach((d, j) => {
      const xs = samples[j];
      const cat = this.categorical[j];
      if (cat && d.kind === 'categorical') {
        for (let s = 0; s < nSamples; s++) for (let i = 0; i < m; i++) comp[s * m + i] += Math.log(cat[i * d.n + xs[s]]);
        return;
      }
      const { low, high, q, mus, sigmas, logNorm, invSigma } = this.numeric[j]!;
      for (let s = 0; s < nSamples; s++) {
        const x = toUniform(d, xs[s]);
        const row = s * m;
        if (q === null) {
          // truncnorm.logpdf: the standard normal log-density at z minus the component's (precomputed) log mass.
          if (x < low || x > high) {
            for (let i = 0; i < m; i++) comp[row + i] = -Infinity;
            continue;
          }
          for (let i = 0; i < m; i++) {
            const z = (x - mus[i]) * invSigma[i];
            comp[row + i] += -0.5 * z * z - LOG_SQRT_2PI - logNorm[i];
          }
        } else {
          const upper = Math.min(x + q / 2, high);
          const lower = Math.max(x - q / 2, low);
          for (let i = 0; i < m; i++) {
            comp[row + i] += logGaussMass((lower - mus[i]) / sigmas[i], (upper - mus[i]) / sigmas[i]) - logNorm[i];
          }
        }
      }
    });
    const out = new Float64Array(nSamples);
    for (let s = 0; s < nSamples; s++) out[s] = logSumExp(comp, s * m, m);
    return out;
  }

  /**
   * logPdf for the common case of univariate TPE on a continuous range: one row of component terms at a time in a
   * reused buffer instead of a samples x components matrix. The arithmetic is the general path's, term for term, so
   * both give the same bits.
   */
  private logPdfContinuous1d(xs: Float64Array): Float64Array {
    const d = this.dists[0];
    const { low, high, mus, logNorm, invSigma } = this.numeric[0]!;
    const m = this.nComponents;
    const logW = this.logWeights;
    const row = scratchRow(m);
    const out = new Float64Array(xs.length);
    for (let s = 0; s < xs.length; s++) {
      const x = toUniform(d, xs[s]);
      if (x < low || x > high) {
        out[s] = -Infinity;
        continue;
      }
      for (let i = 0; i < m; i++) {
        const z = (x - mus[i]) * invSigma[i];
        row[i] = logW[i] + (-0.5 * z * z - LOG_SQRT_2PI - logNorm[i]);
      }
      out[s] = logSumExp(row, 0, m);
    }
    return out;
  }
}

/**
 * log sum exp of values[offset .. offset + m). Terms more than e^-40 below the largest add less than 1e-17 each:
 * skipping their exp() changes nothing at double precision and saves most of the cost when the sample sits among a
 * few of many components.
 */
function logSumExp(values: Float64Array, offset: number, m: number): number {
  let max = -Infinity;
  for (let i = offset; i < offset + m; i++) if (values[i] > max) max = values[i];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = offset; i < offset + m; i++) {
    const e = values[i] - max;
    if (e > -40) sum += Math.exp(e);
  }
  return Math.log(sum) + max;
}

/** One buffer of component terms, grown on demand and reused by every estimator (the module runs on one thread). */
let scratch = new Float64Array(256);
function scratchRow(m: number): Float64Array {
  if (scratch.length < m) scratch = new Float64Array(Math.max(m, 2 * scratch.length));
  return scratch;
}

/**
 * The stable argsort of xs (ties in index order, as numpy's kind='stable'), finite values only. A comparator sort
 * costs most of an estimator's set-up at a thousand observations; this sorts the values natively, then gives each
 * index the first free slot of its value (binary search; equal values take consecutive slots in index order).
 */
export function sortedOrder(xs: Float64Array): Int32Array {
  const m = xs.length;
  const sorted = xs.slice().sort();
  const order = new Int32Array(m);
  let taken: Map<number, number> | null = null;
  for (let i = 0; i < m; i++) {
    const x = xs[i];
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const tied = (lo + 1 < m && sorted[lo + 1] === x) || (taken !== null && taken.has(x));
    if (tied) {
      taken ??= new Map();
      const k = taken.get(x) ?? 0;
      taken.set(x, k + 1);
      lo += k;
    }
    order[lo] = i;
  }
  return order;
}
