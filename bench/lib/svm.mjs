// The SVM bench (work item [10]): W6 (breast_cancer std, SVC rbf, C = logspace(-2, 3, 6) x gamma = logspace(-4, 0, 5),
// 5 folds) and a 6 x 6 C x gamma grid on digits, timed through the built package's tune() on a warm pool.
// Environment-neutral (the Node runner and the Chromium page both call timeSvmSearch); scikit-learn's side, on the
// same rows and the same fold ids, runs in the same bench run from bench/lib/svm-sklearn.mjs (Node only).

import { logspace } from './workloads.mjs';

const now = () => performance.now();

export const SVM_WORKLOADS = [
  { id: 'W6', dataset: 'breast_cancer', standardize: true, C: logspace(-2, 3, 6), gamma: logspace(-4, 0, 5), folds: 5 },
  { id: 'W6-digits', dataset: 'digits', standardize: false, C: logspace(-1, 4, 6), gamma: logspace(-5, 0, 6), folds: 5 },
];

/** Target of the issue: wall time <= 0.3 x scikit-learn's, same best candidate. */
export const SVM_TARGET_RATIO = 0.3;

/** Stratified fold ids from a seeded shuffle (the same ids go to both sides). */
export function stratifiedFoldIds(y, folds, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const idx = Array.from(y, (_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const seen = new Map();
  const ids = new Array(y.length);
  for (const i of idx) {
    const c = seen.get(y[i]) ?? 0;
    ids[i] = c % folds;
    seen.set(y[i], c + 1);
  }
  return ids;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One SVM workload through `api` (the imported package): a fresh pool, a cold run, `runs` warm runs. Returns a plain
 * record (mean scores in C-major candidate order, as GridSearchCV lists them); never throws.
 */
export async function timeSvmSearch(api, id, data, { workers, runs, progress = () => {} }) {
  const wl = SVM_WORKLOADS.find((w) => w.id === id);
  const row = { id, dataset: wl.dataset, rows: data.X.rows, candidates: wl.C.length * wl.gamma.length, workers };
  const foldIds = stratifiedFoldIds(data.y, wl.folds, 42);
  const pool = api.createPool({ workers });
  try {
    const once = async () => {
      const t0 = now();
      const result = await api.tune({
        model: 'svc',
        data: { X: data.X, y: data.y },
        space: { kernel: ['rbf'], C: wl.C, gamma: wl.gamma },
        search: { strategy: 'grid' },
        cv: { foldIds },
        scoring: 'accuracy',
        preprocess: wl.standardize ? 'standardize' : 'none',
        seed: 42,
        pool,
      });
      return { wall: (now() - t0) / 1000, result };
    };
    progress(`${id}: cold run`);
    const cold = await once();
    const warm = [];
    for (let r = 0; r < runs; r++) {
      progress(`${id}: warm run ${r + 1}/${runs}`);
      warm.push(await once());
    }
    const res = warm[0]?.result ?? cold.result;
    row.coldSeconds = cold.wall;
    row.wallRuns = warm.map((w) => w.wall);
    row.wallSeconds = median(row.wallRuns.length ? row.wallRuns : [cold.wall]);
    row.bestParams = { C: res.best.params.C, gamma: res.best.params.gamma };
    row.bestScore = res.best.score;
    row.failedTrials = res.trials.filter((t) => t.status !== 'ok').length;
    row.meanScores = wl.C.flatMap((C) => wl.gamma.map((g) => res.trials.find((t) => t.params.C === C && t.params.gamma === g).meanScore));
    row.status = 'ok';
  } catch (e) {
    row.status = 'error';
    row.error = e?.message ?? String(e);
  } finally {
    pool.dispose();
  }
  return row;
}

/** Adds scikit-learn's figures (from svm-sklearn.mjs) to a row: ratio, same best, largest mean-score difference. */
export function judgeSvm(row, sklearn) {
  if (row.status !== 'ok' || !sklearn) return { ...row, sklearn };
  return {
    ...row,
    sklearn,
    ratio: row.wallSeconds / sklearn.seconds,
    sameBest: sklearn.params.C === row.bestParams.C && sklearn.params.gamma === row.bestParams.gamma,
    maxMeanDiff: Math.max(...row.meanScores.map((v, i) => Math.abs(v - sklearn.scores[i]))),
  };
}

/** A text table of judged rows (each with its env). */
export function svmTable(rows) {
  const headers = ['env', 'workload', 'rows', 'cand.', 'hyperwasm s (cold)', 'scikit-learn s', 'ratio', 'target', 'best (ours / sklearn)', 'max |mean diff|', 'verdict'];
  const body = rows.map((r) => {
    if (r.status !== 'ok') return [r.env, r.id, r.rows, r.candidates, `error: ${r.error}`, '', '', '', '', '', 'FAIL'];
    const sk = r.sklearn;
    const best = `C=${r.bestParams.C.toPrecision(3)} g=${r.bestParams.gamma.toPrecision(3)} ${r.bestScore.toFixed(4)}` +
      (sk ? ` / C=${sk.params.C.toPrecision(3)} g=${sk.params.gamma.toPrecision(3)} ${sk.score.toFixed(4)}` : '');
    return [
      r.env, r.id, r.rows, r.candidates, `${r.wallSeconds.toFixed(3)} (${r.coldSeconds.toFixed(3)})`,
      sk ? sk.seconds.toFixed(3) : (r.sklearnWhy ?? 'n/a'), sk ? `${r.ratio.toFixed(3)}x` : '', `<= ${SVM_TARGET_RATIO}x`, best,
      sk ? r.maxMeanDiff.toExponential(1) : '', sk ? (r.ratio <= SVM_TARGET_RATIO && r.sameBest ? 'PASS' : 'FAIL') : 'n/a',
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
