#!/usr/bin/env node
// Where a first tune() call's time goes in Node (issue [13]): importing the package, starting a worker_threads worker
// (the built worker script vs an empty one), compiling and instantiating the kernels, and a small search (W3b: ridge,
// 30 alphas x 5 folds on diabetes) on a new pool, on a pool started ahead (createPool({ warm: true }) + ready()),
// and warm. Run after `npm run build`: node bench/first-call-breakdown.mjs. Prints one JSON object (milliseconds).
// Chromium's split is the bench's first-call table (cold - started = worker start; started - warm = first-call JIT).
import { Worker } from 'node:worker_threads';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WORKLOADS } from './lib/workloads.mjs';
import { parseCsv } from './lib/data.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const t = () => performance.now();
const ms = (x) => Math.round(x * 10) / 10;
const out = {};

let t0 = t();
const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
out.importPackage = ms(t() - t0);

const online = async (spec, opts) => {
  const s = t();
  const w = new Worker(spec, opts);
  await new Promise((r) => w.once('online', r));
  const d = t() - s;
  await w.terminate();
  return ms(d);
};
out.spawnWorkerScript = await online(pathToFileURL(join(ROOT, 'dist', 'node', 'node-worker.js')));
out.spawnEmptyWorker = await online('0', { eval: true });

const chunks = join(ROOT, 'dist', 'node', 'chunks');
const b64 = readdirSync(chunks).map((f) => readFileSync(join(chunks, f), 'utf8').match(/AGFzbQ[A-Za-z0-9+/]+=*/)?.[0] ?? '').sort((a, b) => b.length - a.length)[0];
t0 = t();
const module = new WebAssembly.Module(Buffer.from(b64, 'base64'));
out.compileKernels = ms(t() - t0);
t0 = t();
new WebAssembly.Instance(module, { env: { abort() {} } });
out.instantiateKernels = ms(t() - t0);

const wl = WORKLOADS.find((w) => w.id === 'W3b');
const data = parseCsv(readFileSync(join(ROOT, 'tests', 'fixtures', 'datasets', 'diabetes.csv'), 'utf8'));
const run = async (pool) => {
  const s = t();
  await api.tune({ ...wl.options(api, data, false), pool, workers: 2 });
  return ms(t() - s);
};
const lazy = api.createPool({ workers: 2 });
out.w3bColdNewPool = await run(lazy);
out.w3bSecondCall = await run(lazy);
lazy.dispose();
const started = api.createPool({ workers: 2, warm: true });
t0 = t();
await started.ready();
out.startPoolReady = ms(t() - t0);
out.w3bFirstOnStartedPool = await run(started);
const warm = [];
for (let i = 0; i < 5; i++) warm.push(await run(started));
out.w3bWarm = warm;
started.dispose();
console.log(JSON.stringify(out));
