// Kernels for decision trees (scikit-learn 1.2.1's BestSplitter over presorted feature orders). ABI: pointers into
// linear memory, lengths and scalars; no allocation.
//
// Data layout (the host, src/estimators/tree/grow.ts, owns it):
// - xcol: f32 column-major (d x n): the feature values as scikit-learn sees them (it casts X to float32), so
//   thresholds and "distinct value" tests agree with it.
// - order: i32 (d x n): for each feature, the rows of the tree's sample set sorted by that feature. A node is the
//   segment [start, end) of every feature's order (the same rows in each, sorted by that feature); a split
//   partitions every segment stably (treePartition), so children stay sorted without sorting again.
// - yc: i32 class index per row (classifiers); y: f64 target per row (regressors); w: f64 sample weight per row
//   (bootstrap counts, 1 without bootstrap). Rows of weight 0 are never in `order`.
//
// A split position p (1 <= p < count) sends the first p rows of the feature's segment left. As in scikit-learn, p
// is a candidate only where the value changes by more than FEATURE_THRESHOLD (in f32), both children keep at least
// minLeaf rows, and a candidate replaces the best one only when its proxy improvement is strictly larger: among
// equal proxies the smallest threshold wins.

/** scikit-learn's FEATURE_THRESHOLD (float32): values closer than this count as equal. */
const FEATURE_THRESHOLD: f32 = 1e-7;
const LN2: f64 = Math.log(2.0);

const CRITERION_GINI: i32 = 0;
const CRITERION_ENTROPY: i32 = 1;
const CRITERION_SQUARED_ERROR: i32 = 2;
const CRITERION_ABSOLUTE_ERROR: i32 = 3;

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline function xAt(xcol: usize, row: i32): f32 {
  return load<f32>(xcol + (<usize>row << 2));
}

/** Gini or entropy (log base 2) of class weights `counts` (nClasses f64) with total weight wn. */
export function treeClassImpurity(counts: usize, nClasses: i32, wn: f64, criterion: i32): f64 {
  if (criterion == CRITERION_GINI) {
    let sq: f64 = 0;
    for (let k = 0; k < nClasses; k++) {
      const c = f64At(counts, k);
      sq += c * c;
    }
    return 1.0 - sq / (wn * wn);
  }
  let e: f64 = 0;
  for (let k = 0; k < nClasses; k++) {
    let c = f64At(counts, k);
    if (c > 0.0) {
      c /= wn;
      e -= c * (Math.log(c) / LN2);
    }
  }
  return e;
}

/**
 * Best split of one feature for a classifier node. `seg` is the feature's order segment (count rows), `total` the
 * node's class weights (nClasses f64), `left` scratch (nClasses f64). Writes out[0] = best proxy improvement
 * (-w_right * impurity_right - w_left * impurity_left, scikit-learn's proxy), out[1] = its position p, out[2] = the
 * threshold (midpoint of the f32 values either side, or the lower one when the midpoint rounds up to the upper).
 * Returns -1 when the feature is constant in the node, 0 when no position satisfies minLeaf, 1 when out holds a split.
 */
export function treeSplitClf(
  xcol: usize, seg: usize, count: i32, yc: usize, w: usize, nClasses: i32, criterion: i32, minLeaf: i32,
  total: usize, left: usize, out: usize,
): i32 {
  const first = xAt(xcol, i32At(seg, 0));
  const last = xAt(xcol, i32At(seg, count - 1));
  if (last <= first + FEATURE_THRESHOLD) return -1;
  memory.fill(left, 0, <usize>nClasses << 3);
  let wTotal: f64 = 0;
  for (let k = 0; k < nClasses; k++) wTotal += f64At(total, k);
  let wl: f64 = 0;
  let best: f64 = -Infinity;
  let bestPos: i32 = -1;
  let bestThr: f64 = 0;
  let prev = first;
  for (let p = 1; p < count; p++) {
    const row = i32At(seg, p - 1);
    const rw = f64At(w, row);
    const cls = i32At(yc, row);
    setF64(left, cls, f64At(left, cls) + rw);
    wl += rw;
    const cur = xAt(xcol, i32At(seg, p));
    const distinct = cur > prev + FEATURE_THRESHOLD;
    const lo = prev;
    prev = cur;
    if (!distinct) continue;
    if (p < minLeaf || count - p < minLeaf) continue;
    const wr = wTotal - wl;
    let proxy: f64;
    if (criterion == CRITERION_GINI) {
      let sqL: f64 = 0;
      let sqR: f64 = 0;
      for (let k = 0; k < nClasses; k++) {
        const cl = f64At(left, k);
        const cr = f64At(total, k) - cl;
        sqL += cl * cl;
        sqR += cr * cr;
      }
      const gl = 1.0 - sqL / (wl * wl);
      const gr = 1.0 - sqR / (wr * wr);
      proxy = -wr * gr - wl * gl;
    } else {
      let el: f64 = 0;
      let er: f64 = 0;
      for (let k = 0; k < nClasses; k++) {
        let cl = f64At(left, k);
        let cr = f64At(total, k) - cl;
        if (cl > 0.0) {
          cl /= wl;
          el -= cl * (Math.log(cl) / LN2);
        }
        if (cr > 0.0) {
          cr /= wr;
          er -= cr * (Math.log(cr) / LN2);
        }
      }
      proxy = -wr * er - wl * el;
    }
    if (proxy > best) {
      best = proxy;
      bestPos = p;
      bestThr = midpoint(lo, cur);
    }
  }
  if (bestPos < 0) return 0;
  setF64(out, 0, best);
  setF64(out, 1, <f64>bestPos);
  setF64(out, 2, bestThr);
  return 1;
}

/** scikit-learn's threshold: a/2 + b/2 in f64 (no overflow), or a when that rounds to b or overflows. */
@inline function midpoint(a: f32, b: f32): f64 {
  const t = <f64>a / 2.0 + <f64>b / 2.0;
  if (t == <f64>b || t == Infinity || t == -Infinity) return <f64>a;
  return t;
}

/**
 * Best split of one feature for a squared-error regression node. sumTotal and wTotal are the node's weighted sum
 * of y and total weight. Proxy = sum_left^2 / w_left + sum_right^2 / w_right (scikit-learn's MSE proxy), with
 * sum_right = sumTotal - sum_left as scikit-learn keeps it. Same returns and `out` as treeSplitClf.
 */
export function treeSplitMse(
  xcol: usize, seg: usize, count: i32, y: usize, w: usize, minLeaf: i32, sumTotal: f64, wTotal: f64, out: usize,
): i32 {
  const first = xAt(xcol, i32At(seg, 0));
  const last = xAt(xcol, i32At(seg, count - 1));
  if (last <= first + FEATURE_THRESHOLD) return -1;
  let wl: f64 = 0;
  let sl: f64 = 0;
  let best: f64 = -Infinity;
  let bestPos: i32 = -1;
  let bestThr: f64 = 0;
  let prev = first;
  for (let p = 1; p < count; p++) {
    const row = i32At(seg, p - 1);
    const rw = f64At(w, row);
    sl += rw * f64At(y, row);
    wl += rw;
    const cur = xAt(xcol, i32At(seg, p));
    const distinct = cur > prev + FEATURE_THRESHOLD;
    const lo = prev;
    prev = cur;
    if (!distinct) continue;
    if (p < minLeaf || count - p < minLeaf) continue;
    const sr = sumTotal - sl;
    const proxy = (sl * sl) / wl + (sr * sr) / (wTotal - wl);
    if (proxy > best) {
      best = proxy;
      bestPos = p;
      bestThr = midpoint(lo, cur);
    }
  }
  if (bestPos < 0) return 0;
  setF64(out, 0, best);
  setF64(out, 1, <f64>bestPos);
  setF64(out, 2, bestThr);
  return 1;
}

/**
 * Weighted median as scikit-learn's WeightedMedianCalculator defines it over values sorted ascending (vals, wts,
 * n entries): with k the smallest count whose leading weight reaches half the total, the mean of entries k-1 and k
 * when that weight is exactly half, else entry k-1.
 */
function weightedMedian(vals: usize, wts: usize, n: i32, wTotal: f64): f64 {
  const half = wTotal / 2.0;
  let cum: f64 = 0;
  for (let k = 0; k < n; k++) {
    cum += f64At(wts, k);
    if (cum >= half) {
      if (cum == half && k + 1 < n) return (f64At(vals, k) + f64At(vals, k + 1)) / 2.0;
      return f64At(vals, k);
    }
  }
  return n > 0 ? f64At(vals, n - 1) : 0.0;
}

/** sum w |v - m| over sorted entries. */
function absDev(vals: usize, wts: usize, n: i32, m: f64): f64 {
  let s: f64 = 0;
  for (let k = 0; k < n; k++) s += Math.abs(f64At(vals, k) - m) * f64At(wts, k);
  return s;
}

/** Inserts (v, wt) into sorted entries (n before) after any equal values. */
function insertSorted(vals: usize, wts: usize, n: i32, v: f64, wt: f64): void {
  let k = n;
  while (k > 0 && f64At(vals, k - 1) > v) {
    setF64(vals, k, f64At(vals, k - 1));
    setF64(wts, k, f64At(wts, k - 1));
    k--;
  }
  setF64(vals, k, v);
  setF64(wts, k, wt);
}

/** Removes one entry equal to v (weight wt) from sorted entries (n before). */
function removeSorted(vals: usize, wts: usize, n: i32, v: f64, wt: f64): void {
  let k = 0;
  while (k < n && !(f64At(vals, k) == v && f64At(wts, k) == wt)) k++;
  for (; k < n - 1; k++) {
    setF64(vals, k, f64At(vals, k + 1));
    setF64(wts, k, f64At(wts, k + 1));
  }
}

/**
 * Median and impurity (mean absolute deviation from the weighted median) of the rows in seg; out[0] = median,
 * out[1] = impurity, out[2] = total weight. `work` holds 2 * count f64.
 */
export function treeNodeMae(seg: usize, count: i32, y: usize, w: usize, work: usize, out: usize): void {
  const vals = work;
  const wts = work + (<usize>count << 3);
  let wTotal: f64 = 0;
  for (let i = 0; i < count; i++) {
    const row = i32At(seg, i);
    insertSorted(vals, wts, i, f64At(y, row), f64At(w, row));
    wTotal += f64At(w, row);
  }
  const m = weightedMedian(vals, wts, count, wTotal);
  setF64(out, 0, m);
  setF64(out, 1, absDev(vals, wts, count, m) / wTotal);
  setF64(out, 2, wTotal);
}

/**
 * Best split of one feature for an absolute-error regression node: proxy = -w_right * mae_right - w_left * mae_left
 * with each side's deviation from its own weighted median (scikit-learn's MAE). O(count^2), as scikit-learn's.
 * `work` holds 4 * count f64. Same returns and `out` as treeSplitClf.
 */
export function treeSplitMae(xcol: usize, seg: usize, count: i32, y: usize, w: usize, minLeaf: i32, work: usize, out: usize): i32 {
  const first = xAt(xcol, i32At(seg, 0));
  const last = xAt(xcol, i32At(seg, count - 1));
  if (last <= first + FEATURE_THRESHOLD) return -1;
  const bytes = <usize>count << 3;
  const lv = work;
  const lw = work + bytes;
  const rv = work + 2 * bytes;
  const rw = work + 3 * bytes;
  let wTotal: f64 = 0;
  for (let i = 0; i < count; i++) {
    const row = i32At(seg, i);
    insertSorted(rv, rw, i, f64At(y, row), f64At(w, row));
    wTotal += f64At(w, row);
  }
  let wl: f64 = 0;
  let best: f64 = -Infinity;
  let bestPos: i32 = -1;
  let bestThr: f64 = 0;
  let prev = first;
  for (let p = 1; p < count; p++) {
    const row = i32At(seg, p - 1);
    const v = f64At(y, row);
    const wt = f64At(w, row);
    insertSorted(lv, lw, p - 1, v, wt);
    removeSorted(rv, rw, count - p + 1, v, wt);
    wl += wt;
    const cur = xAt(xcol, i32At(seg, p));
    const distinct = cur > prev + FEATURE_THRESHOLD;
    const lo = prev;
    prev = cur;
    if (!distinct) continue;
    if (p < minLeaf || count - p < minLeaf) continue;
    const wr = wTotal - wl;
    const il = absDev(lv, lw, p, weightedMedian(lv, lw, p, wl)) / wl;
    const ir = absDev(rv, rw, count - p, weightedMedian(rv, rw, count - p, wr)) / wr;
    const proxy = -wr * ir - wl * il;
    if (proxy > best) {
      best = proxy;
      bestPos = p;
      bestThr = midpoint(lo, cur);
    }
  }
  if (bestPos < 0) return 0;
  setF64(out, 0, best);
  setF64(out, 1, <f64>bestPos);
  setF64(out, 2, bestThr);
  return 1;
}

/**
 * Splits a node: marks the first `pos` rows of the chosen feature's segment `seg` as left in `mask` (u8 per row),
 * then partitions every feature's segment [start, end) of `order` (d features, stride n) stably, left rows first,
 * so each child's segment stays sorted. `tmp` holds end - start i32.
 */
export function treePartition(order: usize, n: i32, d: i32, start: i32, end: i32, seg: usize, pos: i32, mask: usize, tmp: usize): void {
  const count = end - start;
  for (let i = 0; i < count; i++) store<u8>(mask + <usize>i32At(seg, i), i < pos ? 1 : 0);
  for (let f = 0; f < d; f++) {
    const base = order + ((<usize>f * <usize>n + <usize>start) << 2);
    let l = 0;
    let r = 0;
    for (let i = 0; i < count; i++) {
      const row = i32At(base, i);
      if (load<u8>(mask + <usize>row)) {
        store<i32>(base + (<usize>l << 2), row);
        l++;
      } else {
        store<i32>(tmp + (<usize>r << 2), row);
        r++;
      }
    }
    memory.copy(base + (<usize>l << 2), tmp, <usize>r << 2);
  }
}

/**
 * Leaf reached by each row of x (rows x cols f64, row-major) in a tree given as node arrays (feature i32, threshold
 * f64, left i32, right i32; leaves have left = -1). As scikit-learn, the value is cast to f32 before `<= threshold`.
 */
export function treeApply(x: usize, rows: i32, cols: i32, feature: usize, threshold: usize, left: usize, right: usize, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const rowBase = x + ((<usize>r * <usize>cols) << 3);
    let node = 0;
    while (i32At(left, node) >= 0) {
      const v = <f64><f32>load<f64>(rowBase + (<usize>i32At(feature, node) << 3));
      node = v <= f64At(threshold, node) ? i32At(left, node) : i32At(right, node);
    }
    store<i32>(out + (<usize>r << 2), node);
  }
}

/**
 * A tree's sample set: copies every feature's presorted rows (master, d x n) into `order`, keeping only rows of
 * weight != 0 (a bootstrap's unseen rows), still sorted. Returns the rows kept per feature.
 */
export function treeCompact(master: usize, order: usize, n: i32, d: i32, w: usize): i32 {
  let m = 0;
  for (let f = 0; f < d; f++) {
    const src = master + ((<usize>f * <usize>n) << 2);
    const dst = order + ((<usize>f * <usize>n) << 2);
    m = 0;
    for (let i = 0; i < n; i++) {
      const row = i32At(src, i);
      if (f64At(w, row) != 0.0) {
        store<i32>(dst + (<usize>m << 2), row);
        m++;
      }
    }
  }
  return m;
}
