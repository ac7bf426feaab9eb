// The Chromium bench page: imports the BUILT browser package (dist/browser/index.js, Web Workers), fetches the
// datasets (gzip ones decompressed here with DecompressionStream) and exposes window.__bench for bench/run.mjs.
import * as hyperwasm from '../../dist/browser/index.js';
import { runWorkload } from '../lib/suite.mjs';
import { runPoolBench } from '../lib/pool-bench.mjs';
import { WORKLOADS } from '../lib/workloads.mjs';
import { timeW8 } from '../lib/forest-workload.mjs';
import { timeW7 } from '../lib/mlp-workload.mjs';
import { SVM_WORKLOADS, timeSvmSearch } from '../lib/svm.mjs';
import { parseCsv, subsample, isGzip, QUICK_ROWS } from '../lib/data.mjs';
import { firstRows, runW9 } from '../lib/mixture.mjs';
import irisUrl from '../../tests/fixtures/datasets/iris.csv?url';
import digitsUrl from '../../tests/fixtures/datasets/digits.csv?url';
import breastCancerUrl from '../../tests/fixtures/datasets/breast_cancer.csv?url';
import diabetesUrl from '../../tests/fixtures/datasets/diabetes.csv?url';
import blobsUrl from '../data/synth_blobs_50k.csv.gz?url';
import clfUrl from '../data/synth_clf_20k.csv.gz?url';

const URLS = {
  iris: irisUrl,
  digits: digitsUrl,
  breast_cancer: breastCancerUrl,
  diabetes: diabetesUrl,
  synth_blobs_50k: blobsUrl,
  synth_clf_20k: clfUrl,
};

const status = document.getElementById('status');
const progress = (text) => {
  status.textContent = text;
  // Exposed by the runner (page.exposeFunction); absent when the page is opened by hand.
  if (typeof window.__benchProgress === 'function') void window.__benchProgress(text);
};

/** How each dataset's bytes arrived: 'DecompressionStream' (gzip decompressed in the page) or 'plain'. */
const decoding = {};

async function fetchText(name) {
  const res = await fetch(URLS[name]);
  if (!res.ok) throw new Error(`fetching ${name}: HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!isGzip(bytes)) {
    decoding[name] = 'plain';
    return new TextDecoder().decode(bytes);
  }
  decoding[name] = 'DecompressionStream';
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

const cache = new Map();
async function dataset(name, quick) {
  const key = `${name}|${quick}`;
  if (!cache.has(key)) {
    cache.set(key, fetchText(name).then((text) => {
      const full = parseCsv(text);
      return quick ? subsample(full, QUICK_ROWS[name]) : full;
    }));
  }
  return cache.get(key);
}

/** wasmBase64: the binary embedded in the built package, handed over by the runner (bench/run.mjs). */
async function runKernels({ quick, wasmBase64 }) {
  const wasmBytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)).buffer;
  const worker = new Worker(new URL('./kernel-worker.mjs', import.meta.url), { type: 'module', name: 'kernel-bench' });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = (e) => {
        if (e.data.type === 'progress') progress(`kernels: ${e.data.text}`);
        else if (e.data.type === 'done') resolve(e.data.rows);
        else reject(new Error(e.data.message));
      };
      worker.onerror = (e) => reject(new Error(`kernel worker: ${e.message}`));
      worker.postMessage({ wasmBytes, quick }, [wasmBytes]);
    });
  } finally {
    worker.terminate();
  }
}

window.__bench = {
  ready: true,
  info: () => ({
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: window.crossOriginIsolated,
    models: hyperwasm.listModels().map((m) => m.id),
  }),
  decoding: () => ({ ...decoding }),
  async runWorkload(id, { workers, runs, quick, patch = null }) {
    const wl = WORKLOADS.find((w) => w.id === id);
    const models = hyperwasm.listModels().map((m) => m.id);
    // Do not fetch a dataset for a model that is not there.
    const data = wl && models.includes(wl.model) ? await dataset(wl.dataset, quick) : null;
    return runWorkload(hyperwasm, id, data, { workers, runs, quick, progress, patch });
  },
  async runW9({ workers, runs }) {
    return runW9(hyperwasm, firstRows(await dataset('synth_blobs_50k', false)), { workers, runs, progress: (t) => progress(`W9: ${t}`) });
  },
  async runSvm(id, { workers, runs }) {
    const wl = SVM_WORKLOADS.find((w) => w.id === id);
    return timeSvmSearch(hyperwasm, id, await dataset(wl.dataset, false), { workers, runs, progress });
  },
  runKernels,
  // W8 (bench/lib/forest.mjs drives it; scikit-learn is timed by the runner).
  runForest: async ({ workers, runs }) => timeW8(hyperwasm, await dataset('breast_cancer', false), { workers, runs, log: progress }),
  // W7 (bench/lib/mlp.mjs drives it; scikit-learn is timed by the runner).
  runMlp: async ({ workers, runs }) => timeW7(hyperwasm, await dataset('digits', false), { workers, runs, log: progress }),
  runPool: ({ runs, quick, scaling, warmupMs }) =>
    runPoolBench(hyperwasm, (name) => dataset(name, quick), { runs, quick, scaling, warmupMs, progress: (t) => progress(`pool: ${t}`) }),
};
status.textContent = 'ready';
