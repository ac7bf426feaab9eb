// First calls against scikit-learn run in the SAME bench run (bench/python/sklearn_w1_w5.py through runPython), per
// W workload: the cold call (new pool: workers spawned and kernels compiled inside it), the first call on a pool
// started ahead (createPool({ warm: true }) + ready()), the warm median; and the specialised searches against the
// scikit-learn classes users reach for (W2 with warmStart vs LogisticRegressionCV, W3b with cv: 'loo' vs RidgeCV).
import { runPython } from './python.mjs';
import { table } from './report.mjs';

/** Target of issue [13]: a first call within this fraction of scikit-learn's time. */
export const FIRST_CALL_RATIO = 0.35;

/** Specialised variants of W workloads: tune() options laid over the workload's, and the scikit-learn row they face. */
export const VARIANTS = [
  { base: 'W2', label: 'W2 warmStart (C path)', patch: { warmStart: true }, versus: 'W2_LogisticRegressionCV' },
  { base: 'W3b', label: "W3b cv: 'loo'", patch: { cv: 'loo' }, versus: 'W3b_RidgeCV' },
];

/** scikit-learn's side, timed now: { rows: { W1: { seconds, warmSeconds, score, params }, ... }, why }. */
export function sklearnSameRun(ids) {
  try {
    const { result, why } = runPython('sklearn_w1_w5', [ids.join(',')], { timeoutMs: 900_000 });
    return { rows: result, why };
  } catch (e) {
    return { rows: null, why: `bench/python/sklearn_w1_w5.py failed: ${e && e.message ? e.message.split('\n')[0] : e}` };
  }
}

const s = (x) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '-');
const r = (x) => (typeof x === 'number' && Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');

/** Rows of the first-call table (also stored in latest.json). */
export function firstCallRows(workloads, variants, sklearn) {
  const rows = [];
  const add = (w, label, skKey) => {
    if (w.status !== 'ok') return;
    const sk = sklearn?.[skKey] ?? null;
    const coldRatio = sk ? w.coldSeconds / sk.seconds : null;
    const firstRatio = sk && w.firstSeconds !== null ? w.firstSeconds / sk.seconds : null;
    const warmRatio = sk ? w.wallSeconds / sk.warmSeconds : null;
    rows.push({
      env: w.env, id: label, versus: skKey, coldSeconds: w.coldSeconds, firstSeconds: w.firstSeconds, warmSeconds: w.wallSeconds,
      sklearnFirst: sk?.seconds ?? null, sklearnWarm: sk?.warmSeconds ?? null, coldRatio, firstRatio, warmRatio,
      score: w.bestScore, sklearnScore: sk?.score ?? null,
      missesTarget: firstRatio === null ? null : firstRatio > FIRST_CALL_RATIO || coldRatio > FIRST_CALL_RATIO,
    });
  };
  for (const w of workloads) add(w, w.id, w.id);
  for (const w of variants) {
    const v = VARIANTS.find((x) => JSON.stringify(x.patch) === w.variant && x.base === w.id);
    if (v) add(w, v.label, v.versus);
  }
  return rows;
}

export function firstCallTable(rows) {
  return table(
    ['env', 'workload', 'vs scikit-learn', 'cold s', 'started s', 'warm s', 'sk 1st s', 'sk warm s', 'cold/sk1st', 'started/sk1st', 'warm/skwarm', 'score', 'sk score'],
    rows.map((x) => [x.env, x.id, x.versus, s(x.coldSeconds), s(x.firstSeconds), s(x.warmSeconds), s(x.sklearnFirst), s(x.sklearnWarm),
      r(x.coldRatio), r(x.firstRatio), r(x.warmRatio), s(x.score), s(x.sklearnScore)]),
    [0, 1, 2],
  );
}
