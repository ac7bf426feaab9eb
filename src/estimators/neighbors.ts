/**
 * Pure-TS neighbour logic shared by the worker (voting over a kernel-built neighbour table) and the main thread
 * (brute-force prediction for `result.model`). Both follow scikit-learn's brute KNeighbors semantics:
 * - neighbours in ascending distance, ties by lower training index (the kernel's rule);
 * - weights 'distance' = 1/d, and a query with any zero-distance neighbour uses only those (weight 1 each);
 * - vote ties go to the smallest label.
 */

/** A neighbour table: for each query q, k training indices and their distances in ascending order. */
export interface NeighborTable {
  k: number;
  idx: Int32Array;
  /** True distances (not squared). */
  dist: Float64Array;
}

/** Converts a kernel "pow" distance (squared Euclidean for p=2, sum |d|^p otherwise) to the true distance. */
export function rootDistance(v: number, p: number): number {
  if (p === 1) return v;
  if (p === 2) return Math.sqrt(v);
  return Math.pow(v, 1 / p);
}

/** Fills `w[0..k)` with the vote weights of query q's first k neighbours. */
function neighborWeights(table: NeighborTable, q: number, k: number, weights: string, w: Float64Array): void {
  const base = q * table.k;
  if (weights !== 'distance') {
    w.fill(1, 0, k);
    return;
  }
  let anyZero = false;
  for (let r = 0; r < k; r++) if (table.dist[base + r] === 0) anyZero = true;
  for (let r = 0; r < k; r++) {
    const d = table.dist[base + r];
    w[r] = anyZero ? (d === 0 ? 1 : 0) : 1 / d;
  }
}

/** Output buffers of a vote: nQuery labels and nQuery x nClasses probabilities. */
export interface VoteBuffers {
  yPred: Float64Array;
  proba: Float64Array;
}

/**
 * Classifier vote. `yClass[i]` is training row i's index into `classes`. Returns labels and probabilities
 * (rows x nClasses, normalised weights, as scikit-learn's predict_proba). With `out` (at least nQuery and
 * nQuery x nClasses long) the vote overwrites those buffers and returns views of their first rows instead of
 * allocating: the worker votes hundreds of times per fold, and fresh ~30 KB arrays per vote cost page faults
 * (Chromium's ArrayBuffer allocator hands freed memory back to the OS) that two workers in one process contend on.
 */
export function voteClassifier(
  table: NeighborTable,
  nQuery: number,
  k: number,
  weights: string,
  yClass: Int32Array,
  classes: Float64Array,
  out?: VoteBuffers,
): VoteBuffers {
  const nC = classes.length;
  const yPred = out ? out.yPred.subarray(0, nQuery) : new Float64Array(nQuery);
  const proba = out ? out.proba.subarray(0, nQuery * nC) : new Float64Array(nQuery * nC);
  if (out) proba.fill(0);
  const w = new Float64Array(k);
  for (let q = 0; q < nQuery; q++) {
    neighborWeights(table, q, k, weights, w);
    const row = q * nC;
    let total = 0;
    for (let r = 0; r < k; r++) {
      proba[row + yClass[table.idx[q * table.k + r]]] += w[r];
      total += w[r];
    }
    let best = 0;
    for (let c = 1; c < nC; c++) if (proba[row + c] > proba[row + best]) best = c; // strict: ties keep smaller label
    yPred[q] = classes[best];
    for (let c = 0; c < nC; c++) proba[row + c] /= total;
  }
  return { yPred, proba };
}

/** Regressor: (weighted) mean of the neighbours' targets. */
export function voteRegressor(
  table: NeighborTable,
  nQuery: number,
  k: number,
  weights: string,
  y: Float64Array,
): Float64Array {
  const out = new Float64Array(nQuery);
  const w = new Float64Array(k);
  for (let q = 0; q < nQuery; q++) {
    neighborWeights(table, q, k, weights, w);
    let s = 0;
    let total = 0;
    for (let r = 0; r < k; r++) {
      s += w[r] * y[table.idx[q * table.k + r]];
      total += w[r];
    }
    out[q] = s / total;
  }
  return out;
}

/**
 * Weight of neighbour r of query q for the votes of every k at once. Neighbours come in ascending distance, so
 * "any zero distance among the first k" is "the first distance is zero" for every k >= 1: the rule of
 * neighborWeights, without looking ahead.
 */
function weightAt(table: NeighborTable, base: number, r: number, byDistance: boolean, anyZero: boolean): number {
  if (!byDistance) return 1;
  const d = table.dist[base + r];
  return anyZero ? (d === 0 ? 1 : 0) : 1 / d;
}

/** The every-k votes' preconditions: kMax within the table, `out` exactly kMax x nQuery. */
function checkEveryK(name: string, table: NeighborTable, nQuery: number, kMax: number, out: Float64Array): void {
  if (kMax > table.k) throw new Error(`${name}: kMax ${kMax} exceeds the table's ${table.k}`);
  if (out.length !== kMax * nQuery) throw new Error(`${name}: out has ${out.length} values, not ${kMax * nQuery}`);
}

/**
 * Predicted labels of every query for every nNeighbors k = 1..kMax (kMax <= table.k), in one pass over the table:
 * out[(k - 1) * nQuery + q]. A search over nNeighbors then votes once per fold instead of once per candidate.
 * Equal, bit for bit, to voteClassifier(table, nQuery, k, ...).yPred for each k: each class's weight accumulates in
 * the same neighbour order, and the leader is kept incrementally under the same rule (largest weight, ties to the
 * smaller class index): adding w >= 0 to class c can only make c the leader, or leave the leader as it was.
 * `out` (kMax x nQuery long), when given, receives the result instead of a new array.
 */
export function voteClassifierEveryK(
  table: NeighborTable,
  nQuery: number,
  kMax: number,
  weights: string,
  yClass: Int32Array,
  classes: Float64Array,
  out: Float64Array = new Float64Array(kMax * nQuery),
): Float64Array {
  checkEveryK('voteClassifierEveryK', table, nQuery, kMax, out);
  const acc = new Float64Array(classes.length);
  const byDistance = weights === 'distance';
  for (let q = 0; q < nQuery; q++) {
    acc.fill(0);
    const base = q * table.k;
    const anyZero = table.dist[base] === 0;
    let best = 0;
    for (let r = 0; r < kMax; r++) {
      const c = yClass[table.idx[base + r]];
      acc[c] += weightAt(table, base, r, byDistance, anyZero);
      if (c !== best && (acc[c] > acc[best] || (acc[c] === acc[best] && c < best))) best = c;
      out[r * nQuery + q] = classes[best];
    }
  }
  return out;
}

/** Regressor counterpart of voteClassifierEveryK: out[(k - 1) * nQuery + q] equals voteRegressor(..., k, ...)[q]
 *  bit for bit (the weighted sum and the weight total accumulate in the same order). */
export function voteRegressorEveryK(
  table: NeighborTable,
  nQuery: number,
  kMax: number,
  weights: string,
  y: Float64Array,
  out: Float64Array = new Float64Array(kMax * nQuery),
): Float64Array {
  checkEveryK('voteRegressorEveryK', table, nQuery, kMax, out);
  const byDistance = weights === 'distance';
  for (let q = 0; q < nQuery; q++) {
    const base = q * table.k;
    const anyZero = table.dist[base] === 0;
    let s = 0;
    let total = 0;
    for (let r = 0; r < kMax; r++) {
      const w = weightAt(table, base, r, byDistance, anyZero);
      s += w * y[table.idx[base + r]];
      total += w;
      out[r * nQuery + q] = s / total;
    }
  }
  return out;
}

/** Brute-force neighbour table in plain TS (main-thread prediction; same ordering rule as the wasm kernel). */
export function bruteNeighbors(
  train: Float64Array,
  nTrain: number,
  query: Float64Array,
  nQuery: number,
  d: number,
  k: number,
  p: number,
): NeighborTable {
  const idx = new Int32Array(nQuery * k);
  const dist = new Float64Array(nQuery * k);
  const row = new Float64Array(nTrain);
  for (let q = 0; q < nQuery; q++) {
    for (let j = 0; j < nTrain; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = Math.abs(query[q * d + c] - train[j * d + c]);
        s += p === 1 ? diff : p === 2 ? diff * diff : Math.pow(diff, p);
      }
      row[j] = s;
    }
    // Stable selection: sort indices by (distance, index) and keep k.
    const order = Array.from({ length: nTrain }, (_, j) => j).sort((a, b) => row[a] - row[b] || a - b);
    for (let r = 0; r < k; r++) {
      idx[q * k + r] = order[r];
      dist[q * k + r] = rootDistance(row[order[r]], p);
    }
  }
  return { k, idx, dist };
}
