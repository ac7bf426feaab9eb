// W9 of /work/shared/bench/WORKLOADS.md: Gaussian mixtures by BIC on synth_blobs_50k (first 20000 rows),
// nComponents 2..15 x covarianceType {full, diag}, grid, no CV, ranked by bic (lower is better). scikit-learn runs in
// the same bench run (bench/python/sklearn_w9.py via runPython), so the ratio compares two sides timed minutes apart.
// Environment-neutral part: W9_OPTIONS and runW9 (the Node runner calls them with dist/node; a page could with
// dist/browser). Node part: runMixtureNode (loads the data, runs both sides, judges). Standalone:
//   node bench/lib/mixture.mjs [--runs N] [--workers N]      (after npm run build)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { parseCsv } from './data.mjs';
import { runPython } from './python.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = 'bench/data/synth_blobs_50k.csv.gz';
export const W9_ROWS = 20000;
/** Target of issue [11]: wall <= 0.5 x scikit-learn's (serial, as WORKLOADS.md states W9) and the same nComponents. */
export const W9_TARGET = { ratio: 0.5 };

const now = () => performance.now();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The first `rows` rows of the dataset as { X: { values, rows, cols } }. */
export function firstRows(data, rows) {
  const { cols } = data.X;
  const n = Math.min(rows, data.X.rows);
  return { X: { values: data.X.values.slice(0, n * cols), rows: n, cols } };
}

export function W9_OPTIONS(data) {
  return {
    model: 'gaussian-mixture',
    data: { X: data.X },
    space: { nComponents: Array.from({ length: 14 }, (_, i) => i + 2), covarianceType: ['full', 'diag'] },
    search: { strategy: 'grid' },
    cv: false,
    scoring: 'bic',
    seed: 42,
  };
}

/** One cold run (workers spawned, wasm compiled, rows sent) and `runs` warm runs on the same pool; never throws. */
export async function runW9(api, data, { workers = 2, runs = 3, progress = () => {} } = {}) {
  if (!api.listModels().some((m) => m.id === 'gaussian-mixture')) return { status: 'unavailable' };
  const pool = api.createPool({ workers });
  try {
    const once = async (label) => {
      progress(label);
      const t0 = now();
      const r = await api.tune({ ...W9_OPTIONS(data), pool });
      return { seconds: (now() - t0) / 1000, result: r };
    };
    const cold = await once('cold run');
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await once(`warm run ${i + 1}/${runs}`));
    const r = warm[warm.length - 1].result;
    const failed = r.trials.filter((t) => t.status !== 'ok').map((t) => `${JSON.stringify(t.params)}: ${t.error}`);
    return {
      status: 'ok',
      coldSeconds: cold.seconds,
      seconds: median(warm.map((w) => w.seconds)),
      warmSeconds: warm.map((w) => w.seconds),
      best: { ...r.best.params, bic: r.best.score },
      bics: Object.fromEntries(r.trials.map((t) => [`${t.params.covarianceType}:${t.params.nComponents}`, t.meanScore])),
      failed,
    };
  } catch (e) {
    return { status: 'error', error: e instanceof Error ? e.message : String(e) };
  } finally {
    await pool.dispose();
  }
}

/** W9 in Node (dist/node) and scikit-learn, same run; returns a judged row. */
export async function runMixtureNode({ workers = 2, runs = 3, progress = () => {} } = {}) {
  const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
  const data = firstRows(parseCsv(gunzipSync(readFileSync(join(ROOT, DATA))).toString('utf8')), W9_ROWS);
  progress('scikit-learn (serial and n_jobs=2)');
  const py = runPython('sklearn_w9', [join(ROOT, DATA), W9_ROWS]);
  const ours = await runW9(api, data, { workers, runs, progress });
  const sk = py.result;
  const row = { id: 'W9', env: 'node', workers, rows: data.X.rows, ours, sklearn: sk, sklearnWhy: py.why };
  if (ours.status === 'ok' && sk) {
    row.ratio = ours.seconds / sk.seconds;
    row.ratioParallel = ours.seconds / sk.seconds_parallel;
    row.sameComponents = ours.best.nComponents === sk.best.n_components;
    row.sameType = ours.best.covarianceType === sk.best.covariance_type;
    row.pass = row.ratio <= W9_TARGET.ratio && row.sameComponents;
  }
  return row;
}

/** One line for the bench's table. */
export function w9Line(row) {
  if (row.ours.status !== 'ok') return `W9 [${row.env}] ${row.ours.status} ${row.ours.error ?? ''}`;
  const o = row.ours;
  const sk = row.sklearn;
  const ourPick = `${o.best.nComponents} ${o.best.covarianceType} (bic ${o.best.bic.toFixed(1)})`;
  if (!sk) return `W9 [${row.env}] ${o.seconds.toFixed(2)} s, picks ${ourPick}; scikit-learn: ${row.sklearnWhy}`;
  return (
    `W9 [${row.env}, ${row.workers} workers] ${o.seconds.toFixed(2)} s (cold ${o.coldSeconds.toFixed(2)} s) vs scikit-learn ` +
    `${sk.seconds.toFixed(2)} s serial / ${sk.seconds_parallel.toFixed(2)} s n_jobs=2: ratio ${row.ratio.toFixed(2)} ` +
    `(${row.ratioParallel.toFixed(2)} vs n_jobs=2); picks ${ourPick}, scikit-learn ${sk.best.n_components} ` +
    `${sk.best.covariance_type} (bic ${sk.best.bic.toFixed(1)}) -> ${row.pass ? 'PASS' : 'MISS'}` +
    (o.failed.length ? `; failed trials: ${o.failed.join('; ')}` : '')
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const row = await runMixtureNode({ workers: arg('--workers', 2), runs: arg('--runs', 3), progress: (t) => console.error(`[W9] ${t}`) });
  console.log(w9Line(row));
  console.log(JSON.stringify(row));
}
