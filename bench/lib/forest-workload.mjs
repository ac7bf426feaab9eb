// W8 of WORKLOADS.md as tune() options and a timer, environment-neutral (the Node runner in forest.mjs and the
// Chromium bench page both call it with the package they imported).

const SEED = 42;

/** W8's tune() options (the pool and workers are added by the timer). */
export function w8Options(data) {
  return {
    model: 'random-forest-classifier',
    data: { X: data.X, y: data.y },
    space: { nEstimators: [50, 100, 200], maxDepth: [null, 5, 10], maxFeatures: ['sqrt', 0.5] },
    search: { strategy: 'grid' },
    cv: { folds: 5, shuffle: true },
    scoring: 'accuracy',
    seed: SEED,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One cold run (pool start + wasm compile inside) and `runs` warm runs on the same pool; plain, clonable result. */
export async function timeW8(api, data, { workers = 2, runs = 3, log = () => {} } = {}) {
  const pool = api.createPool({ workers });
  const walls = [];
  let result = null;
  try {
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      result = await api.tune({ ...w8Options(data), pool, workers });
      walls.push((performance.now() - t0) / 1000);
      log(`W8 ${r === 0 ? 'cold' : `warm ${r}/${runs}`}: ${walls[r].toFixed(2)} s, best ${result.best.score.toFixed(4)}`);
    }
  } finally {
    await pool.dispose();
  }
  return {
    coldSeconds: walls[0],
    wallSeconds: median(walls.slice(1)),
    wallRuns: walls.slice(1),
    bestScore: result.best.score,
    bestParams: result.best.params,
    failedTrials: result.trials.filter((t) => t.status !== 'ok').length,
  };
}

export { SEED as W8_SEED };
