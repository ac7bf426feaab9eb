/**
 * Parallel coordinates (as Optuna's plot): one vertical axis per searched hyperparameter and one for the score, one
 * polyline per finished trial, coloured by its score (viridis: yellow = best). Plain SVG, redrawn after a search.
 */
import type { TrialResult, Value } from '../src/index';
import { viridis, fmtValue } from './charts';
import { fmtNum } from './space-syntax';
import { greaterIsBetter } from './metrics';
import { state } from './state';
import { els } from './dom';

const NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

interface Axis {
  name: string;
  /** Trial -> position in [0, 1] (0 = bottom), or null when the trial has no value. */
  pos: (t: TrialResult) => number | null;
  ticks: [number, string][];
}

function axisFor(name: string, values: Value[], get: (t: TrialResult) => Value): Axis {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === values.length && new Set(nums).size > 6) {
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const log = lo > 0 && hi / lo >= 50;
    const f = (v: number): number => (log ? Math.log(v) : v);
    const span = f(hi) - f(lo) || 1;
    return { name, pos: (t) => { const v = get(t); return typeof v === 'number' ? (f(v) - f(lo)) / span : null; }, ticks: [[0, fmtNum(lo)], [1, fmtNum(hi)]] };
  }
  const keys = [...new Set(values.map((v) => JSON.stringify(v)))];
  keys.sort((a, b) => { const x = JSON.parse(a) as Value; const y = JSON.parse(b) as Value; return typeof x === 'number' && typeof y === 'number' ? x - y : a.localeCompare(b); });
  const at = (k: string): number => (keys.length === 1 ? 0.5 : keys.indexOf(k) / (keys.length - 1));
  return { name, pos: (t) => at(JSON.stringify(get(t))), ticks: keys.map((k) => [at(k), fmtValue(JSON.parse(k))]) };
}

export function drawParallel(): void {
  const s = state.setup;
  const res = state.result;
  const trials = (res?.trials ?? []).filter((t) => t.status !== 'failed' && Number.isFinite(t.meanScore));
  els.parallelChart.replaceChildren();
  const dims = s ? s.dims.filter((d) => d.size > 1) : [];
  els.parallelBlock.hidden = !s || trials.length < 2 || dims.length === 0;
  if (els.parallelBlock.hidden || !s) return;
  const greater = greaterIsBetter(s.scoring);
  const scores = trials.map((t) => t.meanScore);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const axes: Axis[] = dims.map((d) => axisFor(d.name, trials.map((t) => t.params[d.name] ?? null), (t) => t.params[d.name] ?? null));
  axes.push({ name: s.scoring, pos: (t) => (t.meanScore - lo) / (hi - lo || 1), ticks: [[0, fmtNum(lo)], [1, fmtNum(hi)]] });
  const W = 640;
  const H = 300;
  const top = 28;
  const bottom = 24;
  const left = 40;
  const right = 40;
  const x = (i: number): number => left + (i * (W - left - right)) / Math.max(1, axes.length - 1);
  const y = (p: number): number => top + (1 - p) * (H - top - bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `Parallel coordinates of ${trials.length} trials` });
  // Worst first so the best lines are drawn on top.
  const order = [...trials].sort((a, b) => (greater ? a.meanScore - b.meanScore : b.meanScore - a.meanScore));
  for (const t of order) {
    const q = (t.meanScore - lo) / (hi - lo || 1);
    const [r, g, b] = viridis(greater ? q : 1 - q);
    const pts = axes.map((a, i) => { const p = a.pos(t); return p === null ? null : `${x(i).toFixed(1)},${y(p).toFixed(1)}`; }).filter((p) => p !== null);
    root.append(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: `rgb(${r | 0}, ${g | 0}, ${b | 0})`, 'stroke-width': 1.5, 'stroke-opacity': 0.8 }));
  }
  axes.forEach((a, i) => {
    root.append(svg('line', { x1: x(i), x2: x(i), y1: y(0), y2: y(1), stroke: '#4a5160', 'stroke-width': 1 }));
    root.append(svg('text', { x: x(i), y: 14, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 600, fill: '#1b1f24' }, a.name));
    for (const [p, label] of a.ticks.slice(0, 8)) {
      root.append(svg('text', { x: x(i) + 4, y: y(p) + 4, 'font-size': 10, fill: '#4a5160' }, label));
    }
  });
  els.parallelChart.append(root);
}
