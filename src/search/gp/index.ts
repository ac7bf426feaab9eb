/**
 * Gaussian-process sampler core (`strategy: 'gp'`): pure functions of (dimensions, history, rng state).
 *
 * Model: Matern 5/2 with one inverse squared length scale per dimension, a kernel scale and a noise variance,
 * categorical dimensions through a 0/1 Hamming distance in the same kernel (kernel.ts); outputs standardised
 * (mean 0, std 1); parameters are the MAP estimate under the priors of prior.ts, found by box-constrained L-BFGS over
 * their logs (fit.ts, lbfgs.ts). Acquisition: log expected improvement (log-ei.ts), maximised from scrambled Halton
 * candidates plus local search (acquisition.ts).
 *
 * Encoding (the caller's glue does the space <-> [0, 1] mapping): continuous dimensions in [0, 1] (log-scaled
 * dimensions already in log space), discrete dimensions on the grid k / (size - 1) (size 1: the value 0),
 * categorical dimensions as the index 0..size-1. y holds values to MINIMISE.
 *
 * Pending rows (asked, not told) are handled by the Kriging believer: they join the data with the posterior mean as
 * their value after the kernel fit, which removes the variance there so the next proposal goes elsewhere; the
 * incumbent (best observed value) is unchanged.
 *
 * Cost per proposal with n = min(trials, maxTrials) rows, d dimensions, C candidates, S local searches:
 *   fit: O(n^3) per likelihood evaluation x (tens of evaluations, at most ~200 iterations);
 *   acquisition: O(C (n d + n^2)) for the candidates + O(evaluations (n d + n^2)) for the local searches.
 * History past maxTrials (default 200) is reduced by the deterministic rule of history.ts.
 *
 * Determinism: no Math.random, no clock; the rng is consumed in a fixed order (Halton scrambling, then the roulette
 * of the starts), so the same inputs and rng state give the same point bit for bit.
 */
import { TuneError } from '../../errors';
import type { Rng } from '../../rng';
import { LogEiAcquisition, encodeUniform, optimizeAcquisition, snapDiscrete, type SearchDimension } from './acquisition';
import { buildModel, type FitOptions, type GpModel } from './fit';
import { DEFAULT_MAX_TRIALS, selectHistory } from './history';
import type { KernelParams } from './likelihood';
import { scrambledHalton } from './qmc';

export type { GpModel, KernelParams };
export { selectHistory } from './history';

export interface GpDimension {
  kind: 'continuous' | 'discrete' | 'categorical';
  /** discrete: number of grid points in [0,1] (values k/(size-1)); categorical: number of choices */
  size?: number;
}

export interface GpOptions {
  /** Quasi-random candidates scored before the local searches (default 2048). */
  candidates?: number;
  /** Local searches from the best candidates (default 10). */
  localSearches?: number;
  /** Cap on the history used for the fit (default 200; rule in history.ts). */
  maxTrials?: number;
  /** Kernel parameters of the previous proposal (warm start of the fit; `proposeGpDetailed` returns them). */
  initialParams?: KernelParams;
  /** The objective has no noise: the noise variance is fixed at its minimum (1e-6). */
  deterministic?: boolean;
}

export interface GpProposal {
  x: Float64Array;
  /** log EI at x (standardised units). */
  logEi: number;
  /** The model fitted on the (capped) history, or null when there was no history. */
  model: GpModel | null;
  /** Indices of the history rows the model used. */
  used: Int32Array;
}

function invalid(message: string): TuneError {
  return new TuneError('INVALID_GP_INPUT', `GP sampler: ${message}`);
}

function checkDims(dims: GpDimension[]): SearchDimension[] {
  if (dims.length === 0) throw invalid('the space has no dimensions.');
  return dims.map((dim, j) => {
    if (dim.kind === 'continuous') return { kind: 'continuous', size: 0 };
    if (dim.kind !== 'discrete' && dim.kind !== 'categorical') throw invalid(`dimension ${j} has unknown kind '${String(dim.kind)}'.`);
    const size = dim.size;
    if (size === undefined || !Number.isInteger(size) || size < 1) throw invalid(`dimension ${j} (${dim.kind}) needs an integer size >= 1, got ${String(size)}.`);
    return { kind: dim.kind, size };
  });
}

function checkRows(dims: SearchDimension[], x: Float64Array, what: string): void {
  const d = dims.length;
  if (x.length % d !== 0) throw invalid(`${what} has ${x.length} numbers, not a multiple of the ${d} dimensions.`);
  for (let i = 0; i < x.length; i++) {
    const dim = dims[i % d];
    const v = x[i];
    const ok = dim.kind === 'categorical' ? Number.isInteger(v) && v >= 0 && v < dim.size : v >= 0 && v <= 1;
    if (!ok) throw invalid(`${what} row ${Math.floor(i / d)}, dimension ${i % d}: ${v} is outside its encoding (${dim.kind === 'categorical' ? `an index 0..${dim.size - 1}` : '[0, 1]'}).`);
  }
}

function categoricalMask(dims: SearchDimension[]): Uint8Array {
  return Uint8Array.from(dims, (dim) => (dim.kind === 'categorical' ? 1 : 0));
}

function rowsOf(x: Float64Array, d: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(x.subarray(idx[r] * d, (idx[r] + 1) * d), r * d);
  return out;
}

/** Fits the GP (standardised y, MAP kernel parameters) on the capped history. Requires at least one row. */
export function fitGp(dims: GpDimension[], x: Float64Array, y: Float64Array, options: GpOptions = {}): GpModel {
  const sd = checkDims(dims);
  checkRows(sd, x, 'x');
  if (x.length !== y.length * sd.length) throw invalid(`x has ${x.length / sd.length} rows but y has ${y.length} values.`);
  if (y.length === 0) throw invalid('fitGp needs at least one observation.');
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw invalid(`y[${i}] = ${y[i]} is not finite.`);
  const used = selectHistory(y, options.maxTrials ?? DEFAULT_MAX_TRIALS);
  const fitOptions: FitOptions = { initial: options.initialParams, deterministic: options.deterministic };
  return buildModel(rowsOf(x, sd.length, used), Float64Array.from(used, (i) => y[i]), categoricalMask(sd), fitOptions);
}

/** proposeGp with the fitted model and the acquisition value (the caller may keep model.params for a warm start). */
export function proposeGpDetailed(dims: GpDimension[], x: Float64Array, y: Float64Array, rng: Rng, options: GpOptions = {}, pending?: Float64Array): GpProposal {
  const sd = checkDims(dims);
  const d = sd.length;
  checkRows(sd, x, 'x');
  if (pending) checkRows(sd, pending, 'pending');
  if (x.length !== y.length * d) throw invalid(`x has ${x.length / d} rows but y has ${y.length} values.`);
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw invalid(`y[${i}] = ${y[i]} is not finite.`);
  const candidates = options.candidates ?? 2048;
  const localSearches = options.localSearches ?? 10;
  if (!Number.isInteger(candidates) || candidates < 1) throw invalid(`candidates must be an integer >= 1, got ${candidates}.`);
  if (!Number.isInteger(localSearches) || localSearches < 1) throw invalid(`localSearches must be an integer >= 1, got ${localSearches}.`);
  const cap = options.maxTrials ?? DEFAULT_MAX_TRIALS;
  if (!Number.isInteger(cap) || cap < 1) throw invalid(`maxTrials must be an integer >= 1, got ${cap}.`);

  if (y.length === 0) {
    // Nothing to model: the first scrambled Halton point.
    const u = scrambledHalton(d, rng).point(0, new Float64Array(d));
    return { x: Float64Array.from(u, (v, j) => encodeUniform(sd[j], v)), logEi: NaN, model: null, used: new Int32Array(0) };
  }
  const used = selectHistory(y, cap);
  const xs = rowsOf(x, d, used);
  const ys = Float64Array.from(used, (i) => y[i]);
  const model = buildModel(xs, ys, categoricalMask(sd), { initial: options.initialParams, deterministic: options.deterministic });
  let bestRow = 0;
  for (let r = 1; r < ys.length; r++) if (ys[r] < ys[bestRow]) bestRow = r;
  const best = model.posterior.y[bestRow];
  const post = pending && pending.length > 0 ? model.posterior.withPending(pending) : model.posterior;
  const acq = new LogEiAcquisition(post, best);
  const res = optimizeAcquisition(acq, sd, model.lengthScales, xs.subarray(bestRow * d, (bestRow + 1) * d), rng, { candidates, localSearches });
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const v = res.x[j];
    out[j] = sd[j].kind === 'continuous' ? Math.min(1, Math.max(0, v)) : sd[j].kind === 'discrete' ? snapDiscrete(v, sd[j].size) : v;
  }
  return { x: out, logEi: res.value, model, used };
}

/**
 * The next point to evaluate, in the same encoding as x (discrete snapped to its grid, categorical an index).
 * Deterministic for the rng state. With no history it returns a quasi-random point.
 */
export function proposeGp(dims: GpDimension[], x: Float64Array, y: Float64Array, rng: Rng, options?: GpOptions, pending?: Float64Array): Float64Array {
  return proposeGpDetailed(dims, x, y, rng, options, pending).x;
}
