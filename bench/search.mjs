#!/usr/bin/env node
// The S-suite (/work/shared/bench/WORKLOADS.md, "Search efficiency") through the BUILT package's optimize() and
// tune(): median best-so-far at 25/50/100 trials over seeds for random, TPE and GP on the test functions of
// search/functions.mjs, Optuna 3.1's TPE on the same functions IN THE SAME RUN (bench/python/optuna_s_suite.py, when
// /usr/bin/python3 has optuna), the suggestion overhead (1000 TPE trials of a trivial objective, ours vs Optuna's),
// and one real tune() workload (W5's space: TPE with 30 trials against random search with 60).
// `npm run bench -- --search [options]` (builds first) or `node bench/search.mjs` on a built tree.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { FUNCTIONS, bestSoFar, median } from './search/functions.mjs';
import { runPython } from './lib/python.mjs';
import { DATASET_FILES, parseCsv, isGzip, subsample } from './lib/data.mjs';
import { WORKLOADS } from './lib/workloads.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const CHECKPOINTS = [25, 50, 100];
const STRATEGIES = ['random', 'tpe', 'gp'];

const USAGE = `Usage: node bench/search.mjs [options]
  --seeds N          seeds per (function, strategy) (default 10)
  --trials N         trials per run (default 100)
  --functions a,b    only these (${FUNCTIONS.map((f) => f.id).join(', ')})
  --timing-trials N  trials of the suggestion-overhead run (default 1000; 0 skips it)
  --tune-seeds N     seeds of the tune() workload (default 5; 0 skips it)
  --no-optuna        do not run Optuna
  --strategies a,b   only these of ours (random, tpe, gp)
  --tpe JSON         extra TPE options, e.g. '{"lag":0,"multivariate":true}' (to study a setting)
  --quick            3 seeds, 30 trials, 200 timing trials, 2 tune seeds on 4000 rows (checks the harness only)`;

function parseArgs(argv) {
  const o = { seeds: 10, trials: 100, functions: null, timing: 1000, tuneSeeds: 5, optuna: true, quick: false, strategies: STRATEGIES, tpe: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--search') continue;
    else if (a === '--seeds') o.seeds = Number(v());
    else if (a === '--trials') o.trials = Number(v());
    else if (a === '--functions') o.functions = v().split(',');
    else if (a === '--timing-trials') o.timing = Number(v());
    else if (a === '--tune-seeds') o.tuneSeeds = Number(v());
    else if (a === '--no-optuna') o.optuna = false;
    else if (a === '--strategies') o.strategies = v().split(',');
    else if (a === '--tpe') o.tpe = JSON.parse(v());
    else if (a === '--quick') Object.assign(o, { quick: true, seeds: 3, trials: 30, timing: 200, tuneSeeds: 2 });
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(4)) : String(v));

function table(rows) {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((x, c) => String(x).padEnd(w[c])).join('  ')).join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const api = await import(join(ROOT, 'dist', 'node', 'index.js'));
  const fns = FUNCTIONS.filter((f) => !o.functions || o.functions.includes(f.id));
  const checkpoints = CHECKPOINTS.filter((c) => c <= o.trials);
  const out = { date: new Date().toISOString(), seeds: o.seeds, trials: o.trials, functions: {}, verdicts: [] };

  for (const fn of fns) {
    out.functions[fn.id] = {};
    for (const strategy of o.strategies) {
      const curves = [];
      const seconds = [];
      for (let seed = 0; seed < o.seeds; seed++) {
        const t0 = performance.now();
        const search = { strategy, trials: o.trials, ...(strategy === 'tpe' ? o.tpe : {}) };
        const r = await api.optimize(fn.f, { space: fn.space(api), search, seed });
        seconds.push((performance.now() - t0) / 1000);
        curves.push(bestSoFar(r.trials.map((t) => t.value)));
      }
      out.functions[fn.id][strategy] = { curves, seconds };
      process.stderr.write(`search: ${fn.id} ${strategy} done (median ${median(seconds).toFixed(2)} s a run)\n`);
    }
  }

  let optuna = null;
  if (o.optuna) {
    process.stderr.write('search: Optuna 3.1 TPE on the same functions...\n');
    const { result, why } = runPython('optuna_s_suite', [o.trials, o.seeds, o.timing, fns.map((f) => f.id).join(',')], { modules: ['optuna'], timeoutMs: 3_600_000 });
    if (!result) console.log(`NOTE: Optuna not run (${why}); the Optuna columns and targets are skipped.`);
    optuna = result;
    if (optuna) for (const fn of fns) out.functions[fn.id]['optuna-tpe'] = { curves: optuna.functions[fn.id], seconds: optuna.seconds[fn.id] };
  }

  // ---- best-so-far table ----
  const at = (curves, n) => median(curves.map((c) => c[Math.min(n, c.length) - 1]));
  const rows = [['function', 'dims', 'strategy', ...checkpoints.map((c) => `best@${c}`), 's/run']];
  for (const fn of fns) {
    for (const [name, res] of Object.entries(out.functions[fn.id])) {
      rows.push([fn.id, fn.dims, name, ...checkpoints.map((c) => fmt(at(res.curves, c))), median(res.seconds).toFixed(2)]);
    }
  }
  console.log(`\nS-suite: median over ${o.seeds} seeds of the best value after N trials (lower is better)\n`);
  console.log(table(rows));

  // ---- targets ----
  const last = o.trials;
  const m = (fnId, s) => at(out.functions[fnId][s].curves, last);
  const verdict = (what, ok, detail) => {
    out.verdicts.push({ what, ok, detail });
    console.log(`${ok ? 'ok  ' : 'MISS'} ${what}: ${detail}`);
  };
  console.log('');
  const has = (s) => o.strategies.includes(s);
  const beatsRandom = has('tpe') && has('random') ? fns.filter((f) => m(f.id, 'tpe') < m(f.id, 'random')) : [];
  if (has('tpe') && has('random')) verdict('TPE better than random on every function', beatsRandom.length === fns.length, `${beatsRandom.length}/${fns.length} at ${last} trials`);
  if (optuna && has('tpe')) {
    const le = fns.filter((f) => m(f.id, 'tpe') <= m(f.id, 'optuna-tpe'));
    verdict("TPE's median best <= Optuna TPE's on at least 4 of 5 functions", le.length >= Math.min(4, fns.length - 1), `${le.length}/${fns.length} (${le.map((f) => f.id).join(', ')})`);
  }
  const low = fns.filter((f) => f.lowDimContinuous);
  const gpOk = has('gp') && has('tpe') ? low.filter((f) => m(f.id, 'gp') <= m(f.id, 'tpe')) : [];
  if (has('gp') && has('tpe')) verdict('GP <= TPE on the low-dimensional continuous functions', gpOk.length === low.length, `${gpOk.length}/${low.length} (${low.map((f) => f.id).join(', ')})`);

  // ---- suggestion overhead ----
  if (o.timing > 0) {
    const space = Object.fromEntries([0, 1, 2, 3].map((i) => [`p${i}`, api.float(-1, 1)]));
    const t0 = performance.now();
    await api.optimize((p) => p.p0 ** 2 + p.p1 ** 2 + p.p2 ** 2 + p.p3 ** 2, { space, search: { strategy: 'tpe', trials: o.timing }, seed: 0 });
    const ours = (performance.now() - t0) / 1000;
    out.trivial = { trials: o.timing, hyperwasm: ours, optuna: optuna?.trivial?.seconds ?? null };
    const theirs = out.trivial.optuna;
    console.log(`\n${o.timing} TPE trials of a trivial 4-parameter objective: hyperwasm ${ours.toFixed(2)} s` + (theirs ? `, Optuna 3.1 ${theirs.toFixed(2)} s, ratio ${(ours / theirs).toFixed(3)}x (same run)` : ''));
    if (theirs) verdict('1000 TPE trials in <= 0.1x Optuna\'s time', ours / theirs <= 0.1, `${(ours / theirs).toFixed(3)}x`);
  }

  // ---- a real tune() workload: W5's space, TPE 30 trials vs random 60 ----
  if (o.tuneSeeds > 0) {
    const file = join(ROOT, DATASET_FILES.synth_clf_20k);
    const bytes = readFileSync(file);
    let data = parseCsv((isGzip(bytes) ? gunzipSync(bytes) : bytes).toString('utf8'));
    if (o.quick) data = subsample(data, 4000);
    const w5 = WORKLOADS.find((w) => w.id === 'W5');
    const pool = api.createPool({ workers: 2 });
    const best = { tpe30: [], random60: [], random30: [] };
    try {
      for (let seed = 0; seed < o.tuneSeeds; seed++) {
        const base = { ...w5.options(api, data, false), seed, pool };
        const rnd = await api.tune({ ...base, search: { strategy: 'random', trials: 60 }, refit: false });
        const scores = rnd.trials.map((t) => t.meanScore);
        best.random60.push(Math.max(...scores));
        best.random30.push(Math.max(...scores.slice(0, 30)));
        const tpe = await api.tune({ ...base, search: { strategy: 'tpe', trials: 30 }, refit: false });
        best.tpe30.push(Math.max(...tpe.trials.map((t) => t.meanScore)));
        process.stderr.write(`search: W5 seed ${seed}: tpe30 ${best.tpe30.at(-1).toFixed(4)} random60 ${best.random60.at(-1).toFixed(4)}\n`);
      }
    } finally {
      await pool.dispose();
    }
    out.tune = { workload: 'W5 space (SGD classifier, 20000 x 32, 3 folds)', seeds: o.tuneSeeds, ...best };
    const [t30, r60, r30] = [median(best.tpe30), median(best.random60), median(best.random30)];
    console.log(`\nW5's space, accuracy (higher is better), median over ${o.tuneSeeds} seeds: TPE@30 ${t30.toFixed(4)}, random@30 ${r30.toFixed(4)}, random@60 ${r60.toFixed(4)}`);
    verdict('TPE with 30 trials reaches random search\'s best at 60 (W5 space)', t30 >= r60, `${t30.toFixed(4)} vs ${r60.toFixed(4)}`);
  }

  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'search.json'), JSON.stringify(out));
  console.log('\nwritten bench/results/search.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
