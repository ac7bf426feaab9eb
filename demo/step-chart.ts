/**
 * The intermediate-values chart (Optuna's plot_intermediate_values): one line per trial over the steps it reported,
 * blue when it completed, orange when the pruner stopped it (the line ends where it was cut, with a dot), red when
 * it failed part-way; the best trial's line is thick and green. The y axis is linear or log (demo/step-series decides 'auto'). Plain SVG; the element gets
 * data-scale ('log' | 'linear') and data-lines, each line class "step-line <state>[ short]" and data-steps, so the
 * picture can be checked without reading pixels.
 */
import { fmtNum } from './space-syntax';
import { STATUS_COLOR } from './timeline';
import { frame, hoverTip, linearScale, linearTicks, logScale, pointList, scaleTicks, svgEl, svgRoot, xAxis, yAxis } from './svg';
import { stepData, yScaleFor, type StepLine, type StepState, type YScaleChoice } from './step-series';

const COLOR: Record<StepState, string> = { ...STATUS_COLOR, running: '#868e96' };
/** The best trial's line (not orange: that is a pruned one's). */
const BEST = '#2b8a3e';
/** Drawn first to last, so cut lines stay visible over the many complete ones. */
const ORDER: StepState[] = ['running', 'complete', 'failed', 'pruned'];

function lineLabel(l: StepLine, metric: string): string {
  const [step, v] = l.points[l.points.length - 1];
  const how = l.state === 'pruned' ? `pruned at step ${step}` : l.state === 'failed' ? `failed after step ${step}` : `${l.state}, ${l.points.length} steps`;
  return `Trial ${l.trial}: ${how}, last ${metric} ${fmtNum(v)}`;
}

/**
 * Draws the trials' reports into `el` (replacing what it held); returns how the y axis was drawn, or null when no
 * trial reported anything (the caller hides the block). `best`: the best trial's number, drawn thicker.
 */
export function drawSteps(
  el: HTMLElement,
  trials: readonly { number: number; state: StepState; intermediate: readonly (readonly [number, number])[] }[],
  o: { metric: string; scale: YScaleChoice; best?: number | null },
): { log: boolean; forced: boolean; lines: number } | null {
  el.replaceChildren();
  const data = stepData(trials);
  if (!data) return null;
  const [s0, s1] = data.steps;
  const [v0, v1] = data.values;
  const ys = yScaleFor(o.scale, v0, v1);
  const f = frame(640, 300, { top: 12, right: 16, bottom: 40, left: 64 });
  const x = linearScale(s0, s1 > s0 ? s1 : s0 + 1, f.x0, f.x1);
  const pad = v1 > v0 ? 0 : Math.abs(v0) * 0.1 || 1;
  const y = ys.log ? logScale(v0, v1 > v0 ? v1 : v0 * 10, f.y1, f.y0) : linearScale(v0 - pad, v1 + pad, f.y1, f.y0);
  const root = svgRoot(f.width, f.height, `Intermediate values of ${data.lines.length} trials over steps ${s0} to ${s1}${ys.log ? ' (log scale)' : ''}`);
  yAxis(root, { x: f.x0, y0: f.y0, y1: f.y1, gridTo: f.x1, ticks: scaleTicks(y, 5), title: `${o.metric}${ys.log ? ' (log)' : ''}` });
  xAxis(root, { y: f.y1, x0: f.x0, x1: f.x1, title: 'step', ticks: linearTicks(s0, s1, 8).filter(Number.isInteger).map((s) => [x(s), String(s)]) });
  const hover = hoverTip(el);
  const lines = [...data.lines].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || Number(a.trial === o.best) - Number(b.trial === o.best));
  for (const l of lines) {
    const best = l.trial === o.best;
    const g = svgEl('g', { class: `step-line ${l.state}${l.short ? ' short' : ''}`, 'data-trial': l.trial, 'data-steps': l.points.length });
    const pts = l.points.map(([s, v]) => [x(s), y(v)] as const);
    g.append(svgEl('polyline', {
      points: pointList(pts), fill: 'none', stroke: best ? BEST : COLOR[l.state],
      'stroke-width': best ? 2.5 : 1.4, 'stroke-opacity': l.state === 'complete' && !best ? 0.55 : 0.95,
    }));
    const [ex, ey] = pts[pts.length - 1];
    if (l.short && Number.isFinite(ey)) g.append(svgEl('circle', { cx: ex.toFixed(1), cy: ey.toFixed(1), r: 3, fill: COLOR[l.state], stroke: '#fff', 'stroke-width': 1 }));
    hover.show(g, lineLabel(l, o.metric));
    root.append(g);
  }
  el.dataset.scale = ys.log ? 'log' : 'linear';
  el.dataset.lines = String(lines.length);
  el.append(root, hover.tip);
  return { ...ys, lines: lines.length };
}
