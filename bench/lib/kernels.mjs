// Kernel micro-benchmarks: the release wasm binary (the bytes the built package embeds, handed in by the caller) called
// directly through its exports, against the plain-JS versions of the same algorithms in js-kernels.mjs, on the same
// seeded data in the same run. Environment-neutral: Node runs it on the main thread, the Chromium bench page in a
// dedicated Web Worker (the context the library's kernels run in).
//
// A kernel that is not exported (or whose arity differs from the ABI this file was written against) is reported as
// unavailable with the reason, and is picked up automatically once it lands. Each benchmark checks that wasm and JS
// produce the same result before reporting a time: a mismatch is reported instead of a number.

import * as js from './js-kernels.mjs';

const now = () => performance.now();

/** Distance kernel target of work item [4] (f64, GFLOP/s counting 3 flops per element). */
export const DIST_TARGET_GFLOPS = 15;

// ---- seeded data --------------------------------------------------------------------------------------------------

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussianFill(arr, rng, scale = 1, offset = 0) {
  for (let i = 0; i < arr.length; i += 2) {
    const u = 1 - rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u)) * scale;
    arr[i] = offset + r * Math.cos(2 * Math.PI * v);
    if (i + 1 < arr.length) arr[i + 1] = offset + r * Math.sin(2 * Math.PI * v);
  }
  return arr;
}

/** n rows around k centres (d features), row-major. */
function blobs(n, d, k, rng) {
  const centres = gaussianFill(new Float64Array(k * d), rng, 6);
  const x = gaussianFill(new Float64Array(n * d), rng);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rng() * k);
    for (let f = 0; f < d; f++) x[i * d + f] += centres[c * d + f];
  }
  return x;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time of fn after warm-up (JIT and wasm tier-up); reset() runs before every call, untimed. */
function timeIt(fn, reset, { warmup, minReps, maxReps, minMs }) {
  for (let i = 0; i < warmup; i++) {
    reset();
    fn();
  }
  const times = [];
  const start = now();
  while (times.length < minReps || (now() - start < minMs && times.length < maxReps)) {
    reset();
    const t0 = now();
    fn();
    times.push(now() - t0);
  }
  return { median: median(times), min: Math.min(...times), reps: times.length };
}

function maxRelErr(a, b) {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i]), Math.abs(b[i]));
    if (!(e <= worst)) worst = e; // NaN propagates as a failure
  }
  return worst;
}

// ---- wasm memory --------------------------------------------------------------------------------------------------

/** Bump allocator over the instance's memory (the kernels never allocate); reset() frees everything. */
class Heap {
  constructor(wasm) {
    this.wasm = wasm;
    this.base = (Number(wasm.heapBase()) + 15) & ~15;
    this.top = this.base;
  }
  alloc(bytes) {
    const ptr = this.top;
    const end = ptr + ((bytes + 15) & ~15);
    const have = this.wasm.memory.buffer.byteLength;
    if (end > have) this.wasm.memory.grow(Math.ceil((end - have) / 65536));
    this.top = end;
    return ptr;
  }
  reset() {
    this.top = this.base;
  }
  // Views are made on demand: memory.grow detaches older ones.
  f64(ptr, n) {
    return new Float64Array(this.wasm.memory.buffer, ptr, n);
  }
  f32(ptr, n) {
    return new Float32Array(this.wasm.memory.buffer, ptr, n);
  }
  i32(ptr, n) {
    return new Int32Array(this.wasm.memory.buffer, ptr, n);
  }
}

// ---- the benchmarks -----------------------------------------------------------------------------------------------

/** Finds an f32 squared-distance export (none exists yet; the name is matched so a new one is picked up). */
function findF32Distance(wasm) {
  return Object.keys(wasm).find((n) => /^sqEuclidean_?(f32|32)$/i.test(n) && typeof wasm[n] === 'function') ?? null;
}

/**
 * Each benchmark: requires (export name -> parameter count), size(quick), flops(size) or null, setup(heap, wasm, size)
 * returning { wasm(), js(), reset(), check() -> max error, tolerance }.
 */
const BENCHES = [
  {
    id: 'dist-f64',
    title: 'squared distances f64',
    requires: { sqEuclidean: 6 },
    size: (quick) => ({ n: quick ? 10000 : 100000, k: 16, d: 32 }),
    sizeText: (s) => `n=${s.n} k=${s.k} d=${s.d}`,
    flops: (s) => 3 * s.n * s.k * s.d,
    flopsText: '3 n k d (sub, mul, add per element)',
    target: { gflops: DIST_TARGET_GFLOPS },
    setup(heap, wasm, { n, k, d }) {
      const rng = mulberry32(1);
      const a = gaussianFill(new Float64Array(n * d), rng);
      const b = gaussianFill(new Float64Array(k * d), rng);
      const aPtr = heap.alloc(a.length * 8);
      const bPtr = heap.alloc(b.length * 8);
      const outPtr = heap.alloc(n * k * 8);
      heap.f64(aPtr, a.length).set(a);
      heap.f64(bPtr, b.length).set(b);
      const out = new Float64Array(n * k);
      return {
        wasm: () => wasm.sqEuclidean(aPtr, n, bPtr, k, d, outPtr),
        js: () => js.sqEuclidean(a, n, b, k, d, out),
        check: () => maxRelErr(heap.f64(outPtr, n * k), out),
        tolerance: 1e-12,
      };
    },
  },
  {
    id: 'dist-f32',
    title: 'squared distances f32',
    requires: (wasm) => {
      const name = findF32Distance(wasm);
      if (!name) return 'no f32 distance export (looked for sqEuclideanF32 / sqEuclidean32)';
      if (wasm[name].length !== 6) return `${name} takes ${wasm[name].length} parameters; expected 6 (a, nA, b, nB, d, out)`;
      return null;
    },
    size: (quick) => ({ n: quick ? 10000 : 100000, k: 16, d: 32 }),
    sizeText: (s) => `n=${s.n} k=${s.k} d=${s.d}`,
    flops: (s) => 3 * s.n * s.k * s.d,
    flopsText: '3 n k d',
    note: 'ABI assumed: f32 in and out, same arguments as sqEuclidean',
    setup(heap, wasm, { n, k, d }) {
      const name = findF32Distance(wasm);
      const rng = mulberry32(1);
      const a = Float32Array.from(gaussianFill(new Float64Array(n * d), rng));
      const b = Float32Array.from(gaussianFill(new Float64Array(k * d), rng));
      const aPtr = heap.alloc(a.length * 4);
      const bPtr = heap.alloc(b.length * 4);
      const outPtr = heap.alloc(n * k * 4);
      heap.f32(aPtr, a.length).set(a);
      heap.f32(bPtr, b.length).set(b);
      const out = new Float32Array(n * k);
      return {
        wasm: () => wasm[name](aPtr, n, bPtr, k, d, outPtr),
        js: () => js.sqEuclidean(a, n, b, k, d, out),
        check: () => maxRelErr(heap.f32(outPtr, n * k), out),
        tolerance: 1e-4,
      };
    },
  },
  {
    id: 'knn-table',
    title: 'KNN neighbour table',
    requires: { sqEuclidean: 6, knnTable: 6 },
    size: (quick) => ({ nQ: quick ? 100 : 500, nRef: quick ? 2000 : 10000, k: 30, d: 32 }),
    sizeText: (s) => `${s.nQ} x ${s.nRef} distances, k=${s.k}`,
    flops: null,
    flopsText: 'none (selection: comparisons); distances precomputed, untimed',
    setup(heap, wasm, { nQ, nRef, k, d }) {
      const rng = mulberry32(2);
      const q = gaussianFill(new Float64Array(nQ * d), rng);
      const r = gaussianFill(new Float64Array(nRef * d), rng);
      const qPtr = heap.alloc(q.length * 8);
      const rPtr = heap.alloc(r.length * 8);
      const distPtr = heap.alloc(nQ * nRef * 8);
      const idxPtr = heap.alloc(nQ * k * 4);
      const outDistPtr = heap.alloc(nQ * k * 8);
      heap.f64(qPtr, q.length).set(q);
      heap.f64(rPtr, r.length).set(r);
      wasm.sqEuclidean(qPtr, nQ, rPtr, nRef, d, distPtr);
      const dist = heap.f64(distPtr, nQ * nRef).slice();
      const idx = new Int32Array(nQ * k);
      const outDist = new Float64Array(nQ * k);
      return {
        wasm: () => wasm.knnTable(distPtr, nQ, nRef, k, idxPtr, outDistPtr),
        js: () => js.knnTable(dist, nQ, nRef, k, idx, outDist),
        check: () => {
          const wi = heap.i32(idxPtr, nQ * k);
          for (let i = 0; i < wi.length; i++) if (wi[i] !== idx[i]) return Infinity;
          return maxRelErr(heap.f64(outDistPtr, nQ * k), outDist);
        },
        tolerance: 0,
      };
    },
  },
  {
    id: 'kmeans-iter',
    title: 'k-means iteration',
    requires: { kmeansLloyd: 9, kmeansLloydWorkBytes: 3 },
    size: (quick) => ({ n: quick ? 5000 : 50000, d: 16, k: 12 }),
    sizeText: (s) => `n=${s.n} d=${s.d} k=${s.k}`,
    // kmeansLloyd with maxIter 1: assign, move the centres, assign again (labels must match the final centres).
    flops: (s) => 4 * s.n * s.k * s.d + s.n * s.d,
    flopsText: '2 assignments x 2 n k d (dot form) + n d (centre sums)',
    note: 'kmeansLloyd maxIter=1 (assign, update, re-assign)',
    setup(heap, wasm, { n, d, k }) {
      const rng = mulberry32(3);
      const x = blobs(n, d, k, rng);
      const init = new Float64Array(k * d);
      for (let j = 0; j < k; j++) init.set(x.subarray(j * Math.floor(n / k) * d, j * Math.floor(n / k) * d + d), j * d);
      const xPtr = heap.alloc(x.length * 8);
      const cPtr = heap.alloc(k * d * 8);
      const labPtr = heap.alloc(n * 4);
      const workPtr = heap.alloc(Number(wasm.kmeansLloydWorkBytes(n, d, k)));
      heap.f64(xPtr, x.length).set(x);
      const centres = new Float64Array(k * d);
      const labels = new Int32Array(n);
      return {
        reset: () => {
          heap.f64(cPtr, k * d).set(init);
          centres.set(init);
        },
        wasm: () => wasm.kmeansLloyd(xPtr, n, d, cPtr, k, 1, 0, labPtr, workPtr),
        js: () => js.kmeansLloyd(x, n, d, centres, k, 1, 0, labels),
        check: () => {
          const wl = heap.i32(labPtr, n);
          for (let i = 0; i < n; i++) if (wl[i] !== labels[i]) return Infinity;
          return maxRelErr(heap.f64(cPtr, k * d), centres);
        },
        tolerance: 1e-10,
      };
    },
  },
  {
    id: 'sgd-epoch',
    title: 'SGD epoch (log loss, 4 classes OvA)',
    requires: { sgdEpoch: 27 },
    size: (quick) => ({ n: quick ? 2000 : 20000, d: 32, m: 4 }),
    sizeText: (s) => `n=${s.n} d=${s.d} models=${s.m}`,
    flops: (s) => 4 * s.n * s.m * s.d,
    flopsText: '4 n m d (dot 2d + step 2d per row and model; the L2 shrink is one multiply of a weight scale)',
    note: "L2 alpha 1e-3, 'optimal' rate, batch 1",
    setup(heap, wasm, { n, d, m }) {
      const rng = mulberry32(4);
      const x = gaussianFill(new Float64Array(n * d), rng);
      const wTrue = gaussianFill(new Float64Array(m * d), rng);
      const y = new Float64Array(n * m);
      for (let i = 0; i < n; i++) {
        let best = 0;
        let bestV = -Infinity;
        for (let c = 0; c < m; c++) {
          let s = 2 * (rng() - 0.5);
          for (let f = 0; f < d; f++) s += wTrue[c * d + f] * x[i * d + f];
          if (s > bestV) {
            bestV = s;
            best = c;
          }
        }
        for (let c = 0; c < m; c++) y[i * m + c] = c === best ? 1 : -1;
      }
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      // alpha 1e-3: with 1e-4 the 'optimal' rate starts so large that the one-ulp differences of exp/log between
      // the AS and JS math libraries grow into different trajectories; the work per epoch does not depend on alpha.
      const alpha = 1e-3;
      // scikit-learn's optimal_init for log loss.
      const typw = Math.sqrt(1 / Math.sqrt(alpha));
      const initialEta = typw / Math.max(1, 1 / (Math.exp(-typw) + 1));
      const optimalInit = 1 / (initialEta * alpha);
      const modelLen = m * d + m;
      const xPtr = heap.alloc(x.length * 8);
      const orderPtr = heap.alloc(n * 4);
      const yPtr = heap.alloc(y.length * 8);
      const modelPtr = heap.alloc(modelLen * 8);
      const gradPtr = heap.alloc(modelLen * 8);
      const m1Ptr = heap.alloc(modelLen * 8);
      const m2Ptr = heap.alloc(modelLen * 8);
      const l1qPtr = heap.alloc(modelLen * 8);
      const perPtr = heap.alloc(4 * m * 8);
      heap.f64(xPtr, x.length).set(x);
      heap.i32(orderPtr, n).set(order);
      heap.f64(yPtr, y.length).set(y);
      const model = new Float64Array(modelLen);
      const per = new Float64Array(4 * m);
      const perInit = new Float64Array(4 * m);
      perInit.fill(1, m, 2 * m); // every model active
      let tWasm = 0;
      let tJs = 0;
      return {
        reset: () => {
          for (const p of [modelPtr, gradPtr, m1Ptr, m2Ptr, l1qPtr]) heap.f64(p, modelLen).fill(0);
          heap.f64(perPtr, 4 * m).set(perInit);
          model.fill(0);
          per.set(perInit);
        },
        // lossKind 1 = log, penalty 2 = l2, schedule 1 = optimal, optimizer 0 = sgd (assembly/sgd.ts).
        wasm: () => {
          tWasm = wasm.sgdEpoch(xPtr, d, orderPtr, n, yPtr, m, modelPtr, gradPtr, m1Ptr, m2Ptr, l1qPtr, perPtr,
            1, 0, 2, 1, 0, alpha, 0.15, 0.01, 0.5, optimalInit, 0, 1, 1, 1, 1);
        },
        js: () => {
          tJs = js.sgdEpochLogL2Optimal(x, d, order, n, y, m, model, per, alpha, optimalInit, 1);
        },
        check: () => {
          if (tWasm !== tJs) return Infinity;
          return Math.max(maxRelErr(heap.f64(modelPtr, modelLen), model), maxRelErr(heap.f64(perPtr, 4 * m), per));
        },
        // 20000 dependent updates carry one-ulp differences (AS vs V8 exp/log) forward; a different algorithm (a
        // missing shrink, another rate) is off by orders of magnitude more than this.
        tolerance: 1e-6,
      };
    },
  },
  {
    id: 'ridge-solve',
    title: 'ridge solve (Gram + Cholesky)',
    requires: { featureMeans: 4, centeredGram: 6, centeredXty: 7, choleskyShifted: 5, choleskySolve: 3 },
    size: (quick) => ({ n: quick ? 2000 : 20000, d: 32 }),
    sizeText: (s) => `n=${s.n} d=${s.d}`,
    flops: (s) => s.n * s.d * (s.d + 1) + 5 * s.n * s.d + Math.round(s.d ** 3 / 3) + 2 * s.d * s.d,
    flopsText: 'n d(d+1) Gram + 5 n d (means, centring, X^T y) + d^3/3 Cholesky + 2 d^2 solves',
    setup(heap, wasm, { n, d }) {
      const rng = mulberry32(5);
      const X = gaussianFill(new Float64Array(n * d), rng, 2, 1);
      const w = gaussianFill(new Float64Array(d), rng);
      const y = gaussianFill(new Float64Array(n), rng, 0.5);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) y[i] += X[i * d + f] * w[f];
      const alpha = 1;
      const tol = Math.max(n, d) * Number.EPSILON;
      const xPtr = heap.alloc(X.length * 8);
      const yPtr = heap.alloc(n * 8);
      const meanPtr = heap.alloc(d * 8);
      const zPtr = heap.alloc(d * 8);
      const gPtr = heap.alloc(d * d * 8);
      const bPtr = heap.alloc(d * 8);
      const lPtr = heap.alloc(d * d * 8);
      heap.f64(xPtr, X.length).set(X);
      heap.f64(yPtr, n).set(y);
      const mean = new Float64Array(d);
      const z = new Float64Array(d);
      const G = new Float64Array(d * d);
      const b = new Float64Array(d);
      const L = new Float64Array(d * d);
      const yMeanOf = () => {
        let s = 0;
        for (let i = 0; i < n; i++) s += y[i];
        return s / n;
      };
      let status = [0, 0];
      return {
        wasm: () => {
          const yMean = yMeanOf();
          wasm.featureMeans(xPtr, n, d, meanPtr);
          wasm.centeredGram(xPtr, n, d, meanPtr, zPtr, gPtr);
          wasm.centeredXty(xPtr, n, d, meanPtr, yPtr, yMean, bPtr);
          status[0] = wasm.choleskyShifted(gPtr, d, alpha, tol, lPtr);
          wasm.choleskySolve(lPtr, d, bPtr);
        },
        js: () => {
          const yMean = yMeanOf();
          js.featureMeans(X, n, d, mean);
          js.centeredGram(X, n, d, mean, z, G);
          js.centeredXty(X, n, d, mean, y, yMean, b);
          status[1] = js.choleskyShifted(G, d, alpha, tol, L);
          js.choleskySolve(L, d, b);
        },
        check: () => (status[0] !== 0 || status[1] !== 0 ? Infinity : maxRelErr(heap.f64(bPtr, d), b)),
        tolerance: 1e-9,
      };
    },
  },
];

export const KERNEL_IDS = BENCHES.map((b) => b.id);

function missingExports(bench, wasm) {
  if (typeof bench.requires === 'function') return bench.requires(wasm);
  for (const [name, arity] of Object.entries(bench.requires)) {
    if (typeof wasm[name] !== 'function') return `export ${name} missing`;
    if (wasm[name].length !== arity) return `${name} takes ${wasm[name].length} parameters; the bench expects ${arity}`;
  }
  return null;
}

/**
 * Runs every kernel benchmark on a fresh instance of `wasmBytes` (the release binary). progress(text) is called
 * between steps. Returns one plain record per benchmark; never throws for a single benchmark's failure.
 */
export async function runKernelBenches(wasmBytes, { quick = false, progress = () => {} } = {}) {
  const module = await WebAssembly.compile(wasmBytes);
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort: (_m, _f, line, col) => {
        throw new Error(`wasm abort at ${line}:${col}`);
      },
    },
  });
  const wasm = instance.exports;
  const heap = new Heap(wasm);
  const timing = quick
    ? { warmup: 1, minReps: 3, maxReps: 3, minMs: 0 }
    : { warmup: 2, minReps: 5, maxReps: 40, minMs: 600 };
  const rows = [];
  for (const bench of BENCHES) {
    const size = bench.size(quick);
    const flops = bench.flops ? bench.flops(size) : null;
    const row = {
      id: bench.id,
      title: bench.title,
      size: bench.sizeText(size),
      flops,
      flopsText: bench.flopsText,
      note: bench.note ?? null,
      target: bench.target ?? null,
      quick,
    };
    const missing = missingExports(bench, wasm);
    if (missing) {
      rows.push({ ...row, status: 'unavailable', reason: missing });
      continue;
    }
    heap.reset();
    try {
      progress(`${bench.id}: setup`);
      const b = bench.setup(heap, wasm, size);
      const reset = b.reset ?? (() => {});
      // One call each, then compare: only an agreeing pair is timed.
      reset();
      b.wasm();
      b.js();
      const err = b.check();
      if (!(err <= b.tolerance)) {
        rows.push({ ...row, status: 'mismatch', reason: `wasm and JS disagree (max relative error ${err})` });
        continue;
      }
      progress(`${bench.id}: wasm`);
      const w = timeIt(b.wasm, reset, timing);
      progress(`${bench.id}: plain JS`);
      const j = timeIt(b.js, reset, timing);
      // The timed calls must still agree (a kernel with state that drifts between reps would show up here).
      reset();
      b.wasm();
      b.js();
      const err2 = b.check();
      rows.push({
        ...row,
        status: err2 <= b.tolerance ? 'ok' : 'mismatch',
        reason: err2 <= b.tolerance ? null : `wasm and JS disagree after timing (max relative error ${err2})`,
        maxRelErr: err2,
        wasmMs: w.median,
        wasmMinMs: w.min,
        wasmReps: w.reps,
        jsMs: j.median,
        jsMinMs: j.min,
        jsReps: j.reps,
        speedup: j.median / w.median,
        wasmGflops: flops ? flops / (w.median * 1e6) : null,
        jsGflops: flops ? flops / (j.median * 1e6) : null,
      });
    } catch (e) {
      rows.push({ ...row, status: 'error', reason: e && e.message ? e.message : String(e) });
    }
  }
  heap.reset();
  return rows;
}
