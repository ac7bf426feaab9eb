// The MLP's benchmarks (issue [9]): W7 of WORKLOADS.md through the built package's tune() next to scikit-learn run
// in the same session (bench/python/sklearn_w7.py via runPython), and a kernel micro-benchmark: forward + backward
// GFLOP/s of one training epoch (digits-sized: 1197 x 64 -> 128 -> 10, batch 64, adam) of the release wasm's
// mlpEpoch against a plain-JS transcription of the same loops, on the same data, results cross-checked.
//
// W7 runs in Node (worker_threads) and in headless Chromium (Web Workers, the bench page), the cold run first: a new
// pool whose workers start and compile inside the timing, the first call a user sees.
// Run alone: `node bench/lib/mlp.mjs [--env node|chromium|both] [--runs N] [--workers N] [--no-sklearn] [--kernels-only]`
// (after npm run build), or through `node bench/run.mjs --mlp [--env ...]`.
import { readFileSync } from 'node:fs';
import { shippedWasmBase64 } from './shipped-wasm.mjs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { runPython } from './python.mjs';
import { DATASET_FILES, parseCsv } from './data.mjs';
import { timeW7 } from './mlp-workload.mjs';
import { withBenchPage } from './bench-page.mjs';
import { mulberry32 } from './kernels.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const now = () => performance.now();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- kernel micro-benchmark -----------------------------------------------------------------------------------------

/** The seeded generator the kernel benches share (bench/lib/kernels.mjs). */
const rng = mulberry32;

/**
 * Plain JS: one epoch of the same algorithm as assembly/neural_network/mlp.ts (relu hidden layers, softmax output,
 * log loss, L2, adam), straightforward loops over Float64Array. Returns the accumulated loss.
 */
function jsEpoch(x, y, n, sizes, theta, grad, m, v, st, act, delta, batch, alpha) {
  const L = sizes.length;
  const nOut = sizes[L - 1];
  const nP = theta.length;
  let acc = 0;
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    // gather
    act[0].set(x.subarray(start * sizes[0], (start + count) * sizes[0]));
    // forward
    let w = 0;
    const offs = [];
    for (let l = 0; l + 1 < L; l++) {
      const fi = sizes[l];
      const fo = sizes[l + 1];
      offs.push(w);
      const a = act[l];
      const z = act[l + 1];
      const b = w + fi * fo;
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < fo; j++) {
          let s = theta[b + j];
          for (let p = 0; p < fi; p++) s += a[r * fi + p] * theta[w + p * fo + j];
          z[r * fo + j] = s;
        }
      }
      if (l + 2 < L) for (let i = 0; i < count * fo; i++) z[i] = z[i] < 0 ? 0 : z[i];
      else {
        for (let r = 0; r < count; r++) {
          let mx = -Infinity;
          for (let j = 0; j < fo; j++) mx = Math.max(mx, z[r * fo + j]);
          let sum = 0;
          for (let j = 0; j < fo; j++) sum += z[r * fo + j] = Math.exp(z[r * fo + j] - mx);
          for (let j = 0; j < fo; j++) z[r * fo + j] /= sum;
        }
      }
      w = b + fo;
    }
    // loss and output delta
    const p = act[L - 1];
    let loss = 0;
    for (let i = 0; i < count * nOut; i++) {
      const t = y[start * nOut + i];
      if (t !== 0) loss -= t * Math.log(Math.min(Math.max(p[i], 2.220446049250313e-16), 1 - 2.220446049250313e-16));
      delta[L - 1][i] = p[i] - t;
    }
    loss /= count;
    let sq = 0;
    for (let l = 0; l + 1 < L; l++) for (let i = 0; i < sizes[l] * sizes[l + 1]; i++) sq += theta[offs[l] + i] ** 2;
    acc += (loss + (0.5 * alpha * sq) / count) * count;
    // backward
    for (let l = L - 2; l >= 0; l--) {
      const fi = sizes[l];
      const fo = sizes[l + 1];
      const wo = offs[l];
      const bo = wo + fi * fo;
      const a = act[l];
      const d = delta[l + 1];
      for (let i = 0; i < fi; i++) {
        for (let j = 0; j < fo; j++) {
          let s = 0;
          for (let r = 0; r < count; r++) s += a[r * fi + i] * d[r * fo + j];
          grad[wo + i * fo + j] = (s + alpha * theta[wo + i * fo + j]) / count;
        }
      }
      for (let j = 0; j < fo; j++) {
        let s = 0;
        for (let r = 0; r < count; r++) s += d[r * fo + j];
        grad[bo + j] = s / count;
      }
      if (l > 0) {
        const dp = delta[l];
        for (let r = 0; r < count; r++) {
          for (let i = 0; i < fi; i++) {
            let s = 0;
            for (let j = 0; j < fo; j++) s += d[r * fo + j] * theta[wo + i * fo + j];
            dp[r * fi + i] = a[r * fi + i] === 0 ? 0 : s;
          }
        }
      }
    }
    // adam
    st.t += 1;
    const lr = (st.rate * Math.sqrt(1 - 0.999 ** st.t)) / (1 - 0.9 ** st.t);
    for (let i = 0; i < nP; i++) {
      m[i] = 0.9 * m[i] + 0.1 * grad[i];
      v[i] = 0.999 * v[i] + (1 - 0.999) * grad[i] * grad[i];
      theta[i] += (-lr * m[i]) / (Math.sqrt(v[i]) + 1e-8);
    }
  }
  return acc;
}

/** Forward + backward flops of one epoch: 2 per multiply-add of the forward product, the weight gradients and the
 *  delta products of every layer but the first. */
function epochFlops(n, sizes) {
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const w = sizes[l] * sizes[l + 1];
    macs += 2 * w + (l > 0 ? w : 0);
  }
  return 2 * n * macs;
}

export async function runMlpKernelBench(wasmBytes, { reps = 5 } = {}) {
  const n = 1197;
  const sizes = [64, 128, 10];
  const batch = 64;
  const alpha = 1e-4;
  const r = rng(7);
  const x = Float64Array.from({ length: n * 64 }, () => r() * 2 - 1);
  const y = new Float64Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + Math.floor(r() * 10)] = 1;
  let nP = 0;
  for (let l = 0; l + 1 < sizes.length; l++) nP += sizes[l] * sizes[l + 1] + sizes[l + 1];
  const theta0 = Float64Array.from({ length: nP }, () => (r() * 2 - 1) * 0.1);

  const { instance } = await WebAssembly.instantiate(wasmBytes, { env: { abort: () => { throw new Error('abort'); } } });
  const w = instance.exports;
  if (typeof w.mlpEpoch !== 'function') return { status: 'unavailable', reason: 'mlpEpoch not exported' };
  let top = (Number(w.heapBase()) + 15) & ~15;
  const alloc = (bytes) => {
    const p = top;
    top += (bytes + 15) & ~15;
    const have = w.memory.buffer.byteLength;
    if (top > have) w.memory.grow(Math.ceil((top - have) / 65536));
    return p;
  };
  const units = sizes.reduce((a, b) => a + b, 0);
  const xP = alloc(x.length * 8);
  const yP = alloc(y.length * 8);
  const orderP = alloc(n * 4);
  const sizesP = alloc(sizes.length * 4);
  const thetaP = alloc(nP * 8);
  const gradP = alloc(nP * 8);
  const mP = alloc(nP * 8);
  const vP = alloc(nP * 8);
  const dirP = alloc(nP * 8);
  const stP = alloc(9 * 8);
  const actP = alloc(batch * units * 8);
  const deltaP = alloc(batch * units * 8);
  const maskP = alloc(8);
  const ybP = alloc(batch * 10 * 8);
  const f64 = (p, len) => new Float64Array(w.memory.buffer, p, len);
  f64(xP, x.length).set(x);
  f64(yP, y.length).set(y);
  new Int32Array(w.memory.buffer, orderP, n).set(Int32Array.from({ length: n }, (_, i) => i));
  new Int32Array(w.memory.buffer, sizesP, sizes.length).set(sizes);
  const resetWasm = () => {
    f64(thetaP, nP).set(theta0);
    f64(mP, nP).fill(0);
    f64(vP, nP).fill(0);
    f64(stP, 9).set([1e-3, 0, 0.9, 1, 0.9, 0.999, 1e-8, 0, 0]);
  };
  const wasmEpoch = () =>
    w.mlpEpoch(xP, yP, orderP, n, sizesP, sizes.length, thetaP, gradP, mP, vP, dirP, stP, actP, deltaP, maskP, ybP,
      3, 4, 1, 1, batch, alpha, 0, 0, 0);

  const jsState = { theta: theta0.slice(), grad: new Float64Array(nP), m: new Float64Array(nP), v: new Float64Array(nP), st: { rate: 1e-3, t: 0 } };
  const act = sizes.map((s) => new Float64Array(batch * s));
  const delta = sizes.map((s) => new Float64Array(batch * s));
  const resetJs = () => {
    jsState.theta.set(theta0);
    jsState.m.fill(0);
    jsState.v.fill(0);
    jsState.st = { rate: 1e-3, t: 0 };
  };
  const jsRun = () => jsEpoch(x, y, n, sizes, jsState.theta, jsState.grad, jsState.m, jsState.v, jsState.st, act, delta, batch, alpha);

  // Cross-check: one epoch each from the same start.
  resetWasm();
  const lw = wasmEpoch();
  resetJs();
  const lj = jsRun();
  const thetaW = f64(thetaP, nP);
  let worst = Math.abs(lw - lj) / Math.abs(lj);
  for (let i = 0; i < nP; i++) worst = Math.max(worst, Math.abs(thetaW[i] - jsState.theta[i]) / Math.max(1e-3, Math.abs(jsState.theta[i])));
  const time = (reset, fn) => {
    for (let i = 0; i < 2; i++) { reset(); fn(); }
    const ts = [];
    for (let i = 0; i < reps; i++) {
      reset();
      const t0 = now();
      fn();
      ts.push(now() - t0);
    }
    return median(ts);
  };
  const msWasm = time(resetWasm, wasmEpoch);
  const msJs = time(resetJs, jsRun);
  const flops = epochFlops(n, sizes);
  return {
    status: worst < 1e-9 ? 'ok' : 'mismatch',
    shape: `${n} x ${sizes.join('-')}, batch ${batch}, adam`,
    gflop: flops / 1e9,
    msWasm,
    msJs,
    gflopsWasm: flops / (msWasm * 1e6),
    gflopsJs: flops / (msJs * 1e6),
    speedup: msJs / msWasm,
    maxRelDiff: worst,
  };
}

// ---- W7 -----------------------------------------------------------------------------------------------------------------

function loadDigits() {
  const parsed = parseCsv(readFileSync(join(ROOT, DATASET_FILES.digits), 'utf8'));
  return parsed;
}

/** W7 in each of `envs` ('node': worker_threads, 'chromium': Web Workers in headless Chromium), then scikit-learn. */
export async function runW7(api, { workers = 2, runs = 1, sklearn = true, envs = ['node'], log = () => {} } = {}) {
  const out = { id: 'W7', workers, runs, envs: {} };
  for (const env of envs) {
    if (env === 'node') out.envs.node = await timeW7(api, loadDigits(), { workers, runs, log: (t) => log(`[node] ${t}`) });
    else if (env === 'chromium') {
      out.envs.chromium = await withBenchPage((page) => page.evaluate((o) => window.__bench.runMlp(o), { workers, runs }), { log });
    } else throw new Error(`--env must be node, chromium or both, got ${env}`);
  }
  if (sklearn) {
    log('W7 scikit-learn');
    const py = runPython('sklearn_w7', [join(ROOT, DATASET_FILES.digits), workers]);
    out.sklearn = py.result;
    out.sklearnWhy = py.why;
    if (py.result) {
      for (const r of Object.values(out.envs)) {
        r.ratio = r.coldSeconds / py.result.seconds;
        r.warmRatio = r.warmSeconds === null ? null : r.warmSeconds / py.result.seconds;
        r.scoreDiff = r.score - py.result.score;
      }
    }
  }
  return out;
}

const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

export function mlpReportLines(w7, kernel) {
  const lines = [];
  if (w7) {
    if (w7.sklearn) lines.push(`W7 scikit-learn same run (n_jobs=${w7.workers}): ${w7.sklearn.seconds.toFixed(2)} s, best ${w7.sklearn.score.toFixed(4)} (${JSON.stringify(w7.sklearn.params)})`);
    else if (w7.sklearnWhy) lines.push(`W7 scikit-learn: ${w7.sklearnWhy}`);
    for (const [env, r] of Object.entries(w7.envs)) {
      lines.push(`W7 mlp-classifier (${env}, ${w7.workers} workers): cold ${r.coldSeconds.toFixed(2)} s, warm ${r.warmSeconds?.toFixed(2) ?? '-'} s, ` +
        `best accuracy ${r.score?.toFixed(4)} (${JSON.stringify(r.params)}), failed trials ${r.failed}`);
      if (w7.sklearn) {
        const warm = r.warmRatio === null ? '' : `, warm ${r.warmRatio.toFixed(2)}x: ${verdict(r.warmRatio <= 0.5)}`;
        lines.push(`   ratio (target <= 0.5x) cold ${r.ratio.toFixed(2)}x: ${verdict(r.ratio <= 0.5)}${warm}; score diff ${r.scoreDiff >= 0 ? '+' : ''}${r.scoreDiff.toFixed(4)} ` +
          `(target within 0.01: ${verdict(Math.abs(r.scoreDiff) <= 0.01 || r.scoreDiff > 0)})`);
      }
    }
  }
  if (kernel) {
    if (kernel.status === 'unavailable') lines.push(`MLP kernel: ${kernel.reason}`);
    else {
      lines.push(`MLP epoch kernel (${kernel.shape}, ${kernel.gflop.toFixed(3)} GFLOP forward+backward): wasm ${kernel.msWasm.toFixed(1)} ms = ` +
        `${kernel.gflopsWasm.toFixed(2)} GFLOP/s, plain JS ${kernel.msJs.toFixed(1)} ms = ${kernel.gflopsJs.toFixed(2)} GFLOP/s, ` +
        `${kernel.speedup.toFixed(1)}x; results agree to ${kernel.maxRelDiff.toExponential(1)} (${kernel.status})`);
    }
  }
  return lines;
}

/** The wasm the built package ships (the same finder as bench/run.mjs: the worker or its shared chunks). */
function shippedWasmBytes() {
  return Buffer.from(shippedWasmBase64(ROOT), 'base64');
}

export async function runMlpBench({ workers = 2, runs = 1, sklearn = true, kernelsOnly = false, envs = ['node', 'chromium'], log = () => {} } = {}) {
  const kernel = await runMlpKernelBench(shippedWasmBytes());
  let w7 = null;
  if (!kernelsOnly) {
    const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
    w7 = await runW7(api, { workers, runs, sklearn, envs, log });
  }
  return { w7, kernel, lines: mlpReportLines(w7, kernel) };
}

/** --env node | chromium | both. */
export function envsOf(env) {
  if (env === 'both') return ['node', 'chromium'];
  if (env === 'node' || env === 'chromium') return [env];
  throw new Error(`--env must be node, chromium or both, got ${env}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const num = (name, d) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
  const out = await runMlpBench({
    workers: num('--workers', 2),
    runs: num('--runs', 1),
    sklearn: !argv.includes('--no-sklearn'),
    kernelsOnly: argv.includes('--kernels-only'),
    envs: envsOf(argv.includes('--env') ? argv[argv.indexOf('--env') + 1] : 'both'),
    log: (t) => process.stderr.write(`${t}\n`),
  });
  console.log(out.lines.join('\n'));
}
