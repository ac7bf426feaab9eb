// W7 of WORKLOADS.md (issue [9]) as a W-suite entry. Environment-neutral (no Node imports): the suite's workload list
// (workloads.mjs) and the Chromium bench page import it; bench/lib/mlp.mjs adds the same-run scikit-learn timing.

/** W7's tune() options; `h` is the running build's space helpers ({ float }). */
export function w7Options(h, data) {
  return {
    model: 'mlp-classifier',
    data: { X: data.X, y: data.y },
    space: {
      hiddenLayerSizes: [[64], [128], [64, 32]],
      alpha: h.float(1e-5, 1e-1, { log: true }),
      learningRateInit: h.float(1e-4, 1e-2, { log: true }),
      batchSize: [32, 64, 128],
      maxIter: 30,
    },
    search: { strategy: 'random', trials: 12 },
    cv: { folds: 3, shuffle: true },
    preprocess: 'standardize',
    scoring: 'accuracy',
    seed: 42,
  };
}

export const W7 = {
  id: 'W7',
  dataset: 'digits',
  model: 'mlp-classifier',
  scoring: 'accuracy',
  // WORKLOADS.md's reference (another day's host); `--mlp` times scikit-learn in the same run instead.
  sklearn: { seconds: 8.7, score: 0.98, params: '' },
  options: (h, data) => w7Options(h, data),
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One cold run (a new pool: workers start and compile the wasm inside the timing, the first call a user sees) and
 * `runs` warm runs on the same pool. Environment-neutral: the Node runner (bench/lib/mlp.mjs) and the Chromium bench
 * page call it with the package they imported. Plain, clonable result.
 */
export async function timeW7(api, data, { workers = 2, runs = 1, log = () => {} } = {}) {
  const pool = api.createPool({ workers });
  try {
    const once = async (label) => {
      const t0 = performance.now();
      const res = await api.tune({ ...w7Options(api, data), pool, workers });
      const seconds = (performance.now() - t0) / 1000;
      log(`W7 ${label}: ${seconds.toFixed(2)} s, best ${res.best?.score.toFixed(4)}`);
      return { seconds, res };
    };
    const cold = await once('cold');
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await once(`warm ${i + 1}/${runs}`));
    const ref = warm.at(-1) ?? cold;
    return {
      coldSeconds: cold.seconds,
      warmSeconds: warm.length ? median(warm.map((w) => w.seconds)) : null,
      warmRuns: warm.map((w) => w.seconds),
      score: ref.res.best?.score ?? null,
      params: ref.res.best?.params ?? null,
      failed: ref.res.trials.filter((t) => t.status !== 'ok').length,
    };
  } finally {
    await pool.dispose();
  }
}
