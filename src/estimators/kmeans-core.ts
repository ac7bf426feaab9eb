/**
 * The k-means engine on the wasm kernels (assembly/kmeans.ts), scikit-learn 1.2.1 `KMeans(algorithm='lloyd')`:
 * - X is centred on its column means before seeding and Lloyd, and the means are added back to the centres (as
 *   KMeans.fit does for dense data: the ||c||^2 - 2 x.c assignment stays accurate far from the origin);
 * - `tol` is relative: Lloyd stops when the squared centre shift sum is <= tol * mean(var(X, axis=0));
 * - init 'k-means++' is the greedy variant with 2 + floor(ln k) local trials; 'random' takes k distinct rows;
 * - nInit runs, the best by inertia is kept; a later run replaces it only with strictly lower inertia and a
 *   different partition (`_is_same_clustering`);
 * - an empty cluster is relocated to the row farthest from its current centre (see relocateEmpty in the kernel).
 * Every random draw comes from `createRng(deriveSeed(seed, KMEANS_STREAM))`, run after run in order.
 * Memory: all arena blocks of a fit are allocated once, before any view is taken, and released by the caller.
 */
import type { Kernels } from '../worker/kernels';
import type { FoldSide } from './types';
import type { Params } from '../types';
import { createRng, deriveSeed, type Rng } from '../rng';

/** Stream id mixed into the trial seed so k-means draws are independent of other uses of the same seed. */
const KMEANS_STREAM = 0x6b6d;

export type KmeansInit = 'k-means++' | 'random';

export interface KmeansSettings {
  nClusters: number;
  init: KmeansInit;
  nInit: number;
  maxIter: number;
  /** Relative to the mean feature variance (scikit-learn's `tol`). */
  tol: number;
}

export function kmeansSettings(params: Params): KmeansSettings {
  return {
    nClusters: Number(params.nClusters ?? 8),
    init: (params.init ?? 'k-means++') as KmeansInit,
    nInit: Number(params.nInit ?? 10),
    maxIter: Number(params.maxIter ?? 300),
    tol: Number(params.tol ?? 1e-4),
  };
}

/** The draws a k-means++ start takes: `int(n)` for the first centre, `next()` (uniform [0, 1)) per local trial. */
export type KmeansDraws = Pick<Rng, 'int' | 'next'>;

/** scikit-learn's `n_local_trials` default for greedy k-means++. */
export function localTrials(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** The outcome of one fit, centres in the caller's feature space. */
export interface KmeansFit {
  /** k x d row-major. */
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
}

/** Throws when the fold has fewer rows than clusters (scikit-learn raises the same ValueError). */
export function checkClusterCount(k: number, rows: number): void {
  if (k > rows) {
    throw new Error(
      `nClusters=${k} exceeds the ${rows} rows it must cluster; nClusters must be at most ${rows}. ` +
        'Lower the upper bound of nClusters.',
    );
  }
}

/** Arena blocks of one fit (addresses). */
interface FitBlocks {
  centred: number;
  mean: number;
  centres: number;
  labels: number;
  lloydWork: number;
  /** Mean over columns of the population variance of X. */
  meanVar: number;
}

/** Allocates the centred copy of X and Lloyd's buffers, and fills the centred copy and the means. */
function allocFit(kernels: Kernels, side: FoldSide, k: number): FitBlocks {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = side;
  const centred = arena.alloc(n * d * 8);
  const mean = arena.alloc(d * 8);
  const centres = arena.alloc(k * d * 8);
  const labels = arena.alloc(n * 4);
  const lloydWork = arena.alloc(wasm.kmeansLloydWorkBytes(n, d, k));
  const meanVar = wasm.kmeansCenter(side.ptr, n, d, mean, centred);
  return { centred, mean, centres, labels, lloydWork, meanVar };
}

/** Centres of `b` (centred space) + the means: the result in the caller's feature space. */
function uncentred(kernels: Kernels, b: FitBlocks, k: number, d: number): Float64Array {
  const out = kernels.arena.f64(b.centres, k * d).slice();
  const mean = kernels.arena.f64(b.mean, d);
  for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) out[j * d + f] += mean[f];
  return out;
}

/**
 * Lloyd from GIVEN initial centres (k x d, the caller's feature space), no seeding: scikit-learn's
 * `KMeans(init=centres, n_init=1)`. `tol` is relative, as in KMeans (0 = run until no label changes).
 * Used by the parity tests against scikit-learn and by `fitKmeans`.
 */
export function lloydFromCentres(
  kernels: Kernels,
  side: FoldSide,
  init: Float64Array,
  maxIter: number,
  tol: number,
): KmeansFit {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = side;
  const k = init.length / d;
  if (!Number.isInteger(k) || k < 1) throw new Error(`initial centres must be k x ${d} values, got ${init.length}`);
  checkClusterCount(k, n);
  const mark = arena.mark();
  try {
    const b = allocFit(kernels, side, k);
    const centres = arena.f64(b.centres, k * d);
    const mean = arena.f64(b.mean, d);
    for (let j = 0; j < k; j++) for (let f = 0; f < d; f++) centres[j * d + f] = init[j * d + f] - mean[f];
    const nIter = wasm.kmeansLloyd(b.centred, n, d, b.centres, k, maxIter, tol * b.meanVar, b.labels, b.lloydWork);
    const inertia = wasm.kmeansInertia(b.centred, n, d, b.centres, b.labels);
    return { centres: uncentred(kernels, b, k, d), labels: arena.i32(b.labels, n).slice(), inertia, nIter };
  } finally {
    arena.release(mark);
  }
}

/** scikit-learn's `_is_same_clustering`: the two labelings are the same partition up to a renaming of clusters. */
export function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const mapping = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (mapping[a[i]] === -1) mapping[a[i]] = b[i];
    else if (mapping[a[i]] !== b[i]) return false;
  }
  return true;
}

/** k distinct row indices, uniformly (the first k of a seeded permutation, as scikit-learn's 'random' init). */
export function randomRows(rng: Pick<Rng, 'int'>, n: number, k: number): Int32Array {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k);
}

/** A fit plus the rows each run started from, in run order (what the seed decided; the determinism tests read it). */
export interface KmeansFitRuns extends KmeansFit {
  runs: Int32Array[];
}

/**
 * nInit seeded runs of (init, Lloyd) on `side`; returns the best (see the module comment). Frees its own arena
 * blocks before returning; the result is JS-owned.
 * `draws`, when given, replaces the seed's stream: k-means++ then takes `int(n)` for the first centre and `next()`
 * for each local trial, in scikit-learn's order (`_kmeans_plusplus`: randint(n_samples), then uniform(size=trials)
 * per further centre), so a numpy RandomState adapter (src/numpy-random-state.ts) reproduces scikit-learn's
 * KMeans(random_state=<that RandomState>) start. Only 'k-means++' is supported with `draws` ('random' in
 * scikit-learn draws a permutation, not our partial shuffle).
 */
export function fitKmeans(kernels: Kernels, side: FoldSide, s: KmeansSettings, seed: number, draws?: KmeansDraws): KmeansFitRuns {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = side;
  const k = s.nClusters;
  checkClusterCount(k, n);
  if (draws && s.init !== 'k-means++') throw new Error(`fitKmeans: explicit draws need init 'k-means++', got '${s.init}'`);
  const rng = draws ?? createRng(deriveSeed(seed, KMEANS_STREAM));
  const nTrials = localTrials(k);
  const mark = arena.mark();
  try {
    const b = allocFit(kernels, side, k);
    const bestLabelsPtr = arena.alloc(n * 4);
    const bestCentresPtr = arena.alloc(k * d * 8);
    const uniformsPtr = arena.alloc(Math.max(1, (k - 1) * nTrials) * 8);
    const indicesPtr = arena.alloc(k * 4);
    const ppWork = s.init === 'k-means++' ? arena.alloc(wasm.kmeansPlusPlusWorkBytes(n, nTrials)) : 0;
    // No allocation below this line: the views stay attached.
    const centres = arena.f64(b.centres, k * d);
    const centred = arena.f64(b.centred, n * d);
    const labels = arena.i32(b.labels, n);
    const bestLabels = arena.i32(bestLabelsPtr, n);
    const bestCentres = arena.f64(bestCentresPtr, k * d);
    const uniforms = arena.f64(uniformsPtr, Math.max(1, (k - 1) * nTrials));
    const indices = arena.i32(indicesPtr, k);
    const tolAbs = s.tol * b.meanVar;

    let bestInertia = Infinity;
    let bestIter = 0;
    let have = false;
    const runs: Int32Array[] = [];
    for (let run = 0; run < s.nInit; run++) {
      if (s.init === 'k-means++') {
        const first = rng.int(n);
        for (let i = 0; i < (k - 1) * nTrials; i++) uniforms[i] = rng.next();
        wasm.kmeansPlusPlus(b.centred, n, d, k, first, uniformsPtr, nTrials, b.centres, indicesPtr, ppWork);
        runs.push(indices.slice());
      } else {
        const rowsChosen = randomRows(rng, n, k);
        for (let j = 0; j < k; j++) centres.set(centred.subarray(rowsChosen[j] * d, rowsChosen[j] * d + d), j * d);
        runs.push(rowsChosen);
      }
      const nIter = wasm.kmeansLloyd(b.centred, n, d, b.centres, k, s.maxIter, tolAbs, b.labels, b.lloydWork);
      const inertia = wasm.kmeansInertia(b.centred, n, d, b.centres, b.labels);
      if (!have || (inertia < bestInertia && !sameClustering(labels, bestLabels, k))) {
        have = true;
        bestInertia = inertia;
        bestIter = nIter;
        bestLabels.set(labels);
        bestCentres.set(centres);
      }
    }
    centres.set(bestCentres);
    return {
      centres: uncentred(kernels, b, k, d),
      labels: bestLabels.slice(),
      inertia: bestInertia,
      nIter: bestIter,
      runs,
    };
  } finally {
    arena.release(mark);
  }
}

/** Nearest centre of each row of a side in wasm memory (kernel form, scikit-learn's predict), and the inertia. */
export function assignSide(kernels: Kernels, side: FoldSide, centres: Float64Array, k: number): { labels: Int32Array; inertia: number } {
  const { wasm, arena } = kernels;
  const { rows: n, cols: d } = side;
  const mark = arena.mark();
  try {
    const centresPtr = arena.allocF64(centres);
    const labelsPtr = arena.alloc(n * 4);
    const work = arena.alloc(wasm.kmeansAssignWorkBytes(d, k));
    wasm.kmeansAssign(side.ptr, n, d, centresPtr, k, labelsPtr, work);
    const inertia = wasm.kmeansInertia(side.ptr, n, d, centresPtr, labelsPtr);
    return { labels: arena.i32(labelsPtr, n).slice(), inertia };
  } finally {
    arena.release(mark);
  }
}

/**
 * Main-thread nearest centre (pure TS, exact squared differences, first minimum on ties) and the inertia, for
 * `result.model.predict`.
 */
export function nearestCentres(
  X: Float64Array,
  rows: number,
  d: number,
  centres: Float64Array,
  k: number,
): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(rows);
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    let best = Infinity;
    let lab = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const diff = X[i * d + f] - centres[j * d + f];
        s += diff * diff;
      }
      if (s < best) {
        best = s;
        lab = j;
      }
    }
    labels[i] = lab;
    inertia += best;
  }
  return { labels, inertia };
}
