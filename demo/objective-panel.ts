/**
 * "Your own objective": optimize() minimising a function the user types, e.g. (x - 2)^2 + sin(3 y). The expression
 * is parsed and evaluated by mathjs (its own parser and evaluator, no eval or new Function), so the page's CSP stays
 * strict. The space is written "x: -5..5, y: 1e-3..10 log". Trials are drawn in the same history chart as tune()'s.
 */
import { create, all } from 'mathjs';
import { optimize, float, type Distribution, type StudyTrial, type TrialResult } from '../src/index';
import { HistoryChart } from './charts';
import { fmtNum } from './space-syntax';
import { els, intOf, describeError } from './dom';

const math = create(all);
let chart: HistoryChart | null = null;
let controller: AbortController | null = null;

/** "x: -5..5, y: 1e-3..10 log" -> { x: float(-5, 5), y: float(1e-3, 10, { log: true }) }; throws a readable message. */
export function parseObjectiveSpace(text: string): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z_]\w*)\s*:\s*(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)(\s+log)?$/.exec(part);
    if (!m) throw new Error(`"${part}": write each variable as name: low..high (optionally "log"), e.g. x: -5..5`);
    const low = Number(m[2]);
    const high = Number(m[3]);
    if (!(low < high)) throw new Error(`"${part}": the low bound must be below the high one`);
    if (m[4] && low <= 0) throw new Error(`"${part}": a log scale needs a positive low bound`);
    out[m[1]] = float(low, high, m[4] ? { log: true } : undefined);
  }
  if (Object.keys(out).length === 0) throw new Error('Give at least one variable, e.g. x: -5..5');
  return out;
}

/** What the history chart reads from a trial (it was written for tune()'s rows). */
const asRow = (t: StudyTrial): TrialResult => ({ index: t.number, meanScore: t.state === 'complete' ? t.value : NaN, status: t.state === 'complete' ? 'ok' : 'failed' }) as unknown as TrialResult;

export async function runObjective(): Promise<void> {
  if (controller) {
    controller.abort();
    return;
  }
  els.objError.hidden = true;
  let space: Record<string, Distribution>;
  let evaluate: (scope: Record<string, number>) => unknown;
  try {
    space = parseObjectiveSpace(els.objSpace.value);
    const compiled = math.compile(els.objExpr.value);
    evaluate = (scope) => compiled.evaluate({ ...scope });
  } catch (e) {
    els.objError.hidden = false;
    els.objError.textContent = describeError(e);
    return;
  }
  const direction = els.objDirection.value as 'minimize' | 'maximize';
  const strategy = els.objStrategy.value as 'random' | 'tpe' | 'gp';
  const trials = intOf(els.objTrials, 40, 2, 2000);
  const rows: TrialResult[] = [];
  chart?.destroy();
  chart = new HistoryChart(els.objChart, 'f', direction === 'maximize');
  els.objPanel.dataset.state = 'running';
  els.objRun.textContent = 'Stop';
  controller = new AbortController();
  try {
    const res = await optimize(
      (params) => {
        const v = evaluate(params as Record<string, number>);
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n)) throw new Error(`f = ${String(v)} is not a finite number`);
        return n;
      },
      {
        space,
        search: { strategy, trials },
        direction,
        seed: intOf(els.seed, 42, 0, 0xffffffff),
        signal: controller.signal,
        onTrial: (t) => {
          rows.push(asRow(t));
          chart?.update(rows);
        },
      },
    );
    const b = res.best;
    els.objNote.textContent = b
      ? `${strategy.toUpperCase()}, ${res.trials.length} trials in ${Math.round(res.elapsedMs)} ms: best f = ${fmtNum(b.value)} at ` +
        `${Object.entries(b.params).map(([k, v]) => `${k} = ${fmtNum(v as number)}`).join(', ')} (trial ${b.number}).`
      : 'No trial gave a finite value.';
    els.objPanel.dataset.state = 'done';
  } catch (e) {
    els.objPanel.dataset.state = (e as Error).name === 'AbortError' ? 'cancelled' : 'error';
    if ((e as Error).name !== 'AbortError') {
      els.objError.hidden = false;
      els.objError.textContent = describeError(e);
    } else els.objNote.textContent = `Stopped after ${rows.length} trials.`;
  } finally {
    controller = null;
    els.objRun.textContent = 'Optimise';
  }
}
