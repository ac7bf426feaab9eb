/**
 * The "How the search went" panel: the score history, one chart per searched hyperparameter and the heatmap over
 * two of them, redrawn as trials arrive.
 */
import { type TrialResult } from '../src/index';
import { listedValues, type ContourTrial } from './contour-bins';
import { ContourBlock } from './contour-block';
import { greaterIsBetter } from './metrics';
import { HistoryChart, ParamChart, type ParamAxis } from './charts';
import { state, charts, type Dim } from './state';
import { els, h } from './dom';
import { clearExports } from './export-code';
import { renderTrials } from './trials-table';
import { clearCurves } from './trial-curves';
import { clearJournal } from './journal';
import { clearImportance } from './importance';
import { drawTimeline, barsOfTrials } from './timeline';
import { drawParallel } from './parallel-coords';

export function destroyCharts(): void {
  charts.history?.destroy();
  charts.heat?.destroy();
  charts.map?.destroy();
  for (const c of charts.params) c.destroy();
  charts.history = charts.heat = charts.map = null;
  charts.params = [];
}

export function resetResults(): void {
  clearCurves();
  state.completed = [];
  state.result = null;
  state.sortKey = { col: 'rank', dir: 1 };
  destroyCharts();
  els.progress.value = 0;
  els.progress.max = 1;
  els.progressCount.textContent = '0 / …';
  els.intro.hidden = true;
  els.bestPanel.hidden = true;
  els.mapPanel.hidden = true;
  delete els.mapPanel.dataset.state;
  els.plotsPanel.hidden = false;
  els.trialsPanel.hidden = false;
  els.codePanel.hidden = false;
  clearExports();
  clearJournal();
  clearImportance();
  els.parallelBlock.hidden = true;
  els.timelineBlock.hidden = true;
  els.timelineChart.replaceChildren();
  // A loaded journal rewrites the hint (its bars are trials in lanes); a search puts the page's own back.
  els.timelineHint.dataset.text ??= els.timelineHint.textContent ?? '';
  els.timelineHint.textContent = els.timelineHint.dataset.text;
  const s = state.setup!;
  const greater = greaterIsBetter(s.scoring);
  charts.history = new HistoryChart(els.historyChart, s.scoring, greater);
  const varying = s.dims.filter((d) => d.size > 1);
  els.paramCharts.replaceChildren();
  for (const d of varying) {
    const box = h('figure', 'param-chart');
    const cap = h('figcaption', undefined, '');
    cap.append(h('code', undefined, d.name), document.createTextNode(` (${d.text})`));
    const area = h('div', 'chart');
    area.setAttribute('role', 'img');
    area.setAttribute('aria-label', `${s.scoring} against ${d.name}`);
    box.append(cap, area);
    els.paramCharts.append(box);
    charts.params.push(new ParamChart(area, paramAxis(d), s.scoring, greater));
  }
  if (varying.length === 0) els.paramCharts.append(h('p', 'hint', 'No hyperparameter varies in this search (every one is fixed or at its default).'));
  setupHeatmap();
}

export function paramAxis(d: Dim): ParamAxis {
  const values = listedValues(d.spec);
  if (values && values.some((v) => typeof v !== 'number')) return { name: d.name, categories: values, log: false };
  const spec = d.spec;
  if (!Array.isArray(spec) && spec.kind !== 'choice') return { name: d.name, categories: null, log: spec.log };
  const nums = (values ?? []) as number[];
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const log = lo > 0 && hi / lo >= 50;
  // A few listed numbers (p: 1, 2) read better as evenly spaced categories than as two dots at the ends of an axis.
  if (!log && nums.length <= 8) return { name: d.name, categories: [...nums].sort((a, b) => a - b), log: false };
  return { name: d.name, categories: null, log };
}

/** The contour block of the search's hyperparameters (hidden when fewer than two can be drawn). */
export function setupHeatmap(): void {
  const s = state.setup!;
  charts.heat?.destroy();
  charts.heat = new ContourBlock(
    { block: els.heatBlock, x: els.heatX, y: els.heatY, note: els.heatNote, chart: els.heatChart, lo: els.heatLo, hi: els.heatHi },
    s.dims.filter((d) => d.size > 1),
    `mean ${s.scoring}`,
    greaterIsBetter(s.scoring),
  );
}

/** A picker changed: redraw the contour for the new pair. */
export function buildHeatmap(): void {
  charts.heat?.rebuild();
}

/** tune() rows as the contour reads them: only complete ('ok') trials are drawn. */
export const contourRows = (trials: readonly TrialResult[]): ContourTrial[] =>
  trials.map((t) => ({ params: t.params, value: t.meanScore, complete: t.status === 'ok' }));

let liveTimer: ReturnType<typeof setTimeout> | null = null;

/** Coalesces trial arrivals: the charts and table redraw at most every 150 ms during a search. */
export function scheduleLiveRender(): void {
  if (liveTimer) return;
  liveTimer = setTimeout(() => {
    liveTimer = null;
    renderLive();
    renderTrials();
  }, 150);
}

export function renderLive(): void {
  if (liveTimer) {
    clearTimeout(liveTimer);
    liveTimer = null;
  }
  // Empty charts look broken: say what is going on until there is something to draw.
  // Halving and Hyperband report their trials at the end (rungs finish together): fall back to the result's.
  const trials = state.completed.length === 0 && state.result ? state.result.trials : state.completed;
  const empty = trials.length === 0;
  els.plotsEmpty.hidden = !empty;
  els.plotsBody.classList.toggle('pending', empty);
  if (empty) {
    els.plotsEmpty.textContent = state.controller ? 'Waiting for the first scored candidate…' : 'No candidate finished before the search stopped.';
    return;
  }
  charts.history?.update(trials);
  for (const c of charts.params) c.update(trials);
  charts.heat?.update(contourRows(trials));
  renderTimeline(trials);
}

/** The timeline of the trials so far (rows are the workers that ran them). */
export function renderTimeline(trials: readonly TrialResult[]): void {
  const drawn = drawTimeline(els.timelineChart, barsOfTrials(trials), state.setup?.scoring ?? 'score');
  els.timelineBlock.hidden = drawn === 0;
}


/** Parallel coordinates of the finished search (hidden when fewer than two trials scored or nothing varies). */
export function renderParallel(trials: readonly TrialResult[]): void {
  const s = state.setup;
  const dims = s ? s.dims.filter((d) => d.size > 1).map((d) => d.name) : [];
  const drawn = s ? drawParallel(els.parallelChart, dims, trials, s.scoring, greaterIsBetter(s.scoring)) : 0;
  els.parallelBlock.hidden = drawn === 0;
}
