// W9 of /work/shared/bench/WORKLOADS.md: Gaussian mixtures by BIC on synth_blobs_50k (first 20000 rows),
// nComponents 2..15 x covarianceType {full, diag}, grid, no CV, ranked by bic (lower is better).
// Environment-neutral (the Node runner and the Chromium bench page both call runW9 with the package they imported);
// scikit-learn is run by bench/lib/mixture-node.mjs in the same bench run, and judgeW9 compares the two.

/** Rows of synth_blobs_50k that W9 uses. */
export const W9_ROWS = 20000;
/** Target of issue [11]: wall <= 0.5 x scikit-learn's (serial, as WORKLOADS.md states W9) and the same nComponents. */
export const W9_TARGET = { ratio: 0.5 };
/** Seeds of the untimed robustness runs: which nComponents other seeds choose (with nInit 1, a k-means start lands in a
 *  worse local optimum at k = 12 here about 3 times in 10, for scikit-learn's KMeans and ours alike: 69/100 seeds
 *  each reach the 12-blob partition). */
export const W9_OTHER_SEEDS = [1, 2, 3, 4];

const now = () => performance.now();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The first `rows` rows of a parsed dataset, as { X: { values, rows, cols } } (no targets: clustering). */
export function firstRows(data, rows = W9_ROWS) {
  const { cols } = data.X;
  const n = Math.min(rows, data.X.rows);
  return { X: { values: data.X.values.slice(0, n * cols), rows: n, cols } };
}

export function w9Options(data, seed = 42) {
  return {
    model: 'gaussian-mixture',
    data: { X: data.X },
    space: { nComponents: Array.from({ length: 14 }, (_, i) => i + 2), covarianceType: ['full', 'diag'] },
    search: { strategy: 'grid' },
    cv: false,
    scoring: 'bic',
    seed,
  };
}

/**
 * One cold run (workers spawned, wasm compiled, rows sent), `runs` warm runs on the same pool (median reported), then
 * one untimed run per W9_OTHER_SEEDS. Returns a plain record; never throws.
 */
export async function runW9(api, data, { workers = 2, runs = 3, progress = () => {} } = {}) {
  if (!api.listModels().some((m) => m.id === 'gaussian-mixture')) return { status: 'unavailable' };
  const pool = api.createPool({ workers });
  try {
    const once = async (label, seed = 42) => {
      progress(label);
      const t0 = now();
      const r = await api.tune({ ...w9Options(data, seed), pool });
      return { seconds: (now() - t0) / 1000, result: r };
    };
    const cold = await once('cold run');
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await once(`warm run ${i + 1}/${runs}`));
    const r = warm[warm.length - 1].result;
    const otherSeeds = [];
    for (const seed of W9_OTHER_SEEDS) {
      const o = (await once(`untimed run, seed ${seed}`, seed)).result;
      otherSeeds.push({ seed, nComponents: o.best.params.nComponents, covarianceType: o.best.params.covarianceType });
    }
    return {
      status: 'ok',
      rows: data.X.rows,
      coldSeconds: cold.seconds,
      seconds: median(warm.map((w) => w.seconds)),
      warmSeconds: warm.map((w) => w.seconds),
      best: { ...r.best.params, bic: r.best.score },
      bics: Object.fromEntries(r.trials.map((t) => [`${t.params.covarianceType}:${t.params.nComponents}`, t.meanScore])),
      failed: r.trials.filter((t) => t.status !== 'ok').map((t) => `${JSON.stringify(t.params)}: ${t.error}`),
      otherSeeds,
    };
  } catch (e) {
    return { status: 'error', error: e instanceof Error ? e.message : String(e) };
  } finally {
    await pool.dispose();
  }
}

/** Our run (one environment) against scikit-learn's result (null when Python was unavailable, with `why`). */
export function judgeW9(env, workers, ours, sk, why = null) {
  const row = { id: 'W9', env, workers, ours, sklearn: sk, sklearnWhy: why };
  if (ours.status === 'ok' && sk) {
    row.ratio = ours.seconds / sk.seconds;
    row.ratioParallel = ours.seconds / sk.seconds_parallel;
    row.sameComponents = ours.best.nComponents === sk.best.n_components;
    row.sameType = ours.best.covarianceType === sk.best.covariance_type;
    row.timePass = row.ratio <= W9_TARGET.ratio;
    row.pass = row.timePass && row.sameComponents;
  }
  return row;
}

/** One line for the bench's report. */
export function w9Line(row) {
  const o = row.ours;
  if (o.status !== 'ok') return `W9 [${row.env}] ${o.status} ${o.error ?? ''}`;
  const sk = row.sklearn;
  const ourPick = `${o.best.nComponents} ${o.best.covarianceType} (bic ${o.best.bic.toFixed(1)})`;
  const seeds = `; seeds ${o.otherSeeds.map((s) => s.seed).join(',')} pick ${o.otherSeeds.map((s) => `${s.nComponents} ${s.covarianceType}`).join(', ')}`;
  const failed = o.failed.length ? `; failed trials: ${o.failed.join('; ')}` : '';
  if (!sk) return `W9 [${row.env}] ${o.seconds.toFixed(2)} s, picks ${ourPick}; scikit-learn: ${row.sklearnWhy}${seeds}${failed}`;
  return (
    `W9 [${row.env}, ${row.workers} workers] ${o.seconds.toFixed(2)} s (cold ${o.coldSeconds.toFixed(2)} s) vs scikit-learn ` +
    `${sk.seconds.toFixed(2)} s serial / ${sk.seconds_parallel.toFixed(2)} s n_jobs=2: ratio ${row.ratio.toFixed(2)} ` +
    `(${row.ratioParallel.toFixed(2)} vs n_jobs=2) ${row.timePass ? 'time PASS' : 'time MISS'}; picks ${ourPick}, ` +
    `scikit-learn ${sk.best.n_components} ${sk.best.covariance_type} (bic ${sk.best.bic.toFixed(1)}) ` +
    `${row.sameComponents ? 'same nComponents' : 'DIFFERENT nComponents'} -> ${row.pass ? 'PASS' : 'MISS'}${seeds}${failed}`
  );
}
