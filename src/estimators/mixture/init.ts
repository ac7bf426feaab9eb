/**
 * Initial responsibilities of a Gaussian mixture, drawn as scikit-learn 1.2.1 draws them, so that seed s starts
 * where `GaussianMixture(random_state=s)` starts (`BaseMixture.fit_predict` makes ONE `RandomState(s)` and passes it
 * to `_initialize_parameters` once per run of n_init, in order):
 * - 'kmeans': one-hot on the labels of `KMeans(nComponents, n_init=1, random_state=<the stream>)` (our k-means:
 *   src/estimators/kmeans-core.ts, centred X, greedy k-means++ seeding + Lloyd, tol 1e-4, maxIter 300; the seeding
 *   draws randint(n) then uniform(size=2 + floor(ln k)) per further centre);
 * - 'k-means++': one-hot on the rows `kmeans_plusplus(X, nComponents, random_state=<the stream>)` picks (row j starts
 *   component j; the same draws on the uncentred X);
 * - 'random': `uniform(size=(n, k))` row-major, each row normalised to sum 1;
 * - 'random_from_data': `choice(n, k, replace=False)` = `permutation(n)[:k]`.
 * The stream is numpy's legacy RandomState (src/numpy-random-state.ts, bit for bit) seeded with the SEARCH's seed
 * (TaskHints.searchSeed, else the trial seed). As in scikit-learn with an integer random_state, every candidate (and
 * fold) starts from the same stream, so candidates that differ only in covarianceType, regCovar, tol or maxIter start
 * from the same k-means partition. That partition is computed once per fold and kept in the fold cache: the draws a
 * run takes depend only on (seed, rows, k, run), so a cached run still advances the stream by the same draws, without
 * the k-means.
 * The cached values are n int32 labels or k row indices per (nComponents, init, run), at most INIT_CACHE_BYTES per
 * fold in all (beyond that a start is computed and not kept).
 */
import { numpyRandomState, type NumpyRandomState } from '../../numpy-random-state';
import type { Kernels } from '../../worker/kernels';
import type { FoldSide, TrainContext } from '../types';
import { fitKmeans, localTrials, type KmeansDraws } from '../kmeans-core';

export type InitParams = 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
export const INIT_PARAMS: readonly InitParams[] = ['kmeans', 'k-means++', 'random', 'random_from_data'];

/** Bound on the starts one fold keeps (e.g. 50000 rows x 14 values of nComponents x nInit 10 = 28 MB of labels). */
const INIT_CACHE_BYTES = 32 * 2 ** 20;
const BYTES_KEY = 'gmm:init:bytes';

/** How one run starts: labels (row i in component labels[i]), rows (row rows[j] alone in component j), or a full
 *  responsibility matrix n x k. */
export type InitResp = { labels: Int32Array } | { rows: Int32Array } | { resp: Float64Array };

/** The draws of one k-means++ seeding, taken from the stream in scikit-learn's order. */
interface PlusPlusDraws {
  first: number;
  /** (k - 1) x nTrials uniforms in [0, 1), centre by centre. */
  uniforms: Float64Array;
}

function drawPlusPlus(rs: NumpyRandomState, n: number, k: number): PlusPlusDraws {
  const first = rs.randint(n);
  const uniforms = new Float64Array((k - 1) * localTrials(k));
  for (let i = 0; i < uniforms.length; i++) uniforms[i] = rs.randomSample();
  return { first, uniforms };
}

/** Replays drawn values as the `int` / `next` calls fitKmeans makes (one int, then the uniforms in order). */
function replay(d: PlusPlusDraws): KmeansDraws {
  let i = 0;
  return {
    int: () => d.first,
    next: () => d.uniforms[i++],
  };
}

/** Greedy k-means++ row choice on the side's rows (scikit-learn's `kmeans_plusplus`, default local trials). */
function plusPlusRows(kernels: Kernels, side: FoldSide, k: number, d: PlusPlusDraws): Int32Array {
  const { wasm, arena } = kernels;
  const { rows: n, cols } = side;
  const nTrials = localTrials(k);
  const mark = arena.mark();
  try {
    const uniformsPtr = arena.allocF64(d.uniforms.length > 0 ? d.uniforms : new Float64Array(1));
    const centres = arena.alloc(k * cols * 8);
    const indices = arena.alloc(k * 4);
    const work = arena.alloc(wasm.kmeansPlusPlusWorkBytes(n, nTrials));
    wasm.kmeansPlusPlus(side.ptr, n, cols, k, d.first, uniformsPtr, nTrials, centres, indices, work);
    return arena.i32(indices, k).slice();
  } finally {
    arena.release(mark);
  }
}

function randomResp(rs: NumpyRandomState, n: number, k: number): Float64Array {
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n * k; i++) resp[i] = rs.randomSample();
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += resp[i * k + c];
    for (let c = 0; c < k; c++) resp[i * k + c] /= s;
  }
  return resp;
}

/** The nInit starts of a fit on `train` (computed before the fit allocates: the k-means runs use the arena). */
export function initialResponsibilities(
  ctx: TrainContext, train: FoldSide, k: number, init: InitParams, nInit: number,
): InitResp[] {
  const base = (ctx.hints.searchSeed ?? ctx.seed) >>> 0;
  const rs = numpyRandomState(base);
  const n = train.rows;
  const out: InitResp[] = [];
  for (let r = 0; r < nInit; r++) {
    if (init === 'random') {
      out.push({ resp: randomResp(rs, n, k) });
      continue;
    }
    // The run's draws come first, cached or not: they advance the stream exactly as scikit-learn's run does.
    const plusPlus = init === 'random_from_data' ? undefined : drawPlusPlus(rs, n, k);
    const fromData = init === 'random_from_data' ? rs.choiceWithoutReplacement(n, k) : undefined;
    const key = `gmm:init:${init}:${k}:${base}:${r}`;
    let start = ctx.foldCache.get(key) as InitResp | undefined;
    if (!start) {
      if (init === 'kmeans') {
        const settings = { nClusters: k, init: 'k-means++' as const, nInit: 1, maxIter: 300, tol: 1e-4 };
        start = { labels: fitKmeans(ctx.kernels, train, settings, base, replay(plusPlus!)).labels };
      } else if (init === 'k-means++') {
        start = { rows: plusPlusRows(ctx.kernels, train, k, plusPlus!) };
      } else {
        start = { rows: fromData! };
      }
      const bytes = 'labels' in start ? start.labels.byteLength : 'rows' in start ? start.rows.byteLength : 0;
      const used = (ctx.foldCache.get(BYTES_KEY) as number | undefined) ?? 0;
      if (used + bytes <= INIT_CACHE_BYTES) {
        ctx.foldCache.set(key, start);
        ctx.foldCache.set(BYTES_KEY, used + bytes);
      }
    }
    out.push(start);
  }
  return out;
}

/** Writes a start into a responsibilities view (n x k), zeroing it first. */
export function fillResp(resp: Float64Array, n: number, k: number, start: InitResp): void {
  if ('resp' in start) {
    resp.set(start.resp);
    return;
  }
  resp.fill(0);
  if ('labels' in start) for (let i = 0; i < n; i++) resp[i * k + start.labels[i]] = 1;
  else start.rows.forEach((row, j) => (resp[row * k + j] = 1));
}
