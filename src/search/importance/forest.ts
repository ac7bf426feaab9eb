/**
 * A small regression forest for fANOVA's surrogate, shaped like scikit-learn's RandomForestRegressor with
 * Optuna's settings: bootstrap (n draws with replacement, kept as integer weights), every feature considered at
 * every split (max_features = 1.0) in a seeded random order, squared error, min_samples_split 2,
 * min_samples_leaf 1, max_depth 64. As in scikit-learn's best splitter: thresholds are midpoints between
 * neighbouring values that differ by more than 1e-7, the best split maximises sum_l^2 / w_l + sum_r^2 / w_r (the
 * first one found wins a tie), a node with impurity <= machine epsilon is a leaf, and nodes are numbered in
 * pre-order (a child's index is always larger than its parent's, which fANOVA's bottom-up pass relies on).
 * Each feature's order is sorted once per tree and kept through the splits by stable partitions (O(d n) per
 * level, not a sort per node). The forest is not scikit-learn's numpy stream: only its statistics match.
 */
import type { Rng } from '../../rng';

/** One tree as flat arrays; feature[i] < 0 marks a leaf. */
export interface RegressionTree {
  nodeCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export interface ForestOptions {
  nTrees: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
}

const FEATURE_THRESHOLD = 1e-7;
const EPSILON = 2.220446049250313e-16;

/** Fits one tree on row-major X (n x d) with per-row weights (0 = not drawn). */
export function fitTree(
  X: Float64Array,
  d: number,
  y: Float64Array,
  weights: Float64Array,
  rng: Rng,
  o: Omit<ForestOptions, 'nTrees'>,
): RegressionTree {
  const n = y.length;
  const drawn: number[] = [];
  for (let i = 0; i < n; i++) if (weights[i] > 0) drawn.push(i);
  const m = drawn.length;
  // sorted[f]: the drawn rows ordered by feature f, sorted once per tree. A node owns the same range
  // [start, end) of every sorted[f]; a split partitions each range stably, so the order survives.
  const sorted: Int32Array[] = [];
  for (let f = 0; f < d; f++) {
    const a = Int32Array.from(drawn);
    const key = new Float64Array(n);
    for (const i of drawn) key[i] = X[i * d + f];
    a.sort((p, q) => key[p] - key[q] || p - q);
    sorted.push(a);
  }
  const goesLeft = new Uint8Array(n);
  const buffer = new Int32Array(m);
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const order = Array.from({ length: d }, (_, j) => j);

  // Explicit stack of [start, end, depth, parent, isLeft], processed so that node ids are in pre-order.
  const stack: [number, number, number, number, boolean][] = [[0, m, 0, -1, false]];
  while (stack.length > 0) {
    const [start, end, depth, parent, isLeft] = stack.pop()!;
    const id = feature.length;
    if (parent >= 0) (isLeft ? left : right)[parent] = id;
    const rows = sorted[0];
    let w = 0;
    let wy = 0;
    let wy2 = 0;
    for (let s = start; s < end; s++) {
      const i = rows[s];
      w += weights[i];
      wy += weights[i] * y[i];
      wy2 += weights[i] * y[i] * y[i];
    }
    const mean = wy / w;
    const impurity = wy2 / w - mean * mean;
    const count = end - start;
    feature.push(-1);
    threshold.push(-2);
    left.push(-1);
    right.push(-1);
    value.push(mean);
    if (depth >= o.maxDepth || count < o.minSamplesSplit || count < 2 * o.minSamplesLeaf || impurity <= EPSILON) continue;

    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestThreshold = 0;
    rng.shuffle(order);
    for (const f of order) {
      const idx = sorted[f];
      if (X[idx[end - 1] * d + f] <= X[idx[start] * d + f] + FEATURE_THRESHOLD) continue;
      let wl = 0;
      let sl = 0;
      for (let p = start + 1; p < end; p++) {
        const i = idx[p - 1];
        wl += weights[i];
        sl += weights[i] * y[i];
        const prev = X[i * d + f];
        const x = X[idx[p] * d + f];
        if (x <= prev + FEATURE_THRESHOLD) continue;
        if (p - start < o.minSamplesLeaf || end - p < o.minSamplesLeaf) continue;
        const wr = w - wl;
        const sr = wy - sl;
        const proxy = (sl * sl) / wl + (sr * sr) / wr;
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          let t = prev / 2 + x / 2;
          if (t === x || !Number.isFinite(t)) t = prev;
          bestThreshold = t;
        }
      }
    }
    if (bestFeature < 0) continue;
    let nLeft = 0;
    for (let s = start; s < end; s++) {
      const i = rows[s];
      goesLeft[i] = X[i * d + bestFeature] <= bestThreshold ? 1 : 0;
      nLeft += goesLeft[i];
    }
    for (let f = 0; f < d; f++) {
      const a = sorted[f];
      let l = start;
      let r = 0;
      for (let s = start; s < end; s++) {
        const i = a[s];
        if (goesLeft[i]) a[l++] = i;
        else buffer[r++] = i;
      }
      a.set(buffer.subarray(0, r), l);
    }
    feature[id] = bestFeature;
    threshold[id] = bestThreshold;
    const mid = start + nLeft;
    stack.push([mid, end, depth + 1, id, false]);
    stack.push([start, mid, depth + 1, id, true]);
  }
  return {
    nodeCount: feature.length,
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** nTrees bootstrapped trees; each tree's bootstrap and feature orders come from one child seed of `rng`. */
export function fitForest(X: Float64Array, d: number, y: Float64Array, rng: Rng, o: ForestOptions, createRng: (seed: number) => Rng): RegressionTree[] {
  const n = y.length;
  const trees: RegressionTree[] = [];
  for (let t = 0; t < o.nTrees; t++) {
    const treeRng = createRng(rng.nextSeed());
    const weights = new Float64Array(n);
    for (let k = 0; k < n; k++) weights[treeRng.int(n)] += 1;
    trees.push(fitTree(X, d, y, weights, treeRng, o));
  }
  return trees;
}
