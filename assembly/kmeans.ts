// Kernels for the kmeans models. ABI: pointers into linear memory, lengths and scalars; no allocation.
//
// Semantics follow scikit-learn 1.2.1 (`_kmeans_single_lloyd`, `_kmeans_plusplus`): the host centres X on its column
// means first (kmeansCenter), runs seeding and Lloyd on the centred copy and adds the means back, as KMeans.fit does
// for dense data (it keeps the ||c||^2 - 2 x.c assignment form accurate when features sit far from 0).
// Work buffers are sized by the *WorkBytes functions below: the layout of each lives in this file only.

/** Centroids per register block of the assignment loop: 4 f64x2 accumulators per point. */
const BLOCK: i32 = 8;

@inline function padK(k: i32): i32 {
  return (k + BLOCK - 1) & ~(BLOCK - 1);
}

@inline function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

/** sum_f (a[f] - b[f])^2, exact difference form, two SIMD accumulators. */
@inline function sqDist(a: usize, b: usize, d: i32): f64 {
  const quads = d & ~3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let f = 0;
  for (; f < quads; f += 4) {
    const off = <usize>f << 3;
    const d0 = f64x2.sub(v128.load(a + off), v128.load(b + off));
    const d1 = f64x2.sub(v128.load(a + off, 16), v128.load(b + off, 16));
    acc0 = f64x2.add(acc0, f64x2.mul(d0, d0));
    acc1 = f64x2.add(acc1, f64x2.mul(d1, d1));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; f < d; f++) {
    const diff = f64At(a, f) - f64At(b, f);
    s += diff * diff;
  }
  return s;
}

/** dst[f] += src[f] * scale for f < d. */
@inline function axpy(dst: usize, src: usize, scale: f64, d: i32): void {
  const pairs = d & ~1;
  const s = f64x2.splat(scale);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    v128.store(dst + off, f64x2.add(v128.load(dst + off), f64x2.mul(v128.load(src + off), s)));
  }
  if (f < d) setF64(dst, f, f64At(dst, f) + f64At(src, f) * scale);
}

/**
 * Column means of x (n x d) into `mean`, x - mean into `out` (n x d; may not alias x), and returns the mean over
 * columns of the population variance: scikit-learn's `tol` is relative to it (`_tolerance`). Two passes, so the
 * variance is the accurate sum of squared deviations rather than E[x^2] - E[x]^2.
 */
export function kmeansCenter(x: usize, n: i32, d: i32, mean: usize, out: usize): f64 {
  assert(n > 0 && d > 0, 'kmeansCenter: empty matrix');
  const rowBytes = <usize>d << 3;
  memory.fill(mean, 0, rowBytes);
  for (let i = 0; i < n; i++) axpy(mean, x + <usize>i * rowBytes, 1.0, d);
  const inv = 1.0 / <f64>n;
  for (let f = 0; f < d; f++) setF64(mean, f, f64At(mean, f) * inv);
  let totalVar: f64 = 0;
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * rowBytes;
    const oi = out + <usize>i * rowBytes;
    for (let f = 0; f < d; f++) {
      const v = f64At(xi, f) - f64At(mean, f);
      setF64(oi, f, v);
      totalVar += v * v;
    }
  }
  return totalVar / (<f64>n * <f64>d);
}

/** Bytes of the `work` buffer kmeansAssign needs for d features and k centres. */
export function kmeansAssignWorkBytes(d: i32, k: i32): usize {
  const kp = padK(k);
  // transposed centres d x kp | centre norms kp | lane scratch 2 x BLOCK
  return align16(<usize>d * <usize>kp << 3) + align16(<usize>kp << 3) + (<usize>(2 * BLOCK) << 3);
}

/** Bytes of the `work` buffer kmeansLloyd needs for n rows, d features and k centres. */
export function kmeansLloydWorkBytes(n: i32, d: i32, k: i32): usize {
  // assignment work | new centres (sums) k x d | counts k | relocation distances n
  return (
    align16(kmeansAssignWorkBytes(d, k)) + align16(<usize>k * <usize>d << 3) + align16(<usize>k << 3) + align16(<usize>n << 3)
  );
}

/** Bytes of the `work` buffer kmeansPlusPlus needs for n rows and nTrials local trials. */
export function kmeansPlusPlusWorkBytes(n: i32, nTrials: i32): usize {
  // closest distances n | cumulative sums n | candidate distances nTrials x n | candidate row ids nTrials (i32)
  return align16(<usize>n << 3) * 2 + align16(<usize>nTrials * <usize>n << 3) + align16(<usize>nTrials << 2);
}

/**
 * Prepares the assignment: ct (d x kp, centre j in column j, padding columns 0) and cnorm[j] = ||c_j||^2 (padding
 * +inf so a padding column never wins).
 */
function prepareCentres(centres: usize, k: i32, d: i32, ct: usize, cnorm: usize): void {
  const kp = padK(k);
  for (let j = 0; j < kp; j++) {
    if (j < k) {
      const cj = centres + (<usize>j * <usize>d << 3);
      let s: f64 = 0;
      for (let f = 0; f < d; f++) {
        const v = f64At(cj, f);
        setF64(ct, f * kp + j, v);
        s += v * v;
      }
      setF64(cnorm, j, s);
    } else {
      for (let f = 0; f < d; f++) setF64(ct, f * kp + j, 0);
      setF64(cnorm, j, Infinity);
    }
  }
}

/**
 * labels[i] = argmin_j (||c_j||^2 - 2 x_i.c_j) (||x_i||^2 is common to all j and left out), the first minimum on
 * ties, as scikit-learn's `_update_chunk_dense`. Returns how many labels differ from what `labels` held before.
 * Register blocking: two rows x BLOCK centres per inner loop, centres transposed so one f64x2 load feeds two centres
 * and each load of ct serves both rows; the per-feature broadcast of x is the only scalar traffic.
 */
function assignLabels(x: usize, n: i32, d: i32, ct: usize, cnorm: usize, kp: i32, labels: usize, lanes: usize): i32 {
  const rowBytes = <usize>d << 3;
  const ctRow = <usize>kp << 3;
  const lanes1 = lanes + (<usize>BLOCK << 3);
  const minusTwo = f64x2.splat(-2.0);
  let changed = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const x0 = x + <usize>i * rowBytes;
    const x1 = x0 + rowBytes;
    let best0 = Infinity;
    let best1 = Infinity;
    let lab0 = 0;
    let lab1 = 0;
    for (let jb = 0; jb < kp; jb += BLOCK) {
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let b1 = f64x2.splat(0);
      let b2 = f64x2.splat(0);
      let b3 = f64x2.splat(0);
      let cp = ct + (<usize>jb << 3);
      for (let f = 0; f < d; f++) {
        const s0 = f64x2.splat(f64At(x0, f));
        const s1 = f64x2.splat(f64At(x1, f));
        const c0 = v128.load(cp);
        const c1 = v128.load(cp, 16);
        const c2 = v128.load(cp, 32);
        const c3 = v128.load(cp, 48);
        a0 = f64x2.add(a0, f64x2.mul(s0, c0));
        a1 = f64x2.add(a1, f64x2.mul(s0, c1));
        a2 = f64x2.add(a2, f64x2.mul(s0, c2));
        a3 = f64x2.add(a3, f64x2.mul(s0, c3));
        b0 = f64x2.add(b0, f64x2.mul(s1, c0));
        b1 = f64x2.add(b1, f64x2.mul(s1, c1));
        b2 = f64x2.add(b2, f64x2.mul(s1, c2));
        b3 = f64x2.add(b3, f64x2.mul(s1, c3));
        cp += ctRow;
      }
      // distance (up to ||x||^2) = cnorm - 2 dot, written to a 2 x BLOCK scratch and scanned in centre order.
      const cn = cnorm + (<usize>jb << 3);
      v128.store(lanes, f64x2.add(v128.load(cn), f64x2.mul(a0, minusTwo)));
      v128.store(lanes, f64x2.add(v128.load(cn, 16), f64x2.mul(a1, minusTwo)), 16);
      v128.store(lanes, f64x2.add(v128.load(cn, 32), f64x2.mul(a2, minusTwo)), 32);
      v128.store(lanes, f64x2.add(v128.load(cn, 48), f64x2.mul(a3, minusTwo)), 48);
      v128.store(lanes1, f64x2.add(v128.load(cn), f64x2.mul(b0, minusTwo)));
      v128.store(lanes1, f64x2.add(v128.load(cn, 16), f64x2.mul(b1, minusTwo)), 16);
      v128.store(lanes1, f64x2.add(v128.load(cn, 32), f64x2.mul(b2, minusTwo)), 32);
      v128.store(lanes1, f64x2.add(v128.load(cn, 48), f64x2.mul(b3, minusTwo)), 48);
      for (let l = 0; l < BLOCK; l++) {
        const v0 = f64At(lanes, l);
        const v1 = f64At(lanes1, l);
        if (v0 < best0) {
          best0 = v0;
          lab0 = jb + l;
        }
        if (v1 < best1) {
          best1 = v1;
          lab1 = jb + l;
        }
      }
    }
    const p0 = labels + (<usize>i << 2);
    if (load<i32>(p0) != lab0) changed++;
    if (load<i32>(p0, 4) != lab1) changed++;
    store<i32>(p0, lab0);
    store<i32>(p0, lab1, 4);
  }
  if (i < n) {
    // Odd row count: the last row alone, same arithmetic (same summation order) as the paired loop.
    const x0 = x + <usize>i * rowBytes;
    let best0 = Infinity;
    let lab0 = 0;
    for (let jb = 0; jb < kp; jb += BLOCK) {
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let cp = ct + (<usize>jb << 3);
      for (let f = 0; f < d; f++) {
        const s0 = f64x2.splat(f64At(x0, f));
        a0 = f64x2.add(a0, f64x2.mul(s0, v128.load(cp)));
        a1 = f64x2.add(a1, f64x2.mul(s0, v128.load(cp, 16)));
        a2 = f64x2.add(a2, f64x2.mul(s0, v128.load(cp, 32)));
        a3 = f64x2.add(a3, f64x2.mul(s0, v128.load(cp, 48)));
        cp += ctRow;
      }
      const cn = cnorm + (<usize>jb << 3);
      v128.store(lanes, f64x2.add(v128.load(cn), f64x2.mul(a0, minusTwo)));
      v128.store(lanes, f64x2.add(v128.load(cn, 16), f64x2.mul(a1, minusTwo)), 16);
      v128.store(lanes, f64x2.add(v128.load(cn, 32), f64x2.mul(a2, minusTwo)), 32);
      v128.store(lanes, f64x2.add(v128.load(cn, 48), f64x2.mul(a3, minusTwo)), 48);
      for (let l = 0; l < BLOCK; l++) {
        const v0 = f64At(lanes, l);
        if (v0 < best0) {
          best0 = v0;
          lab0 = jb + l;
        }
      }
    }
    const p0 = labels + (<usize>i << 2);
    if (load<i32>(p0) != lab0) changed++;
    store<i32>(p0, lab0);
  }
  return changed;
}

/**
 * Nearest centre of each row: labels[i] in [0, k) (i32), the ||c||^2 - 2 x.c form with scikit-learn's first-minimum
 * tie rule. `work` holds kmeansAssignWorkBytes(d, k) bytes, 16-byte aligned.
 */
export function kmeansAssign(x: usize, n: i32, d: i32, centres: usize, k: i32, labels: usize, work: usize): void {
  assert(n >= 0 && d > 0 && k > 0, 'kmeansAssign: bad shape');
  const kp = padK(k);
  const ct = work;
  const cnorm = ct + align16(<usize>d * <usize>kp << 3);
  const lanes = cnorm + align16(<usize>kp << 3);
  prepareCentres(centres, k, d, ct, cnorm);
  assignLabels(x, n, d, ct, cnorm, kp, labels, lanes);
}

/** sum_i ||x_i - centres[labels[i]]||^2 (exact difference form, as scikit-learn's `_inertia_dense`). */
export function kmeansInertia(x: usize, n: i32, d: i32, centres: usize, labels: usize): f64 {
  const rowBytes = <usize>d << 3;
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    total += sqDist(x + <usize>i * rowBytes, centres + <usize>i32At(labels, i) * rowBytes, d);
  }
  return total;
}

/**
 * scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster (ascending id) takes the next row farthest from
 * its current (old) centre, in descending distance order (ties: lower row index first; numpy's argpartition leaves
 * that order unspecified). The row moves its contribution from its cluster's sum to the empty cluster; `labels` keep
 * the row's original cluster until the next assignment, exactly as scikit-learn does.
 */
function relocateEmpty(
  x: usize, n: i32, d: i32, old: usize, k: i32, labels: usize, sums: usize, counts: usize, dist: usize,
): void {
  let nEmpty = 0;
  for (let j = 0; j < k; j++) if (f64At(counts, j) == 0) nEmpty++;
  if (nEmpty == 0) return;
  const rowBytes = <usize>d << 3;
  for (let i = 0; i < n; i++) {
    setF64(dist, i, sqDist(x + <usize>i * rowBytes, old + <usize>i32At(labels, i) * rowBytes, d));
  }
  let j = 0;
  for (let e = 0; e < nEmpty && e < n; e++) {
    while (f64At(counts, j) != 0) j++;
    let far = 0;
    let farDist = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = f64At(dist, i);
      if (v > farDist) {
        farDist = v;
        far = i;
      }
    }
    setF64(dist, far, -Infinity); // taken: never chosen again
    const xf = x + <usize>far * rowBytes;
    const from = i32At(labels, far);
    axpy(sums + <usize>from * rowBytes, xf, -1.0, d);
    setF64(counts, from, f64At(counts, from) - 1);
    memory.copy(sums + <usize>j * rowBytes, xf, rowBytes);
    setF64(counts, j, 1);
    j++;
  }
}

/**
 * Lloyd's algorithm from the centres in `centres` (k x d, overwritten with the final centres), scikit-learn's
 * `_kmeans_single_lloyd`: each iteration assigns every row to its nearest centre, then moves each centre to the mean
 * of its rows (empty clusters relocated, see relocateEmpty). Stops when no label changed (strict convergence) or when
 * sum_j ||c_j(new) - c_j(old)||^2 <= tol (tol absolute: the caller scales it), or after maxIter iterations; without
 * strict convergence the rows are assigned once more so labels match the final centres.
 * labels: n i32, written. work: kmeansLloydWorkBytes(n, d, k) bytes, 16-byte aligned. Returns the iterations run
 * (scikit-learn's n_iter_).
 */
export function kmeansLloyd(
  x: usize, n: i32, d: i32, centres: usize, k: i32, maxIter: i32, tol: f64, labels: usize, work: usize,
): i32 {
  assert(n > 0 && d > 0 && k > 0 && k <= n && maxIter > 0, 'kmeansLloyd: bad shape or maxIter');
  const kp = padK(k);
  const rowBytes = <usize>d << 3;
  const ct = work;
  const cnorm = ct + align16(<usize>d * <usize>kp << 3);
  const lanes = cnorm + align16(<usize>kp << 3);
  const sums = work + align16(kmeansAssignWorkBytes(d, k));
  const counts = sums + align16(<usize>k * rowBytes);
  const dist = counts + align16(<usize>k << 3);

  for (let i = 0; i < n; i++) store<i32>(labels + (<usize>i << 2), -1);
  let iter = 0;
  let strict = false;
  while (iter < maxIter) {
    iter++;
    prepareCentres(centres, k, d, ct, cnorm);
    const changed = assignLabels(x, n, d, ct, cnorm, kp, labels, lanes);

    memory.fill(sums, 0, <usize>k * rowBytes);
    memory.fill(counts, 0, <usize>k << 3);
    for (let i = 0; i < n; i++) {
      const l = i32At(labels, i);
      axpy(sums + <usize>l * rowBytes, x + <usize>i * rowBytes, 1.0, d);
      setF64(counts, l, f64At(counts, l) + 1);
    }
    relocateEmpty(x, n, d, centres, k, labels, sums, counts, dist);

    // New centre = sum * (1 / count) (scikit-learn's `_average_centers`); a cluster left with no rows keeps its sum.
    let shift: f64 = 0;
    for (let j = 0; j < k; j++) {
      const sj = sums + <usize>j * rowBytes;
      const cj = centres + <usize>j * rowBytes;
      const c = f64At(counts, j);
      const alpha = c > 0 ? 1.0 / c : 1.0;
      for (let f = 0; f < d; f++) {
        const v = f64At(sj, f) * alpha;
        const delta = v - f64At(cj, f);
        shift += delta * delta;
        setF64(cj, f, v);
      }
    }
    if (changed == 0) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  if (!strict) {
    prepareCentres(centres, k, d, ct, cnorm);
    assignLabels(x, n, d, ct, cnorm, kp, labels, lanes);
  }
  return iter;
}

/** First index i with cumsum[i] >= r (numpy searchsorted, side 'left'), clipped to n - 1. */
function searchLeft(cumsum: usize, n: i32, r: f64): i32 {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (f64At(cumsum, mid) < r) lo = mid + 1;
    else hi = mid;
  }
  return lo < n ? lo : n - 1;
}

/**
 * scikit-learn's greedy k-means++ (`_kmeans_plusplus`): centre 0 is row `first`; each next centre draws nTrials
 * candidate rows with probability proportional to the squared distance to the nearest centre so far (the draws are
 * uniforms[(c - 1) * nTrials + t] in [0, 1), scaled by the current potential and located by binary search in the
 * cumulative distances) and keeps the candidate that lowers the potential (sum of those distances) the most.
 * The host draws the uniforms from the trial's seeded generator, so the kernel holds no random state.
 * centres: k x d, written; indices: k i32 (chosen rows), written; work: kmeansPlusPlusWorkBytes(n, nTrials) bytes.
 */
export function kmeansPlusPlus(
  x: usize, n: i32, d: i32, k: i32, first: i32, uniforms: usize, nTrials: i32, centres: usize, indices: usize, work: usize,
): void {
  assert(n > 0 && d > 0 && k > 0 && k <= n && nTrials > 0 && first >= 0 && first < n, 'kmeansPlusPlus: bad arguments');
  const rowBytes = <usize>d << 3;
  const closest = work;
  const cumsum = closest + align16(<usize>n << 3);
  const cand = cumsum + align16(<usize>n << 3);
  const candIds = cand + align16(<usize>nTrials * <usize>n << 3);

  memory.copy(centres, x + <usize>first * rowBytes, rowBytes);
  store<i32>(indices, first);
  const c0 = x + <usize>first * rowBytes;
  let pot: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(x + <usize>i * rowBytes, c0, d);
    setF64(closest, i, v);
    pot += v;
  }
  for (let c = 1; c < k; c++) {
    let run: f64 = 0;
    for (let i = 0; i < n; i++) {
      run += f64At(closest, i);
      setF64(cumsum, i, run);
    }
    for (let t = 0; t < nTrials; t++) {
      const r = f64At(uniforms, (c - 1) * nTrials + t) * pot;
      store<i32>(candIds + (<usize>t << 2), searchLeft(cumsum, n, r));
    }
    let bestT = 0;
    let bestPot = Infinity;
    for (let t = 0; t < nTrials; t++) {
      const row = x + <usize>i32At(candIds, t) * rowBytes;
      const out = cand + (<usize>t * <usize>n << 3);
      let p: f64 = 0;
      for (let i = 0; i < n; i++) {
        const v = min<f64>(f64At(closest, i), sqDist(x + <usize>i * rowBytes, row, d));
        setF64(out, i, v);
        p += v;
      }
      if (p < bestPot) {
        bestPot = p;
        bestT = t;
      }
    }
    pot = bestPot;
    memory.copy(closest, cand + (<usize>bestT * <usize>n << 3), <usize>n << 3);
    const chosen = i32At(candIds, bestT);
    memory.copy(centres + <usize>c * rowBytes, x + <usize>chosen * rowBytes, rowBytes);
    store<i32>(indices + (<usize>c << 2), chosen);
  }
}
