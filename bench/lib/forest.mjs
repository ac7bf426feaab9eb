// W8 of WORKLOADS.md (random-forest grid on breast_cancer) through the built package's tune() in Node
// (worker_threads) and headless Chromium (Web Workers), with scikit-learn 1.2.1 timed in the same run
// (bench/python/sklearn_w8.py via runPython, n_jobs = workers).
// Run: npm run build && node bench/run.mjs --forest [--env node|chromium|both] [--runs N] [--workers N] [--no-sklearn]
// Targets (work item [11]): warm wall time <= 0.5 x scikit-learn's, best score within 0.01 of scikit-learn's.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import os from 'node:os';
import { parseCsv } from './data.mjs';
import { runPython } from './python.mjs';
import { timeW8, W8_SEED } from './forest-workload.mjs';
import { withBenchPage } from './bench-page.mjs';

const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(BENCH, '..');
export const W8_TARGET = { ratio: 0.5, scoreTolerance: 0.01 };
const log = (s) => process.stderr.write(`${s}\n`);

async function runNode({ workers, runs }) {
  const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
  const data = parseCsv(readFileSync(join(ROOT, 'tests', 'fixtures', 'datasets', 'breast_cancer.csv'), 'utf8'));
  return timeW8(api, data, { workers, runs, log: (s) => log(`[node] ${s}`) });
}

/** The bench page in headless Chromium (bench/lib/bench-page.mjs). */
function runChromium({ workers, runs }) {
  return withBenchPage((page) => page.evaluate(({ workers, runs }) => window.__bench.runForest({ workers, runs }), { workers, runs }), { log });
}

function judge(env, workers, ours, sk) {
  const row = { id: 'W8', env, workers, ...ours };
  if (!sk) return { ...row, verdict: 'n/a' };
  row.ratio = ours.wallSeconds / sk.seconds;
  row.scoreDelta = ours.bestScore - sk.score;
  row.timeOk = row.ratio <= W8_TARGET.ratio;
  row.scoreOk = Math.abs(row.scoreDelta) <= W8_TARGET.scoreTolerance;
  row.verdict = row.timeOk && row.scoreOk && ours.failedTrials === 0 ? 'PASS' : 'FAIL';
  return row;
}

/** Entry of `node bench/run.mjs --forest`: prints a summary, writes bench/results/forest.json. */
/**
 * W8 in each env, then scikit-learn (after ours, so neither competes for the cores); writes bench/results/forest.json.
 * Returns { report, lines } for bench/run.mjs's report.
 */
export async function runForestBench({ workers = 2, runs = 3, envs = ['node', 'chromium'], sklearn = true, log: say = log } = {}) {
  const loadStart = os.loadavg();
  const ours = {};
  for (const e of envs) {
    say(`W8 [${e}]`);
    ours[e] = e === 'node' ? await runNode({ workers, runs }) : await runChromium({ workers, runs });
  }
  say(`W8 scikit-learn GridSearchCV (n_jobs=${workers})`);
  const py = sklearn ? runPython('sklearn_w8', [workers, W8_SEED]) : { result: null, why: '--no-sklearn' };
  const sk = py.result;
  const rows = envs.map((e) => judge(e, workers, ours[e], sk));
  const report = { date: new Date().toISOString(), sklearn: sk, sklearnSkipped: py.why, rows, load: { start: loadStart, end: os.loadavg() } };
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(join(BENCH, 'results', 'forest.json'), JSON.stringify(report, null, 2));
  const lines = [`W8 random-forest-classifier (breast_cancer, 18 candidates x 5 folds), ${workers} workers, ${runs} warm runs`];
  lines.push(sk ? `scikit-learn ${sk.sklearn}: ${sk.seconds.toFixed(2)} s, best ${sk.score.toFixed(4)} ${JSON.stringify(sk.params)}` : `scikit-learn: ${py.why}`);
  for (const r of rows) {
    lines.push(
      `${r.env}: warm ${r.wallSeconds.toFixed(2)} s (cold ${r.coldSeconds.toFixed(2)} s), best ${r.bestScore.toFixed(4)} ` +
        `${JSON.stringify(r.bestParams)}` +
        (sk ? `; ratio ${r.ratio.toFixed(3)} (<= ${W8_TARGET.ratio}), score delta ${r.scoreDelta.toFixed(4)} (within ${W8_TARGET.scoreTolerance}): ${r.verdict}` : ''),
    );
  }
  lines.push(`load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} -> ${report.load.end.map((l) => l.toFixed(2)).join(' ')}`);
  return { report, lines };
}

/** `node bench/run.mjs --forest [--env node|chromium|both] [--runs N] [--workers N] [--no-sklearn]`: W8 alone. */
export async function main(argv) {
  const arg = (name, d) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : d;
  };
  const env = arg('--env', 'both');
  const { lines } = await runForestBench({
    workers: Number(arg('--workers', 2)),
    runs: Number(arg('--runs', 3)),
    envs: env === 'both' ? ['node', 'chromium'] : [env],
    sklearn: !argv.includes('--no-sklearn'),
  });
  console.log(lines.join('\n'));
}
