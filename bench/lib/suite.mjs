// Runs one W-suite workload through the public API of a built hyperwasm (dist/node or dist/browser): a fresh pool,
// one cold run (workers spawned and wasm compiled inside it), then `runs` warm runs on the same, already started pool.
// Environment-neutral: the Node runner and the Chromium bench page both call it with the package they imported.

import { WORKLOADS } from './workloads.mjs';

const now = () => performance.now();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * api: the imported package ({ tune, createPool, listModels, int, float }). data: the parsed dataset of the workload
 * (already subsampled in quick mode). progress(text): optional, called at most every 200 ms.
 * Returns a plain (structured-clonable) record; never throws.
 */
export async function runWorkload(api, id, data, { workers, runs, quick, progress = () => {}, patch = null, firstCall = true }) {
  const wl = WORKLOADS.find((w) => w.id === id);
  if (!wl) return { id, status: 'error', error: `unknown workload ${id}` };
  const base = {
    id,
    model: wl.model,
    dataset: wl.dataset,
    rows: data ? data.X.rows : null,
    cols: data ? data.X.cols : null,
    scoring: wl.scoring,
    workers,
  };
  const models = api.listModels().map((m) => m.id);
  if (!models.includes(wl.model)) return { ...base, status: 'unavailable', reason: 'model not available yet' };

  const pool = api.createPool({ workers });
  // `patch`: tune() options laid over the workload's (the specialised variants: { warmStart: true }, { cv: 'loo' }).
  const runOne = async (label, on = pool) => {
    let last = 0;
    const t0 = now();
    const result = await api.tune({
      ...wl.options(api, data, quick),
      ...(patch ?? {}),
      pool: on,
      workers,
      onProgress(ev) {
        const t = now();
        if (t - last < 200) return;
        last = t;
        progress(`${label} ${ev.done}/${ev.total} candidates ${((t - t0) / 1000).toFixed(1)}s`);
      },
    });
    const wall = (now() - t0) / 1000;
    progress(`${label} done in ${wall.toFixed(2)}s`);
    return { wall, result };
  };
  try {
    const cold = await runOne('cold run');
    const warm = [];
    for (let r = 0; r < runs; r++) warm.push(await runOne(`warm run ${r + 1}/${runs}`));
    // The first call on a pool started ahead (createPool({ warm: true }) + ready(): workers spawned, kernels compiled)
    // but never used: what an app that creates its pool at start-up sees on its first search.
    let firstSeconds = null;
    if (firstCall) {
      const started = api.createPool({ workers, warm: true });
      try {
        if (typeof started.ready === 'function') await started.ready();
        firstSeconds = (await runOne('first call on a started pool', started)).wall;
      } finally {
        started.dispose();
      }
    }
    const ref = warm.length ? warm[0].result : cold.result;
    const best = ref.best;
    const failed = ref.trials.filter((t) => t.status !== 'ok');
    // The same seed must give the same search: a run that disagrees is reported, not averaged away.
    const bestScores = [cold, ...warm].map((r) => (r.result.best ? r.result.best.score : NaN));
    const deterministic = bestScores.every((s) => Object.is(s, bestScores[0]));
    const wallSeconds = warm.length ? median(warm.map((w) => w.wall)) : cold.wall;
    return {
      ...base,
      status: 'ok',
      candidates: ref.trials.length,
      failedTrials: failed.length,
      firstError: failed.length ? failed[0].error : null,
      variant: patch ? JSON.stringify(patch) : null,
      coldSeconds: cold.wall,
      firstSeconds,
      wallSeconds,
      wallRuns: warm.map((w) => w.wall),
      warmRuns: warm.length,
      trialsPerSecond: ref.trials.length / wallSeconds,
      tuneElapsedMs: warm.map((w) => w.result.elapsedMs),
      workersUsed: ref.workers,
      bestParams: best ? best.params : null,
      bestScore: best ? best.score : null,
      deterministic,
      bestScores,
      cv: ref.cv ? ref.cv.description : 'none (fit on all rows)',
    };
  } catch (e) {
    return { ...base, status: 'error', error: e && e.message ? `${e.code ? e.code + ': ' : ''}${e.message}` : String(e) };
  } finally {
    pool.dispose();
  }
}
