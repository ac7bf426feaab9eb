/**
 * Internal clustering scores: judge cluster ids (yPred) against the features X alone, Euclidean geometry
 * (scikit-learn 1.2.1 `silhouette_score`, `calinski_harabasz_score`, `davies_bouldin_score`; KMeans inertia).
 * Contract: X has one row per yPred entry; cluster ids are finite numbers, any values (encoded in sorted order).
 * silhouette / calinskiHarabasz / daviesBouldin need 2 <= clusters <= rows - 1 and return NaN otherwise (sklearn
 * raises); empty input gives NaN everywhere.
 */
import { TuneError } from '../errors';
import { createRng, deriveSeed } from '../rng';
import type { Matrix } from '../types';
import { clusterMeans, encodeClusters, squaredDistance, validClusterCount } from './clusters';

/**
 * Largest row count scored exactly by `silhouette` (O(rows^2 * cols) time; about 0.2 s for 4000 x 16 in Node, see
 * SILHOUETTE_PAIR_SCRATCH_MAX_CELLS for memory). Above it the score
 * is computed on a seeded uniform sample of this many rows without replacement, used both as the points scored
 * and as the points they are compared with — sklearn's `silhouette_score(sample_size=...)` semantics.
 */
export const SILHOUETTE_EXACT_MAX_ROWS = 4000;

/** Stream id mixed into the caller's seed so the sample is independent of other draws from the same seed. */
const SILHOUETTE_STREAM = 0x5117;

/** Rows kept for silhouette: all of them, or a sorted seeded sample of SILHOUETTE_EXACT_MAX_ROWS. */
function silhouetteRows(n: number, seed: number): Uint32Array {
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= SILHOUETTE_EXACT_MAX_ROWS) return all;
  const rng = createRng(deriveSeed(seed, SILHOUETTE_STREAM));
  const m = SILHOUETTE_EXACT_MAX_ROWS;
  // Partial Fisher-Yates: the first m slots become a uniform sample without replacement.
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, m).sort();
}

/**
 * Largest rows x clusters scratch (float64 cells, 16 MiB) for which `exactSilhouette` visits each pair of rows once
 * and adds the distance to both rows' per-cluster sums; above it each row recomputes its own distances (twice the
 * work, O(clusters) memory). Up to SILHOUETTE_EXACT_MAX_ROWS rows this allows 512 clusters.
 */
export const SILHOUETTE_PAIR_SCRATCH_MAX_CELLS = 1 << 21;

/** s = (b - a) / max(a, b) for one row from its per-cluster distance sums (sums[o .. o + k)); NaN for NaN input. */
function rowSilhouette(sums: Float64Array, o: number, own: number, sizes: Float64Array, k: number): number {
  if (sizes[own] === 1) return 0; // alone in its cluster: sklearn's nan_to_num turns 0/0 into 0
  const intra = sums[o + own] / (sizes[own] - 1);
  let inter = Infinity;
  for (let q = 0; q < k; q++) {
    if (q !== own) inter = Math.min(inter, sums[o + q] / sizes[q]);
  }
  const denom = Math.max(intra, inter);
  if (Number.isNaN(denom)) return NaN; // a NaN feature: no silent 0
  return denom > 0 ? (inter - intra) / denom : 0;
}

/**
 * Exact mean silhouette of the m = ids.length rows of `pts` (contiguous m x d). NaN unless 2 <= clusters <= m - 1.
 * `maxCells` chooses between the pairwise-symmetric loop (m * k <= maxCells) and the per-row loop; both give the
 * same value up to summation order.
 */
export function exactSilhouette(
  pts: Float64Array,
  ids: Float64Array,
  d: number,
  maxCells = SILHOUETTE_PAIR_SCRATCH_MAX_CELLS,
): number {
  const m = ids.length;
  const { k, codes, sizes } = encodeClusters(ids);
  if (!validClusterCount(k, m)) return NaN;
  let total = 0;
  if (m * k <= maxCells) {
    const sums = new Float64Array(m * k);
    for (let a = 0; a < m; a++) {
      const ca = codes[a];
      const ao = a * d;
      for (let b = a + 1; b < m; b++) {
        const dist = Math.sqrt(squaredDistance(pts, ao, pts, b * d, d));
        sums[a * k + codes[b]] += dist;
        sums[b * k + ca] += dist;
      }
    }
    for (let a = 0; a < m; a++) total += rowSilhouette(sums, a * k, codes[a], sizes, k);
  } else {
    const sums = new Float64Array(k);
    for (let a = 0; a < m; a++) {
      sums.fill(0);
      const ao = a * d;
      for (let b = 0; b < m; b++) {
        if (b !== a) sums[codes[b]] += Math.sqrt(squaredDistance(pts, ao, pts, b * d, d));
      }
      total += rowSilhouette(sums, 0, codes[a], sizes, k);
    }
  }
  return total / m;
}

/**
 * Mean silhouette coefficient s = (b - a) / max(a, b) over the rows, a = mean distance to the other rows of the
 * same cluster, b = smallest mean distance to the rows of another cluster. A row alone in its cluster, or with
 * a = b = 0, scores 0 (sklearn's nan_to_num). In [-1, 1], greater is better. Sampled above
 * SILHOUETTE_EXACT_MAX_ROWS rows (see there), with `seed` (default 0) choosing the sample.
 */
export function silhouette(X: Matrix, ids: Float64Array, seed = 0): number {
  if (X.rows === 0) return NaN;
  const rows = silhouetteRows(X.rows, seed);
  const m = rows.length;
  const d = X.cols;
  // Contiguous copy of the kept rows and their ids: the O(m^2) loop then walks memory in order.
  const pts = new Float64Array(m * d);
  const keptIds = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    pts.set(X.values.subarray(rows[r] * d, rows[r] * d + d), r * d);
    keptIds[r] = ids[rows[r]];
  }
  return exactSilhouette(pts, keptIds, d);
}

/**
 * Calinski-Harabasz index: [between-cluster dispersion / (k - 1)] / [within-cluster dispersion / (n - k)], with
 * dispersions as sums of squared distances to the overall / cluster means. 1 when the within dispersion is 0
 * (sklearn's value). Greater is better.
 */
export function calinskiHarabasz(X: Matrix, ids: Float64Array): number {
  const n = X.rows;
  const d = X.cols;
  if (n === 0) return NaN;
  const c = encodeClusters(ids);
  if (!validClusterCount(c.k, n)) return NaN;
  const means = clusterMeans(X, c);
  const overall = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) overall[j] += X.values[i * d + j];
  for (let j = 0; j < d; j++) overall[j] /= n;
  let extra = 0;
  for (let q = 0; q < c.k; q++) extra += c.sizes[q] * squaredDistance(means, q * d, overall, 0, d);
  let intra = 0;
  for (let i = 0; i < n; i++) intra += squaredDistance(X.values, i * d, means, c.codes[i] * d, d);
  if (intra === 0) return 1;
  return (extra * (n - c.k)) / (intra * (c.k - 1));
}

/** numpy's `allclose(v, 0)` with default tolerances: every |v| <= 1e-8. */
function allNearZero(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!(Math.abs(v[i]) <= 1e-8)) return false;
  return true;
}

/**
 * Davies-Bouldin index: mean over clusters i of max over j != i of (s_i + s_j) / dist(centroid_i, centroid_j),
 * s = mean distance of a cluster's rows to its centroid (the mean). As sklearn: 0 when all s or all centroid
 * distances are ~0 (numpy allclose), and a pair with coinciding centroids is skipped. Lower is better.
 */
export function daviesBouldin(X: Matrix, ids: Float64Array): number {
  const n = X.rows;
  const d = X.cols;
  if (n === 0) return NaN;
  const c = encodeClusters(ids);
  if (!validClusterCount(c.k, n)) return NaN;
  const k = c.k;
  const means = clusterMeans(X, c);
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    spread[c.codes[i]] += Math.sqrt(squaredDistance(X.values, i * d, means, c.codes[i] * d, d));
  }
  for (let q = 0; q < k; q++) spread[q] /= c.sizes[q];
  const between = new Float64Array(k * k);
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) between[p * k + q] = Math.sqrt(squaredDistance(means, p * d, means, q * d, d));
  }
  if (allNearZero(spread) || allNearZero(between)) return 0;
  let total = 0;
  for (let p = 0; p < k; p++) {
    let worst = 0;
    for (let q = 0; q < k; q++) {
      const dist = between[p * k + q];
      // sklearn sets zero centroid distances (the diagonal, coinciding centroids) to +inf: ratio 0.
      if (q !== p && dist !== 0) worst = Math.max(worst, (spread[p] + spread[q]) / dist);
    }
    total += worst;
  }
  return total / k;
}

/**
 * Inertia: sum over rows of the squared distance to the row's cluster centre. With `centroids`, row c of it is the
 * centre of cluster id c (ids must then be integers in [0, centroids.rows), else TuneError METRIC_BAD_LABEL);
 * without, the centre is the mean of the cluster's rows. Defined for any number of clusters. Lower is better.
 */
export function inertia(X: Matrix, ids: Float64Array, centroids?: Matrix): number {
  const n = X.rows;
  const d = X.cols;
  if (n === 0) return NaN;
  let total = 0;
  if (centroids === undefined) {
    const c = encodeClusters(ids);
    const means = clusterMeans(X, c);
    for (let i = 0; i < n; i++) total += squaredDistance(X.values, i * d, means, c.codes[i] * d, d);
    return total;
  }
  if (centroids.cols !== d || centroids.values.length !== centroids.rows * d) {
    throw new TuneError(
      'METRIC_LENGTH_MISMATCH',
      `Metric 'inertia' needs centroids with X's ${d} columns, got ${centroids.rows} x ${centroids.cols} ` +
        `(${centroids.values.length} values).`,
      { metric: 'inertia', cols: d, centroidCols: centroids.cols },
    );
  }
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= centroids.rows) {
      throw new TuneError(
        'METRIC_BAD_LABEL',
        `Metric 'inertia' with centroids needs cluster ids in 0..${centroids.rows - 1}, got ${id} at row ${i}.`,
        { metric: 'inertia', index: i, value: id },
      );
    }
    total += squaredDistance(X.values, i * d, centroids.values, id * d, d);
  }
  return total;
}
