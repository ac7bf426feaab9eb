// Plain JavaScript (what TypeScript compiles to: no wasm, no SIMD) versions of the SAME algorithms as the wasm kernels
// of assembly/*.ts, for the kernel micro-benchmarks. Same inputs, same arithmetic, same output layout: each benchmark
// checks that both agree before it reports a time, so a speed-up is never measured against a different computation.
// Only the summation order inside the SIMD reductions differs (results agree to rounding).

/** assembly/distance.ts sqEuclidean: out[i*nB+j] = sum_k (a[i,k] - b[j,k])^2 (difference form). */
export function sqEuclidean(a, nA, b, nB, d, out) {
  for (let i = 0; i < nA; i++) {
    const ai = i * d;
    const oi = i * nB;
    for (let j = 0; j < nB; j++) {
      const bj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const diff = a[ai + k] - b[bj + k];
        s += diff * diff;
      }
      out[oi + j] = s;
    }
  }
}

/** assembly/knn.ts knnTable: the k smallest of each row of dist (nQ x nRef), ascending, ties to the lower index,
 *  by insertion into a sorted window. */
export function knnTable(dist, nQ, nRef, k, outIdx, outDist) {
  for (let q = 0; q < nQ; q++) {
    const row = q * nRef;
    const base = q * k;
    let filled = 0;
    for (let j = 0; j < nRef; j++) {
      const v = dist[row + j];
      if (filled === k) {
        if (!(v < outDist[base + k - 1])) continue;
      } else {
        filled++;
      }
      let pos = filled - 1;
      while (pos > 0) {
        const prev = outDist[base + pos - 1];
        if (prev <= v) break;
        outDist[base + pos] = prev;
        outIdx[base + pos] = outIdx[base + pos - 1];
        pos--;
      }
      outDist[base + pos] = v;
      outIdx[base + pos] = j;
    }
  }
}

/** Nearest centre by ||c||^2 - 2 x.c, first minimum on ties (assembly/kmeans.ts assignLabels); returns changes. */
function assignLabels(x, n, d, centres, k, cnorm, labels) {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    let best = Infinity;
    let lab = 0;
    for (let j = 0; j < k; j++) {
      const cj = j * d;
      let dot = 0;
      for (let f = 0; f < d; f++) dot += x[xi + f] * centres[cj + f];
      const v = cnorm[j] - 2 * dot;
      if (v < best) {
        best = v;
        lab = j;
      }
    }
    if (labels[i] !== lab) changed++;
    labels[i] = lab;
  }
  return changed;
}

function centreNorms(centres, k, d, cnorm) {
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += centres[j * d + f] * centres[j * d + f];
    cnorm[j] = s;
  }
}

function sqDist(x, xi, c, cj, d) {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const diff = x[xi + f] - c[cj + f];
    s += diff * diff;
  }
  return s;
}

/** assembly/kmeans.ts relocateEmpty: empty clusters take the rows farthest from their old centre. */
function relocateEmpty(x, n, d, old, k, labels, sums, counts, dist) {
  let nEmpty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) nEmpty++;
  if (nEmpty === 0) return;
  for (let i = 0; i < n; i++) dist[i] = sqDist(x, i * d, old, labels[i] * d, d);
  let j = 0;
  for (let e = 0; e < nEmpty && e < n; e++) {
    while (counts[j] !== 0) j++;
    let far = 0;
    let farDist = -Infinity;
    for (let i = 0; i < n; i++) {
      if (dist[i] > farDist) {
        farDist = dist[i];
        far = i;
      }
    }
    dist[far] = -Infinity;
    const from = labels[far];
    for (let f = 0; f < d; f++) sums[from * d + f] -= x[far * d + f];
    counts[from]--;
    for (let f = 0; f < d; f++) sums[j * d + f] = x[far * d + f];
    counts[j] = 1;
    j++;
  }
}

/** assembly/kmeans.ts kmeansLloyd (same stopping rules, same final re-assignment); returns iterations run. */
export function kmeansLloyd(x, n, d, centres, k, maxIter, tol, labels) {
  const cnorm = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const dist = new Float64Array(n);
  labels.fill(-1);
  let iter = 0;
  let strict = false;
  while (iter < maxIter) {
    iter++;
    centreNorms(centres, k, d, cnorm);
    const changed = assignLabels(x, n, d, centres, k, cnorm, labels);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      for (let f = 0; f < d; f++) sums[l * d + f] += x[i * d + f];
      counts[l]++;
    }
    relocateEmpty(x, n, d, centres, k, labels, sums, counts, dist);
    let shift = 0;
    for (let j = 0; j < k; j++) {
      const alpha = counts[j] > 0 ? 1 / counts[j] : 1;
      for (let f = 0; f < d; f++) {
        const v = sums[j * d + f] * alpha;
        const delta = v - centres[j * d + f];
        shift += delta * delta;
        centres[j * d + f] = v;
      }
    }
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  if (!strict) {
    centreNorms(centres, k, d, cnorm);
    assignLabels(x, n, d, centres, k, cnorm, labels);
  }
  return iter;
}

/**
 * Log loss and its derivative from one exp, as assembly/sgd.ts lossAndDLoss computes them: with e = exp(-p y),
 * loss = log(1 + e) and dloss = -y e / (1 + e) (scikit-learn's -y / (exp(p y) + 1) rewritten), clipped to +-1e12.
 * Writes the loss to lossOut[0].
 */
function logLossAndDLoss(p, y, lossOut) {
  const z = p * y;
  let dl;
  if (z > 18) {
    const e = Math.exp(-z);
    lossOut[0] = e;
    dl = -y * e;
  } else if (z < -18) {
    lossOut[0] = -z;
    dl = -y;
  } else {
    const e = Math.exp(-z);
    lossOut[0] = Math.log(1 + e);
    dl = (-y * e) / (1 + e);
  }
  return Math.min(1e12, Math.max(-1e12, dl));
}

/**
 * w . x in the summation order of the wasm SIMD dot (two f64x2 accumulators over groups of 4, lanes added last, then
 * the tail). SGD feeds every prediction back into the weights, so over thousands of steps a different rounding order
 * makes trajectories drift apart; summing in the same order keeps the two implementations bit-identical, and four
 * scalar accumulators are an ordinary way to write this loop in JS anyway.
 */
function dotLanes(a, ai, b, bi, d) {
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  const quads = d & ~3;
  let f = 0;
  for (; f < quads; f += 4) {
    a0 += a[ai + f] * b[bi + f];
    a1 += a[ai + f + 1] * b[bi + f + 1];
    b0 += a[ai + f + 2] * b[bi + f + 2];
    b1 += a[ai + f + 3] * b[bi + f + 3];
  }
  let s = (a0 + b0) + (a1 + b1);
  for (; f < d; f++) s += a[ai + f] * b[bi + f];
  return s;
}

/**
 * assembly/sgd.ts sgdEpoch specialised to the benchmark's configuration: log loss, L2 penalty, 'optimal' schedule,
 * plain SGD, batch size 1, intercept fitted, loss accumulated. model: nModels * d weights then nModels intercepts.
 * perModel: [eta | active | loss | l1u] x nModels. Returns the update counter after the epoch.
 * As the kernel (and scikit-learn's WeightVector), each model's weights are kept as wscale * v within the epoch: the
 * shrink multiplies wscale, the step adds (update / wscale) x to v, wscale below 1e-9 is folded into v, and every
 * wscale is folded back at the end of the epoch.
 */
export function sgdEpochLogL2Optimal(x, d, order, nOrder, y, nModels, model, perModel, alpha, optimalInit, t) {
  const bias = nModels * d;
  const lossOut = new Float64Array(1);
  const scales = new Float64Array(nModels).fill(1);
  for (let m = 0; m < nModels; m++) perModel[2 * nModels + m] = 0;
  let tt = t;
  for (let r = 0; r < nOrder; r++) {
    const eta = 1 / (alpha * (optimalInit + tt - 1));
    const xi = order[r] * d;
    for (let m = 0; m < nModels; m++) {
      if (perModel[nModels + m] === 0) continue;
      const w = m * d;
      let ws = scales[m];
      const p = ws * dotLanes(model, w, x, xi, d) + model[bias + m];
      const target = y[order[r] * nModels + m];
      const dl = logLossAndDLoss(p, target, lossOut);
      perModel[2 * nModels + m] += lossOut[0];
      perModel[m] = eta;
      ws *= Math.max(0, 1 - alpha * eta);
      if (ws < 1e-9) {
        for (let f = 0; f < d; f++) model[w + f] *= ws;
        ws = 1;
      }
      scales[m] = ws;
      const u = -eta * dl;
      if (u !== 0) {
        const c = u / ws;
        for (let f = 0; f < d; f++) model[w + f] = model[w + f] + x[xi + f] * c;
      }
      model[bias + m] -= eta * dl;
    }
    tt += 1;
  }
  for (let m = 0; m < nModels; m++) {
    if (scales[m] !== 1) for (let f = 0; f < d; f++) model[m * d + f] *= scales[m];
  }
  return tt;
}

/** assembly/linear.ts featureMeans. */
export function featureMeans(X, rows, cols, out) {
  out.fill(0);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) out[c] += X[i * cols + c];
  const inv = 1 / rows;
  for (let c = 0; c < cols; c++) out[c] *= inv;
}

/** assembly/linear.ts centeredGram: upper triangle by rank-1 updates of the centred row, then mirrored. */
export function centeredGram(X, rows, cols, mean, z, out) {
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) z[c] = X[i * cols + c] - mean[c];
    for (let a = 0; a < cols; a++) {
      const za = z[a];
      if (za === 0) continue;
      const row = a * cols;
      for (let b = a; b < cols; b++) out[row + b] += za * z[b];
    }
  }
  for (let a = 0; a < cols; a++) for (let b = a + 1; b < cols; b++) out[b * cols + a] = out[a * cols + b];
}

/** assembly/linear.ts centeredXty. */
export function centeredXty(X, rows, cols, mean, y, yMean, out) {
  out.fill(0);
  let ySum = 0;
  for (let i = 0; i < rows; i++) {
    const r = y[i] - yMean;
    ySum += r;
    for (let c = 0; c < cols; c++) out[c] += r * X[i * cols + c];
  }
  for (let c = 0; c < cols; c++) out[c] -= mean[c] * ySum;
}

/** assembly/linear.ts choleskyShifted: L L^T = A + shift I; 0 on success else 1 + the failing pivot. */
export function choleskyShifted(A, n, shift, rankTol, L) {
  let maxDiag = 0;
  for (let k = 0; k < n; k++) maxDiag = Math.max(maxDiag, A[k * n + k] + shift);
  const floor = rankTol * maxDiag;
  L.fill(0);
  for (let j = 0; j < n; j++) {
    let dj = 0;
    for (let k = 0; k < j; k++) dj += L[j * n + k] * L[j * n + k];
    const s = A[j * n + j] + shift - dj;
    if (!(s > floor) || !(s > 0)) return j + 1;
    const ljj = Math.sqrt(s);
    L[j * n + j] = ljj;
    const inv = 1 / ljj;
    for (let i = j + 1; i < n; i++) {
      let dot = 0;
      for (let k = 0; k < j; k++) dot += L[i * n + k] * L[j * n + k];
      L[i * n + j] = (A[i * n + j] - dot) * inv;
    }
  }
  return 0;
}

/** assembly/linear.ts choleskySolve: L L^T x = b in place. */
export function choleskySolve(L, n, b) {
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let k = 0; k < i; k++) dot += L[i * n + k] * b[k];
    b[i] = (b[i] - dot) / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * b[k];
    b[i] = s / L[i * n + i];
  }
}
