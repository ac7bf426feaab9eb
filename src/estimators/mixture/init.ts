/**
 * Initial responsibilities of a Gaussian mixture (scikit-learn 1.2.1 `BaseMixture._initialize_parameters`):
 * - 'kmeans': one-hot on the labels of KMeans(nComponents, n_init=1) (our k-means: k-means++ seeding + Lloyd,
 *   src/estimators/kmeans-core.ts, tol 1e-4, maxIter 300, as KMeans' defaults);
 * - 'k-means++': one-hot on the rows greedy k-means++ picks (row j starts component j);
 * - 'random': uniform draws per (row, component), each row normalised to sum 1;
 * - 'random_from_data': nComponents distinct rows, uniformly.
 * Seeds: run r of nInit draws from deriveSeed(base, GMM_INIT_STREAM, r), where base is the SEARCH's seed
 * (TaskHints.searchSeed) when given: like scikit-learn with an integer random_state, every candidate (and fold)
 * starts from the same stream, so candidates that differ only in covarianceType, regCovar, tol or maxIter start
 * from the same k-means partition, which is computed once per fold and kept in the fold cache.
 * The cached values are n int32 labels or k row indices per (nComponents, init, run), at most INIT_CACHE_BYTES per
 * fold in all (beyond that a start is computed and not kept).
 */
import { createRng, deriveSeed } from '../../rng';
import type { Kernels } from '../../worker/kernels';
import type { FoldSide, TrainContext } from '../types';
import { fitKmeans, localTrials, randomRows } from '../kmeans-core';

export type InitParams = 'kmeans' | 'k-means++' | 'random' | 'random_from_data';
export const INIT_PARAMS: readonly InitParams[] = ['kmeans', 'k-means++', 'random', 'random_from_data'];

const GMM_INIT_STREAM = 0x676d6d;
/** Bound on the starts one fold keeps (e.g. 50000 rows x 14 values of nComponents x nInit 10 = 28 MB of labels). */
const INIT_CACHE_BYTES = 32 * 2 ** 20;
const BYTES_KEY = 'gmm:init:bytes';

/** How one run starts: labels (row i in component labels[i]), rows (row rows[j] alone in component j), or a full
 *  responsibility matrix n x k. */
export type InitResp = { labels: Int32Array } | { rows: Int32Array } | { resp: Float64Array };

/** Greedy k-means++ row choice on the side's rows (scikit-learn's `kmeans_plusplus`, default local trials). */
function plusPlusRows(kernels: Kernels, side: FoldSide, k: number, seed: number): Int32Array {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = side;
  const rng = createRng(seed);
  const nTrials = localTrials(k);
  const mark = arena.mark();
  try {
    const uniformsPtr = arena.alloc(Math.max(1, (k - 1) * nTrials) * 8);
    const centres = arena.alloc(k * d * 8);
    const indices = arena.alloc(k * 4);
    const work = arena.alloc(wasm.kmeansPlusPlusWorkBytes(n, nTrials));
    const first = rng.int(n);
    const uniforms = arena.f64(uniformsPtr, Math.max(1, (k - 1) * nTrials));
    for (let i = 0; i < (k - 1) * nTrials; i++) uniforms[i] = rng.next();
    wasm.kmeansPlusPlus(side.ptr, n, d, k, first, uniformsPtr, nTrials, centres, indices, work);
    return arena.i32(indices, k).slice();
  } finally {
    arena.release(mark);
  }
}

/** k distinct rows of n, uniformly (partial Fisher-Yates). */
function distinctRows(seed: number, n: number, k: number): Int32Array {
  return randomRows(createRng(seed), n, k);
}

function randomResp(seed: number, n: number, k: number): Float64Array {
  const rng = createRng(seed);
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n * k; i++) resp[i] = rng.next();
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
  const base = ctx.hints.searchSeed ?? ctx.seed;
  const out: InitResp[] = [];
  for (let r = 0; r < nInit; r++) {
    const seed = deriveSeed(base, GMM_INIT_STREAM, r);
    if (init === 'random') {
      out.push({ resp: randomResp(seed, train.rows, k) });
      continue;
    }
    const key = `gmm:init:${init}:${k}:${seed}`;
    let start = ctx.foldCache.get(key) as InitResp | undefined;
    if (!start) {
      if (init === 'kmeans') {
        const fit = fitKmeans(ctx.kernels, train, { nClusters: k, init: 'k-means++', nInit: 1, maxIter: 300, tol: 1e-4 }, seed);
        start = { labels: fit.labels };
      } else if (init === 'k-means++') {
        start = { rows: plusPlusRows(ctx.kernels, train, k, seed) };
      } else {
        start = { rows: distinctRows(seed, train.rows, k) };
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
