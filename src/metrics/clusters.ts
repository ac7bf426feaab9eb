/**
 * Cluster bookkeeping shared by the internal clustering scores: cluster ids encoded as sklearn's LabelEncoder does
 * (code c = index of the id in the sorted distinct ids, so ids need not be 0..k-1), sizes, and means.
 */
import type { Matrix } from '../types';
import { encodeLabels, uniqueSorted } from './labels';

export interface Clusters {
  /** Number of distinct cluster ids. */
  k: number;
  /** Code (0..k-1) of each row. */
  codes: Int32Array;
  /** Rows per code. */
  sizes: Float64Array;
}

/** Requires finite ids (checked by the callers). */
export function encodeClusters(ids: Float64Array): Clusters {
  const uniques = uniqueSorted(ids);
  const codes = encodeLabels(ids, uniques);
  const sizes = new Float64Array(uniques.length);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]]++;
  return { k: uniques.length, codes, sizes };
}

/** k x X.cols row-major means of each cluster's rows (every cluster is non-empty by construction). */
export function clusterMeans(X: Matrix, c: Clusters): Float64Array {
  const d = X.cols;
  const means = new Float64Array(c.k * d);
  for (let i = 0; i < X.rows; i++) {
    const o = c.codes[i] * d;
    for (let j = 0; j < d; j++) means[o + j] += X.values[i * d + j];
  }
  for (let q = 0; q < c.k; q++) {
    for (let j = 0; j < d; j++) means[q * d + j] /= c.sizes[q];
  }
  return means;
}

/** Squared Euclidean distance between a[ai .. ai+d) and b[bi .. bi+d). */
export function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ai + j] - b[bi + j];
    s += t * t;
  }
  return s;
}

/** scikit-learn's `check_number_of_labels`: internal scores are defined for 2 <= k <= n - 1 clusters. */
export function validClusterCount(k: number, n: number): boolean {
  return k >= 2 && k <= n - 1;
}
