/**
 * Maximising log EI over a mixed space (after Optuna's optim_mixed):
 *   1. evaluate log EI at `candidates` scrambled Halton points (discrete dimensions snapped to their grid,
 *      categorical ones floored to an index);
 *   2. pick `localSearches` starts: the best candidate, the incumbent (best observed point), and the rest drawn
 *      without replacement with probability proportional to exp(logEI - max) (a roulette, as Optuna does);
 *   3. from each start alternate (a) projected L-BFGS on the continuous dimensions, in coordinates scaled by the
 *      length scales (u_j = x_j / l_j, which equalises curvature; bounds [0, 1 / l_j]) and (b) one pass over the
 *      discrete and categorical dimensions, each moved to its best value with the others fixed: all values when
 *      there are at most 16 (and always for categorical ones), otherwise a ladder of grid steps +-1, 2, 4, ... around
 *      the current value, repeated while it improves. A start ends when a pass changes no discrete value (or after
 *      10 rounds);
 *   4. return the best point found (first in start order on ties).
 * Cost: step 1 is O(candidates (n d + n^2)); each local-search evaluation O(n d + n^2).
 */
import type { Rng } from '../../rng';
import type { GpPosterior } from './posterior';
import { logExpectedImprovement } from './log-ei';
import { minimizeBox } from './lbfgs';
import { scrambledHalton } from './qmc';

export interface SearchDimension {
  kind: 'continuous' | 'discrete' | 'categorical';
  size: number;
}

export interface AcquisitionOptions {
  candidates: number;
  localSearches: number;
}

/** Maps a uniform u in [0, 1) to the dimension's encoding. */
export function encodeUniform(dim: SearchDimension, u: number): number {
  if (dim.kind === 'continuous') return u;
  if (dim.kind === 'categorical') return Math.min(dim.size - 1, Math.floor(u * dim.size));
  return snapDiscrete(u, dim.size);
}

/** Nearest grid value k / (size - 1); a one-point grid is {0}. */
export function snapDiscrete(v: number, size: number): number {
  if (size <= 1) return 0;
  const k = Math.min(size - 1, Math.max(0, Math.round(v * (size - 1))));
  return k / (size - 1);
}

const EXHAUSTIVE_MAX = 16;
const MAX_ROUNDS = 10;

export class LogEiAcquisition {
  private readonly post: GpPosterior;
  private readonly best: number;
  private readonly dMean: Float64Array;
  private readonly dVar: Float64Array;
  evaluations = 0;

  constructor(post: GpPosterior, best: number) {
    this.post = post;
    this.best = best;
    this.dMean = new Float64Array(post.d);
    this.dVar = new Float64Array(post.d);
  }

  value(q: Float64Array): number {
    this.evaluations++;
    const p = this.post.predict(q);
    return logExpectedImprovement(p.mean, p.variance, this.best).value;
  }

  /** log EI at q; writes d logEI / d q_j into grad for non-categorical j. */
  valueAndGradient(q: Float64Array, grad: Float64Array): number {
    this.evaluations++;
    const p = this.post.predictWithGradient(q, this.dMean, this.dVar);
    const e = logExpectedImprovement(p.mean, p.variance, this.best);
    for (let j = 0; j < grad.length; j++) grad[j] = e.dMean * this.dMean[j] + e.dVar * this.dVar[j];
    return e.value;
  }
}

export interface AcquisitionResult {
  x: Float64Array;
  value: number;
  evaluations: number;
}

export function optimizeAcquisition(
  acq: LogEiAcquisition,
  dims: SearchDimension[],
  lengthScales: Float64Array,
  incumbent: Float64Array | null,
  rng: Rng,
  options: AcquisitionOptions,
): AcquisitionResult {
  const d = dims.length;
  const nc = Math.max(1, options.candidates);
  const halton = scrambledHalton(d, rng);
  const cand = new Float64Array(nc * d);
  const vals = new Float64Array(nc);
  const buf = new Float64Array(d);
  let bestIdx = 0;
  for (let c = 0; c < nc; c++) {
    halton.point(c, buf);
    const row = cand.subarray(c * d, (c + 1) * d);
    for (let j = 0; j < d; j++) row[j] = encodeUniform(dims[j], buf[j]);
    vals[c] = acq.value(row);
    if (vals[c] > vals[bestIdx]) bestIdx = c;
  }
  const starts: Float64Array[] = [Float64Array.from(cand.subarray(bestIdx * d, (bestIdx + 1) * d))];
  if (incumbent && options.localSearches > 1) starts.push(Float64Array.from(incumbent));
  // Roulette without replacement over the remaining candidates.
  const weights = new Float64Array(nc);
  let total = 0;
  for (let c = 0; c < nc; c++) {
    weights[c] = c === bestIdx ? 0 : Math.exp(vals[c] - vals[bestIdx]);
    total += weights[c];
  }
  while (starts.length < options.localSearches && total > 0) {
    let u = rng.next() * total;
    let pick = -1;
    for (let c = 0; c < nc; c++) {
      if (weights[c] === 0) continue;
      pick = c;
      u -= weights[c];
      if (u < 0) break;
    }
    if (pick < 0) break;
    starts.push(Float64Array.from(cand.subarray(pick * d, (pick + 1) * d)));
    total -= weights[pick];
    weights[pick] = 0;
  }

  let best: Float64Array = starts[0];
  let bestVal = -Infinity;
  for (const s of starts) {
    const r = localSearch(acq, dims, lengthScales, s);
    if (r.value > bestVal) {
      bestVal = r.value;
      best = r.x;
    }
  }
  return { x: best, value: bestVal, evaluations: acq.evaluations };
}

function localSearch(acq: LogEiAcquisition, dims: SearchDimension[], lengthScales: Float64Array, start: Float64Array): { x: Float64Array; value: number } {
  const d = dims.length;
  const x = Float64Array.from(start);
  let fx = acq.value(x);
  const cont: number[] = [];
  const disc: number[] = [];
  for (let j = 0; j < d; j++) (dims[j].kind === 'continuous' ? cont : disc).push(j);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (cont.length > 0) fx = continuousStep(acq, x, fx, cont, lengthScales);
    let changed = false;
    for (const j of disc) {
      const r = discreteStep(acq, x, fx, j, dims[j]);
      if (r > fx) {
        fx = r;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { x, value: fx };
}

/** L-BFGS on the continuous coordinates in length-scale units; updates x in place when it improves. */
function continuousStep(acq: LogEiAcquisition, x: Float64Array, fx: number, cont: number[], lengthScales: Float64Array): number {
  const m = cont.length;
  const u0 = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    const l = lengthScales[cont[t]];
    u0[t] = x[cont[t]] / l;
    upper[t] = 1 / l;
  }
  const q = Float64Array.from(x);
  const grad = new Float64Array(x.length);
  const fg = (u: Float64Array, g: Float64Array): number => {
    for (let t = 0; t < m; t++) q[cont[t]] = Math.min(1, Math.max(0, u[t] * lengthScales[cont[t]]));
    const v = acq.valueAndGradient(q, grad);
    for (let t = 0; t < m; t++) g[t] = -grad[cont[t]] * lengthScales[cont[t]];
    return -v;
  };
  const res = minimizeBox(fg, u0, lower, upper, { maxIter: 200, pgtol: 1e-2, ftol: 1e-10 });
  const value = -res.f;
  if (Number.isFinite(value) && value > fx) {
    for (let t = 0; t < m; t++) x[cont[t]] = Math.min(1, Math.max(0, res.x[t] * lengthScales[cont[t]]));
    return value;
  }
  return fx;
}

/** Moves coordinate j of x to its best value with the rest fixed; returns the new value (x updated in place). */
function discreteStep(acq: LogEiAcquisition, x: Float64Array, fx: number, j: number, dim: SearchDimension): number {
  const size = dim.size;
  if (size <= 1) return fx;
  const toValue = (k: number): number => (dim.kind === 'categorical' ? k : k / (size - 1));
  const q = Float64Array.from(x);
  let bestK = dim.kind === 'categorical' ? x[j] : Math.round(x[j] * (size - 1));
  let bestF = fx;
  const tryK = (k: number): void => {
    q[j] = toValue(k);
    const f = acq.value(q);
    if (f > bestF) {
      bestF = f;
      bestK = k;
    }
  };
  if (dim.kind === 'categorical' || size <= EXHAUSTIVE_MAX) {
    const cur = bestK;
    for (let k = 0; k < size; k++) if (k !== cur) tryK(k);
  } else {
    for (let rep = 0; rep < 64; rep++) {
      const cur = bestK;
      for (let step = 1; step < size; step *= 2) {
        if (cur - step >= 0) tryK(cur - step);
        if (cur + step < size) tryK(cur + step);
      }
      if (bestK === cur) break;
    }
  }
  if (bestF > fx) {
    x[j] = toValue(bestK);
    return bestF;
  }
  return fx;
}
