// Verdicts against the targets of work item [4], and the printed tables (Node side only).

import { TARGET, WORKLOADS } from './workloads.mjs';

/**
 * Adds sklearn reference, ratio, the target checks and a verdict to a workload record of one environment.
 * `sameRun`: scikit-learn's { warmSeconds } for this workload measured in THIS bench run; the ratio is our warm median
 * over its warm call. Without it the stored WORKLOADS.md figure (another run, another day) is shown, marked, and no
 * verdict is given on time: a ratio across runs measures the host's drift as much as the code.
 * The score reference stays the stored parity reference (a result, not a timing).
 */
export function judgeWorkload(row, env, { quick }, sameRun = null) {
  const wl = WORKLOADS.find((w) => w.id === row.id);
  const stored = wl.sklearn;
  const ref = { ...stored, seconds: sameRun?.warmSeconds ?? stored.seconds };
  const out = { ...row, env, sklearnSeconds: ref.seconds, sklearnSource: sameRun ? 'this run' : 'stored', sklearnScore: ref.score, sklearnParams: ref.params };
  out.target = {
    maxRatio: TARGET.ratio,
    maxSeconds: TARGET.ratio * ref.seconds,
    minScore: ref.score === null ? null : ref.score - TARGET.scoreTolerance,
    definedFor: `${TARGET.env}, ${TARGET.workers} workers`,
  };
  if (row.status !== 'ok') {
    out.verdict = row.status === 'unavailable' ? 'n/a' : 'FAIL';
    return out;
  }
  out.ratio = row.wallSeconds / ref.seconds;
  out.timeOk = out.ratio <= TARGET.ratio;
  out.scoreDelta = ref.score === null || row.bestScore === null ? null : row.bestScore - ref.score;
  out.scoreOk = ref.score === null ? null : row.bestScore !== null && row.bestScore >= ref.score - TARGET.scoreTolerance;
  const clean = row.failedTrials < row.candidates && row.bestScore !== null && Number.isFinite(row.bestScore);
  if (quick) out.verdict = 'n/a (quick)';
  else if (!sameRun) out.verdict = out.scoreOk !== false && clean ? 'n/a (time: sklearn not run here)' : 'FAIL';
  else out.verdict = out.timeOk && out.scoreOk !== false && clean ? 'PASS' : 'FAIL';
  out.targetApplies = env === TARGET.env && row.workers === TARGET.workers && !quick;
  return out;
}

export function judgeKernel(row, env) {
  const out = { ...row, env };
  if (row.status !== 'ok') out.verdict = row.status === 'unavailable' ? 'n/a' : 'FAIL';
  else if (row.target?.gflops) out.verdict = row.quick ? 'n/a (quick)' : row.wasmGflops >= row.target.gflops ? 'PASS' : 'FAIL';
  else out.verdict = '-';
  return out;
}

// ---- formatting ---------------------------------------------------------------------------------------------------

const f = (x, digits) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));
const sig = (x) => {
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : String(Number(x.toPrecision(3)));
};

export function paramsText(params) {
  if (!params) return '-';
  return Object.entries(params)
    .map(([k, v]) => `${k}=${sig(v)}`)
    .join(' ');
}

/** Plain-text table: header row, rule, rows; columns right-aligned unless listed in `left`. */
export function table(headers, rows, left = []) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (left.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function workloadTable(rows) {
  const headers = [
    'env', 'id', 'model', 'cand', 'cold s', 'warm s', 'runs', 'trials/s', 'sklearn s', 'ratio', 'target',
    'time', 'best score', 'ref score', 'score', 'verdict', 'best params',
  ];
  const body = rows.map((r) => {
    if (r.status !== 'ok') {
      const why = r.status === 'unavailable' ? r.reason : `error: ${r.error}`;
      return [r.env, r.id, r.model, '-', '-', '-', '-', '-', f(r.sklearnSeconds, 2), '-', `<=${f(r.target.maxRatio, 1)}x`,
        '-', '-', r.sklearnScore === null ? 'no ref' : f(r.sklearnScore, 4), '-', r.verdict, why];
    }
    const refScore = r.sklearnScore === null ? 'no ref' : f(r.sklearnScore, 4);
    const score = r.scoreOk === null ? '-' : r.scoreOk ? 'ok' : 'LOW';
    const notes = [];
    if (r.failedTrials) notes.push(`[${r.failedTrials} trials failed: ${r.firstError}]`);
    if (!r.deterministic) notes.push('[best score differs between runs]');
    if (r.workersUsed !== r.workers) notes.push(`[used ${r.workersUsed} workers]`);
    if (r.id === 'W4' && r.sklearnParams) notes.push(`(sklearn: ${r.sklearnParams})`);
    return [
      r.env, r.id, r.model, r.candidates, f(r.coldSeconds, 2), f(r.wallSeconds, 2), r.warmRuns, f(r.trialsPerSecond, 1),
      `${f(r.sklearnSeconds, 2)}${r.sklearnSource === 'stored' ? '*' : ''}`, `${f(r.ratio, 2)}x`, `<=${f(r.target.maxRatio, 1)}x`,
      r.sklearnSource === 'stored' ? '-' : r.timeOk ? 'ok' : 'SLOW',
      f(r.bestScore, 4), refScore, score, r.verdict, [paramsText(r.bestParams), ...notes].join(' '),
    ];
  });
  return table(headers, body, [0, 1, 2, 15, 16]);
}

export function kernelTable(rows) {
  const headers = ['env', 'kernel', 'size', 'wasm ms', 'JS ms', 'JS/wasm', 'wasm GFLOP/s', 'JS GFLOP/s', 'target', 'verdict', 'flops counted'];
  const body = rows.map((r) => {
    const target = r.target?.gflops ? `>=${r.target.gflops} GFLOP/s` : '-';
    if (r.status !== 'ok') {
      return [r.env, r.id, r.size, '-', '-', '-', '-', '-', target, r.verdict,
        `${r.status === 'unavailable' ? 'not available' : r.status}: ${r.reason}`];
    }
    return [
      r.env, r.id, r.size, f(r.wasmMs, 2), f(r.jsMs, 2), `${f(r.speedup, 1)}x`, f(r.wasmGflops, 2), f(r.jsGflops, 2),
      target, r.verdict, r.flopsText + (r.note ? ` [${r.note}]` : ''),
    ];
  });
  return table(headers, body, [0, 1, 2, 9, 10]);
}
