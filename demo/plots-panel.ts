/**
 * The "How the search went" panel: the score history, one chart per searched hyperparameter and the heatmap over
 * two of them, redrawn as trials arrive.
 */
import { type TrialResult, type Value } from '../src/index';
import { fmtNum } from './space-syntax';
import { greaterIsBetter } from './metrics';
import { HistoryChart, ParamChart, HeatmapChart, type ParamAxis } from './charts';
import { state, charts, type Dim } from './state';
import { els, h, option } from './dom';
import { clearExports } from './export-code';
import { renderTrials } from './trials-table';
import { clearCurves } from './trial-curves';
import { clearJournal } from './journal';
import { clearImportance } from './importance';
import { drawTimeline, barsOfTrials } from './timeline';

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

export function listedValues(d: Dim): Value[] | null {
  const s = d.spec;
  if (Array.isArray(s)) return s;
  if (s.kind === 'choice') return [...s.values];
  if (s.kind === 'int') return Array.from({ length: d.size }, (_, i) => s.low + i * s.step);
  if (s.kind === 'float' && s.step !== null) return Array.from({ length: d.size }, (_, i) => Number((s.low + i * s.step!).toPrecision(12)));
  return null;
}

export function paramAxis(d: Dim): ParamAxis {
  const values = listedValues(d);
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

export function setupHeatmap(): void {
  const s = state.setup!;
  const dims = s.dims.filter((d) => d.size > 1 && Number.isFinite(d.size) && d.size <= 60);
  els.heatBlock.hidden = dims.length < 2;
  if (dims.length < 2) return;
  const byCount = [...dims].sort((a, b) => b.size - a.size);
  const fill = (sel: HTMLSelectElement, pick: string): void => {
    sel.replaceChildren(...dims.map((d) => option(d.name, d.name)));
    sel.value = pick;
  };
  fill(els.heatX, byCount[0].name);
  fill(els.heatY, byCount[1].name);
  buildHeatmap();
}

export function buildHeatmap(): void {
  const s = state.setup;
  if (!s) return;
  charts.heat?.destroy();
  charts.heat = null;
  const dx = s.dims.find((d) => d.name === els.heatX.value);
  const dy = s.dims.find((d) => d.name === els.heatY.value);
  if (!dx || !dy || dx === dy) {
    els.heatNote.textContent = 'Pick two different hyperparameters.';
    els.heatChart.replaceChildren();
    return;
  }
  const others = s.dims.filter((d) => d.size > 1 && d !== dx && d !== dy).map((d) => d.name);
  els.heatNote.textContent = others.length
    ? `Each cell shows the best mean ${s.scoring} over the other hyperparameters (${others.join(', ')}).`
    : `Each cell is one candidate's mean ${s.scoring} over the folds.`;
  const greater = greaterIsBetter(s.scoring);
  charts.heat = new HeatmapChart(
    els.heatChart,
    { name: dx.name, values: listedValues(dx)! },
    { name: dy.name, values: listedValues(dy)! },
    s.scoring,
    greater,
    (worst, best) => {
      els.heatLo.textContent = `${fmtNum(worst)} (worst)`;
      els.heatHi.textContent = `${fmtNum(best)} (best)`;
    },
  );
  charts.heat.update(state.result ? state.result.trials : state.completed);
}

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
  charts.heat?.update(trials);
  renderTimeline(trials);
}

/** The timeline of the trials so far (rows are the workers that ran them). */
export function renderTimeline(trials: readonly TrialResult[]): void {
  const drawn = drawTimeline(els.timelineChart, barsOfTrials(trials), state.setup?.scoring ?? 'score');
  els.timelineBlock.hidden = drawn === 0;
}

