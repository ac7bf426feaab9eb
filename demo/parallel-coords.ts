/**
 * Parallel coordinates (as Optuna's plot): one vertical axis per searched hyperparameter and one for the score, one
 * polyline per finished trial, coloured by its score (viridis: yellow = best). Plain SVG, redrawn after a search.
 * Both panels use it: tune()'s rows and optimize()'s trials (as PlotRows, demo/charts).
 */
import type { Value } from '../src/index';
import { viridis, fmtValue, type PlotRow } from './charts';
import { fmtNum } from './space-syntax';
import { AXIS, INK, frame, linearScale, logScale, pointList, svgEl, svgRoot } from './svg';

interface Axis {
  name: string;
  /** Trial -> position in [0, 1] (0 = bottom), or null when the trial has no value. */
  pos: (t: PlotRow) => number | null;
  ticks: [number, string][];
}

function axisFor(name: string, values: Value[], get: (t: PlotRow) => Value): Axis {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === values.length && new Set(nums).size > 6) {
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const scale = lo > 0 && hi / lo >= 50 ? logScale(lo, hi, 0, 1) : linearScale(lo, hi === lo ? lo + 1 : hi, 0, 1);
    return { name, pos: (t) => { const v = get(t); return typeof v === 'number' ? scale(v) : null; }, ticks: [[0, fmtNum(lo)], [1, fmtNum(hi)]] };
  }
  const keys = [...new Set(values.map((v) => JSON.stringify(v)))];
  keys.sort((a, b) => { const x = JSON.parse(a) as Value; const y = JSON.parse(b) as Value; return typeof x === 'number' && typeof y === 'number' ? x - y : a.localeCompare(b); });
  const at = (k: string): number => (keys.length === 1 ? 0.5 : keys.indexOf(k) / (keys.length - 1));
  return { name, pos: (t) => at(JSON.stringify(get(t))), ticks: keys.map((k) => [at(k), fmtValue(JSON.parse(k))]) };
}

/**
 * Draws the trials that have a score (failed and pruned ones are left out) over the hyperparameters `dims` into `el`;
 * returns the number of lines, 0 (and draws nothing) when there is less than two trials or no hyperparameter.
 */
export function drawParallel(el: HTMLElement, dims: readonly string[], rows: readonly PlotRow[], metric: string, greater: boolean): number {
  const trials = rows.filter((t) => t.status === 'ok' && Number.isFinite(t.meanScore));
  el.replaceChildren();
  if (trials.length < 2 || dims.length === 0) return 0;
  const scores = trials.map((t) => t.meanScore);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const axes: Axis[] = dims.map((d) => axisFor(d, trials.map((t) => t.params[d] ?? null), (t) => t.params[d] ?? null));
  const score = linearScale(lo, hi === lo ? lo + 1 : hi, 0, 1);
  axes.push({ name: metric, pos: (t) => score(t.meanScore), ticks: [[0, fmtNum(lo)], [1, fmtNum(hi)]] });
  const f = frame(640, 300, { top: 28, right: 40, bottom: 24, left: 40 });
  const x = linearScale(0, Math.max(1, axes.length - 1), f.x0, f.x1);
  const y = linearScale(0, 1, f.y1, f.y0);
  const root = svgRoot(f.width, f.height, `Parallel coordinates of ${trials.length} trials`);
  // Labels stay readable with ~100 px per axis: a few axes fit a phone's width, many scroll sideways (.parallel).
  root.style.minWidth = `${Math.min(560, 100 * axes.length + 20)}px`;
  // Worst first so the best lines are drawn on top.
  const order = [...trials].sort((a, b) => (greater ? a.meanScore - b.meanScore : b.meanScore - a.meanScore));
  for (const t of order) {
    const q = score(t.meanScore);
    const [r, g, b] = viridis(greater ? q : 1 - q);
    const pts = axes.map((a, i) => [x(i), y(a.pos(t) ?? NaN)] as const);
    root.append(svgEl('polyline', { points: pointList(pts), fill: 'none', stroke: `rgb(${r | 0}, ${g | 0}, ${b | 0})`, 'stroke-width': 1.5, 'stroke-opacity': 0.8 }));
  }
  axes.forEach((a, i) => {
    root.append(svgEl('line', { x1: x(i), x2: x(i), y1: y(0), y2: y(1), stroke: AXIS, 'stroke-width': 1 }));
    root.append(svgEl('text', { x: x(i), y: 14, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 600, fill: INK }, a.name));
    for (const [p, label] of a.ticks.slice(0, 8)) {
      root.append(svgEl('text', { x: x(i) + 4, y: y(p) + 4, 'font-size': 10, fill: AXIS }, label));
    }
  });
  el.append(root);
  return trials.length;
}
