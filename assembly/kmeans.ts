// Kernels for the kmeans models. ABI: pointers into linear memory, lengths and scalars; no allocation.
//
// Semantics follow scikit-learn 1.2.1 (`_kmeans_single_lloyd`, `_kmeans_plusplus`): the host centres X on its column
// means first (kmeansCenter), runs seeding and Lloyd on the centred copy and adds the means back, as KMeans.fit does
// for dense data (it keeps the ||c||^2 - 2 x.c assignment form accurate when features sit far from 0).
// Assignment scans are register-blocked SIMD (scanRows); Lloyd skips the scans that Hamerly's bounds prove useless,
// with a slack that keeps its results identical to plain Lloyd (see kmeansLloyd).
// Work buffers are sized by the *WorkBytes functions below: the layout of each lives in this file only.
import { axpy, dot, f64At, setF64, sqDist } from './vector';

/** Centres per register block of the assignment loop (4 f64x2 accumulators per row); a tail of fewer centres is
 *  done two at a time, so at most one padding column is ever computed. */
const BLOCK: i32 = 8;

/** Columns of the transposed centre matrix: k rounded up to even (one f64x2 holds two centres). */
@inline function padK(k: i32): i32 {
  return (k + 1) & ~1;
}

@inline function align16(bytes: usize): usize {
  return (bytes + 15) & ~(<usize>15);
}

@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
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
  // transposed centres d x kp | centre norms kp | distance rows 2 x kp
  return align16(<usize>d * <usize>kp << 3) + align16(<usize>kp << 3) + (<usize>(2 * kp) << 3);
}

/** Bytes of the `work` buffer kmeansLloyd needs for n rows, d features and k centres. */
export function kmeansLloydWorkBytes(n: i32, d: i32, k: i32): usize {
  // assignment work | new centres (sums) k x d | counts k | half gaps k | moves k
  // | relocation distances n | ||x||^2 n | upper bounds n | lower bounds n | rows to scan n (i32)
  return (
    align16(kmeansAssignWorkBytes(d, k)) + align16(<usize>k * <usize>d << 3) + 3 * align16(<usize>k << 3) +
    4 * align16(<usize>n << 3) + align16(<usize>n << 2)
  );
}

/** Slack of the Hamerly bounds in squared distance, per unit of ||x||^2 + max_j ||c_j||^2 (see scanRows). */
const BOUND_SLACK: f64 = 1e-10;

/** Bytes of the `work` buffer kmeansPlusPlus needs for n rows and nTrials local trials. */
export function kmeansPlusPlusWorkBytes(n: i32, nTrials: i32): usize {
  // closest distances n | cumulative sums n | ||x||^2 n | candidate distances nTrials x n
  // | candidate row ids nTrials (i32) | candidate potentials nTrials
  return (
    align16(<usize>n << 3) * 3 + align16(<usize>nTrials * <usize>n << 3) + align16(<usize>nTrials << 2) +
    align16(<usize>nTrials << 3)
  );
}

/**
 * Prepares the assignment: ct (d x kp, centre j in column j, padding column 0) and cnorm[j] = ||c_j||^2 (padding
 * +inf). Returns max_j ||c_j||^2.
 */
function prepareCentres(centres: usize, k: i32, d: i32, ct: usize, cnorm: usize): f64 {
  const kp = padK(k);
  let cmax2: f64 = 0;
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
      cmax2 = max<f64>(cmax2, s);
    } else {
      for (let f = 0; f < d; f++) setF64(ct, f * kp + j, 0);
      setF64(cnorm, j, Infinity);
    }
  }
  return cmax2;
}

/**
 * Full assignment of the rows list[0..count) (i32 row indices; list == 0: rows 0..count-1): labels[i] =
 * argmin_j (||c_j||^2 - 2 x_i.c_j) (||x_i||^2 is common to all j and left out), the first minimum on ties, as
 * scikit-learn's `_update_chunk_dense`. Returns how many labels differ from what `labels` held before.
 * Register blocking: two rows x BLOCK centres per inner loop, centres transposed so one f64x2 load feeds two centres
 * and each load of ct serves both rows; the per-feature broadcast of x is the only scalar traffic. The two distance
 * rows (kp values each, in `rows`) are scanned afterwards in centre order. An odd last row is paired with itself.
 * A row's arithmetic does not depend on its partner, so a row gets the same label whichever list it is scanned in.
 * With `upper` != 0, also writes Hamerly bounds for the scanned rows: upper[i] >= distance to the chosen centre,
 * lower[i] <= distance to every other centre, each widened by BOUND_SLACK x (||x_i||^2 + cmax2) in squared distance
 * (xnorm[i] = ||x_i||^2, cmax2 = max_j ||c_j||^2), which covers the rounding of the expanded form many times over.
 */
function scanRows(
  x: usize, list: usize, count: i32, d: i32, ct: usize, cnorm: usize, k: i32, labels: usize, rows: usize,
  upper: usize, lower: usize, xnorm: usize, cmax2: f64,
): i32 {
  const kp = padK(k);
  const rowBytes = <usize>d << 3;
  const ctRow = <usize>kp << 3;
  const row1 = rows + (<usize>kp << 3);
  const fullBlocks = kp - kp % BLOCK;
  const minusTwo = f64x2.splat(-2.0);
  let changed = 0;
  for (let a = 0; a < count; a += 2) {
    const pair = a + 1 < count;
    const i0 = list == 0 ? a : i32At(list, a);
    const i1 = pair ? (list == 0 ? a + 1 : i32At(list, a + 1)) : i0;
    const x0 = x + <usize>i0 * rowBytes;
    const x1 = x + <usize>i1 * rowBytes;
    let jb = 0;
    for (; jb < fullBlocks; jb += BLOCK) {
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
      const cn = cnorm + (<usize>jb << 3);
      const r0 = rows + (<usize>jb << 3);
      const r1 = row1 + (<usize>jb << 3);
      v128.store(r0, f64x2.add(v128.load(cn), f64x2.mul(a0, minusTwo)));
      v128.store(r0, f64x2.add(v128.load(cn, 16), f64x2.mul(a1, minusTwo)), 16);
      v128.store(r0, f64x2.add(v128.load(cn, 32), f64x2.mul(a2, minusTwo)), 32);
      v128.store(r0, f64x2.add(v128.load(cn, 48), f64x2.mul(a3, minusTwo)), 48);
      v128.store(r1, f64x2.add(v128.load(cn), f64x2.mul(b0, minusTwo)));
      v128.store(r1, f64x2.add(v128.load(cn, 16), f64x2.mul(b1, minusTwo)), 16);
      v128.store(r1, f64x2.add(v128.load(cn, 32), f64x2.mul(b2, minusTwo)), 32);
      v128.store(r1, f64x2.add(v128.load(cn, 48), f64x2.mul(b3, minusTwo)), 48);
    }
    for (; jb < kp; jb += 2) {
      let a0 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let cp = ct + (<usize>jb << 3);
      for (let f = 0; f < d; f++) {
        const c0 = v128.load(cp);
        a0 = f64x2.add(a0, f64x2.mul(f64x2.splat(f64At(x0, f)), c0));
        b0 = f64x2.add(b0, f64x2.mul(f64x2.splat(f64At(x1, f)), c0));
        cp += ctRow;
      }
      const cn = v128.load(cnorm + (<usize>jb << 3));
      v128.store(rows + (<usize>jb << 3), f64x2.add(cn, f64x2.mul(a0, minusTwo)));
      v128.store(row1 + (<usize>jb << 3), f64x2.add(cn, f64x2.mul(b0, minusTwo)));
    }
    // Nearest and second nearest of each row, in centre order (strict <: the first minimum wins).
    let best0 = f64At(rows, 0);
    let best1 = f64At(row1, 0);
    let second0 = Infinity;
    let second1 = Infinity;
    let lab0 = 0;
    let lab1 = 0;
    for (let j = 1; j < k; j++) {
      const v0 = f64At(rows, j);
      const v1 = f64At(row1, j);
      if (v0 < best0) {
        second0 = best0;
        best0 = v0;
        lab0 = j;
      } else if (v0 < second0) {
        second0 = v0;
      }
      if (v1 < best1) {
        second1 = best1;
        best1 = v1;
        lab1 = j;
      } else if (v1 < second1) {
        second1 = v1;
      }
    }
    if (i32At(labels, i0) != lab0) changed++;
    store<i32>(labels + (<usize>i0 << 2), lab0);
    if (upper != 0) setBounds(upper, lower, xnorm, cmax2, i0, best0, second0);
    if (pair) {
      if (i32At(labels, i1) != lab1) changed++;
      store<i32>(labels + (<usize>i1 << 2), lab1);
      if (upper != 0) setBounds(upper, lower, xnorm, cmax2, i1, best1, second1);
    }
  }
  return changed;
}

/** Hamerly bounds of row i from its computed nearest and second-nearest values (squared distance - ||x_i||^2). */
@inline function setBounds(upper: usize, lower: usize, xnorm: usize, cmax2: f64, i: i32, best: f64, second: f64): void {
  const xn = f64At(xnorm, i);
  const slack = BOUND_SLACK * (xn + cmax2);
  setF64(upper, i, Math.sqrt(max<f64>(0, xn + best) + slack));
  setF64(lower, i, Math.sqrt(max<f64>(0, xn + second - slack))); // +inf when k == 1: no other centre
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
  const rows = cnorm + align16(<usize>kp << 3);
  prepareCentres(centres, k, d, ct, cnorm);
  scanRows(x, 0, n, d, ct, cnorm, k, labels, rows, 0, 0, 0, 0);
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

/** half[j] = half the distance from centre j to its nearest other centre (+inf when k == 1). */
function halfGaps(centres: usize, k: i32, d: i32, half: usize): void {
  const rowBytes = <usize>d << 3;
  for (let j = 0; j < k; j++) setF64(half, j, Infinity);
  for (let j = 0; j < k; j++) {
    for (let q = j + 1; q < k; q++) {
      const g = 0.5 * Math.sqrt(sqDist(centres + <usize>j * rowBytes, centres + <usize>q * rowBytes, d));
      if (g < f64At(half, j)) setF64(half, j, g);
      if (g < f64At(half, q)) setF64(half, q, g);
    }
  }
}

/**
 * The assignment step of kmeansLloyd with Hamerly's bounds: rows whose bounds prove that their label cannot change
 * are skipped, the others are collected in `list` and scanned in full (which also resets their bounds).
 * `all`: scan every row (the first assignment, when no bounds exist yet). Returns how many labels changed.
 */
function boundedAssign(
  x: usize, n: i32, d: i32, centres: usize, k: i32, labels: usize, ct: usize, cnorm: usize, rows: usize,
  upper: usize, lower: usize, xnorm: usize, half: usize, list: usize, all: bool,
): i32 {
  const rowBytes = <usize>d << 3;
  const cmax2 = prepareCentres(centres, k, d, ct, cnorm);
  if (all) return scanRows(x, 0, n, d, ct, cnorm, k, labels, rows, upper, lower, xnorm, cmax2);
  halfGaps(centres, k, d, half);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = i32At(labels, i);
    const slack = BOUND_SLACK * (f64At(xnorm, i) + cmax2);
    let u = f64At(upper, i);
    const l = f64At(lower, i);
    const s = f64At(half, a);
    // Every other centre is at least `bound` away (l directly; 2 s_a - u by the triangle inequality).
    let bound = max<f64>(l, 2 * s - u);
    if (bound > u && bound * bound - u * u > 2 * slack) continue;
    // Tighten u to the exact distance (plus slack) and try again before paying for a full scan.
    u = Math.sqrt(sqDist(x + <usize>i * rowBytes, centres + <usize>a * rowBytes, d) + slack);
    setF64(upper, i, u);
    bound = max<f64>(l, 2 * s - u);
    if (bound > u && bound * bound - u * u > 2 * slack) continue;
    store<i32>(list + (<usize>count << 2), i);
    count++;
  }
  return scanRows(x, list, count, d, ct, cnorm, k, labels, rows, upper, lower, xnorm, cmax2);
}

/** After the centres moved by moves[j]: u grows by its own centre's move, l shrinks by the largest other move. */
function moveBounds(n: i32, k: i32, labels: usize, moves: usize, upper: usize, lower: usize): void {
  let top = 0;
  let firstMove: f64 = -1;
  let secondMove: f64 = 0;
  for (let j = 0; j < k; j++) {
    const m = f64At(moves, j);
    if (m > firstMove) {
      secondMove = max<f64>(firstMove, 0);
      firstMove = m;
      top = j;
    } else if (m > secondMove) {
      secondMove = m;
    }
  }
  for (let i = 0; i < n; i++) {
    const a = i32At(labels, i);
    setF64(upper, i, f64At(upper, i) + f64At(moves, a));
    setF64(lower, i, f64At(lower, i) - (a == top ? secondMove : firstMove));
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
 *
 * Speed: Hamerly's bounds (2010) skip the full scan of a row whose nearest centre provably cannot change: an upper
 * bound u on the distance to its centre a and a lower bound l on the distance to any other centre, moved by the
 * centres' displacements after each update, and s_a = half the distance from a to its nearest other centre. A row is
 * skipped only when max(l, 2 s_a - u)^2 - u^2 exceeds twice the bound slack, i.e. when every other centre is farther
 * by a margin far above the rounding of the expanded-form distances. So a skipped row's full scan would have chosen
 * the same centre, and labels, centres and iteration counts are those of plain Lloyd with scanRows' arithmetic.
 */
export function kmeansLloyd(
  x: usize, n: i32, d: i32, centres: usize, k: i32, maxIter: i32, tol: f64, labels: usize, work: usize,
): i32 {
  assert(n > 0 && d > 0 && k > 0 && k <= n && maxIter > 0, 'kmeansLloyd: bad shape or maxIter');
  const kp = padK(k);
  const rowBytes = <usize>d << 3;
  const ct = work;
  const cnorm = ct + align16(<usize>d * <usize>kp << 3);
  const rows = cnorm + align16(<usize>kp << 3);
  const sums = work + align16(kmeansAssignWorkBytes(d, k));
  const counts = sums + align16(<usize>k * rowBytes);
  const half = counts + align16(<usize>k << 3);
  const moves = half + align16(<usize>k << 3);
  const dist = moves + align16(<usize>k << 3);
  const xnorm = dist + align16(<usize>n << 3);
  const upper = xnorm + align16(<usize>n << 3);
  const lower = upper + align16(<usize>n << 3);
  const list = lower + align16(<usize>n << 3);

  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * rowBytes;
    let s: f64 = 0;
    for (let f = 0; f < d; f++) s += f64At(xi, f) * f64At(xi, f);
    setF64(xnorm, i, s);
    store<i32>(labels + (<usize>i << 2), -1);
  }
  let changed = boundedAssign(x, n, d, centres, k, labels, ct, cnorm, rows, upper, lower, xnorm, half, list, true);
  let iter = 0;
  let strict = false;
  while (true) {
    iter++;
    // Update: centre = sum * (1 / count) (scikit-learn's `_average_centers`); a cluster left with no rows keeps
    // its sum.
    memory.fill(sums, 0, <usize>k * rowBytes);
    memory.fill(counts, 0, <usize>k << 3);
    for (let i = 0; i < n; i++) {
      const l = i32At(labels, i);
      axpy(sums + <usize>l * rowBytes, x + <usize>i * rowBytes, 1.0, d);
      setF64(counts, l, f64At(counts, l) + 1);
    }
    relocateEmpty(x, n, d, centres, k, labels, sums, counts, dist);
    let shift: f64 = 0;
    for (let j = 0; j < k; j++) {
      const sj = sums + <usize>j * rowBytes;
      const cj = centres + <usize>j * rowBytes;
      const c = f64At(counts, j);
      const alpha = c > 0 ? 1.0 / c : 1.0;
      let moved: f64 = 0;
      for (let f = 0; f < d; f++) {
        const v = f64At(sj, f) * alpha;
        const delta = v - f64At(cj, f);
        moved += delta * delta;
        setF64(cj, f, v);
      }
      shift += moved;
      setF64(moves, j, Math.sqrt(moved));
    }
    // The checks of scikit-learn's loop, in its order: labels unchanged by this iteration's assignment, then tol.
    if (changed == 0) {
      strict = true;
      break;
    }
    if (shift <= tol || iter == maxIter) break;
    moveBounds(n, k, labels, moves, upper, lower);
    changed = boundedAssign(x, n, d, centres, k, labels, ct, cnorm, rows, upper, lower, xnorm, half, list, false);
  }
  if (!strict) {
    // Labels for the final centres (scikit-learn reruns the E-step without updating the centres).
    moveBounds(n, k, labels, moves, upper, lower);
    boundedAssign(x, n, d, centres, k, labels, ct, cnorm, rows, upper, lower, xnorm, half, list, false);
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
 * Squared distances use the expanded form ||x||^2 + ||c||^2 - 2 x.c clipped at 0, as scikit-learn's
 * `_euclidean_distances` here (they only weight the draws). The host draws the uniforms from the trial's seeded
 * generator, so the kernel holds no random state.
 * centres: k x d, written; indices: k i32 (chosen rows), written; work: kmeansPlusPlusWorkBytes(n, nTrials) bytes.
 */
export function kmeansPlusPlus(
  x: usize, n: i32, d: i32, k: i32, first: i32, uniforms: usize, nTrials: i32, centres: usize, indices: usize, work: usize,
): void {
  assert(n > 0 && d > 0 && k > 0 && k <= n && nTrials > 0 && first >= 0 && first < n, 'kmeansPlusPlus: bad arguments');
  const rowBytes = <usize>d << 3;
  const closest = work;
  const cumsum = closest + align16(<usize>n << 3);
  const xnorm = cumsum + align16(<usize>n << 3);
  const cand = xnorm + align16(<usize>n << 3);
  const candIds = cand + align16(<usize>nTrials * <usize>n << 3);
  const pots = candIds + align16(<usize>nTrials << 2);

  memory.copy(centres, x + <usize>first * rowBytes, rowBytes);
  store<i32>(indices, first);
  for (let i = 0; i < n; i++) {
    const xi = x + <usize>i * rowBytes;
    setF64(xnorm, i, dot(xi, xi, d));
  }
  const c0 = x + <usize>first * rowBytes;
  const n0 = f64At(xnorm, first);
  let pot: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = max<f64>(0, f64At(xnorm, i) + n0 - 2 * dot(x + <usize>i * rowBytes, c0, d));
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
    // One pass over X for all trials: each row is loaded once and compared with every candidate.
    for (let t = 0; t < nTrials; t++) setF64(pots, t, 0);
    for (let i = 0; i < n; i++) {
      const xi = x + <usize>i * rowBytes;
      const ci = f64At(closest, i);
      const xn = f64At(xnorm, i);
      for (let t = 0; t < nTrials; t++) {
        const id = i32At(candIds, t);
        const dist = max<f64>(0, xn + f64At(xnorm, id) - 2 * dot(xi, x + <usize>id * rowBytes, d));
        const v = min<f64>(ci, dist);
        setF64(cand + (<usize>t * <usize>n << 3), i, v);
        setF64(pots, t, f64At(pots, t) + v);
      }
    }
    let bestT = 0;
    let bestPot = f64At(pots, 0);
    for (let t = 1; t < nTrials; t++) {
      if (f64At(pots, t) < bestPot) {
        bestPot = f64At(pots, t);
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
