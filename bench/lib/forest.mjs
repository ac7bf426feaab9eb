// W8 of WORKLOADS.md (random forest grid on breast_cancer) through the built package's tune(), with scikit-learn
// 1.2.1 timed in the same run (bench/python/sklearn_w8.py via runPython), Node worker_threads.
// Run: npm run build && node bench/run.mjs --forest [--runs N] [--workers N]
// Targets (work item [11]): warm wall time <= 0.5 x scikit-learn's (n_jobs = workers), best score within 0.01.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import os from 'node:os';
import { parseCsv } from './data.mjs';
import { runPython } from './python.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const W8_TARGET = { ratio: 0.5, scoreTolerance: 0.01 };
const SEED = 42;

/** W8's tune() options (the pool and workers are added by the runner). */
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

/** One cold and `runs` warm tune() runs of W8 on one pool, then scikit-learn's GridSearchCV with n_jobs = workers. */
export async function runW8({ workers = 2, runs = 3, log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
  const data = parseCsv(readFileSync(join(ROOT, 'tests', 'fixtures', 'datasets', 'breast_cancer.csv'), 'utf8'));
  const pool = api.createPool({ workers });
  const walls = [];
  let result = null;
  try {
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      result = await api.tune({ ...w8Options(data), pool, workers });
      walls.push((performance.now() - t0) / 1000);
      log(`W8 node ${r === 0 ? 'cold' : `warm ${r}/${runs}`}: ${walls[r].toFixed(2)} s, best ${result.best.score.toFixed(4)}`);
    }
  } finally {
    await pool.dispose();
  }
  log(`W8 scikit-learn (n_jobs=${workers})...`);
  const py = runPython('sklearn_w8', [workers, SEED]);
  const ours = { coldSeconds: walls[0], wallSeconds: median(walls.slice(1)), wallRuns: walls.slice(1), bestScore: result.best.score, bestParams: result.best.params };
  const row = { id: 'W8', env: 'node', workers, ours, sklearn: py.result, skipped: py.why, load: os.loadavg() };
  if (py.result) {
    row.ratio = ours.wallSeconds / py.result.seconds;
    row.scoreDelta = ours.bestScore - py.result.score;
    row.timeOk = row.ratio <= W8_TARGET.ratio;
    row.scoreOk = Math.abs(row.scoreDelta) <= W8_TARGET.scoreTolerance;
    row.verdict = row.timeOk && row.scoreOk ? 'PASS' : 'FAIL';
  }
  return row;
}

/** Entry of `node bench/run.mjs --forest`: prints a summary, writes bench/results/forest.json. */
export async function main(argv) {
  const arg = (name, d) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const row = await runW8({ workers: arg('--workers', 2), runs: arg('--runs', 3) });
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'forest.json'), JSON.stringify(row, null, 2));
  const sk = row.sklearn;
  console.log(
    `W8 random-forest-classifier, node, ${row.workers} workers: warm ${row.ours.wallSeconds.toFixed(2)} s (cold ` +
      `${row.ours.coldSeconds.toFixed(2)} s), best ${row.ours.bestScore.toFixed(4)} ${JSON.stringify(row.ours.bestParams)}\n` +
      (sk
        ? `scikit-learn ${sk.sklearn}: ${sk.seconds.toFixed(2)} s, best ${sk.score.toFixed(4)} ${JSON.stringify(sk.params)}\n` +
          `ratio ${row.ratio.toFixed(3)} (target <= ${W8_TARGET.ratio}), score delta ${row.scoreDelta.toFixed(4)} ` +
          `(target within ${W8_TARGET.scoreTolerance}): ${row.verdict}`
        : `scikit-learn: ${row.skipped}`) +
      `\nload average at the end: ${row.load.map((l) => l.toFixed(2)).join(' ')}`,
  );
}
