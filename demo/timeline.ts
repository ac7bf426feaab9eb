/**
 * The timeline of a search (Optuna's plot_timeline): one row per worker, one bar per task a trial ran on it (a fold;
 * with halving, a rung), from when it started to when it finished, coloured by the trial's final status. Hovering a
 * bar names the trial and its score. Plain SVG with presentation attributes (no inline styles or eval: the CSP holds).
 * Times come from the trial rows' `spans` (tune()) or `startedAt` / `finishedAt` / `worker` (optimize()): timing
 * facts only, so two runs with the same seed draw different bars over the same trials.
 */
import { fmtNum } from './space-syntax';

const NS = 'http://www.w3.org/2000/svg';

export type BarStatus = 'complete' | 'pruned' | 'failed';

export const STATUS_COLOR: Record<BarStatus, string> = { complete: '#3056d3', pruned: '#f59f00', failed: '#c92a2a' };

/** One bar: `worker` row, ms since the search started, and the trial it belongs to. */
export interface TimelineBar {
  worker: number;
  startedAt: number;
  finishedAt: number;
  trial: number;
  status: BarStatus;
  score: number;
  /** Extra words for the hover text (e.g. "fold 2"). */
  detail?: string;
}

/** Bars of tune() trial rows: one per task (fold / rung), on the worker that ran it. */
export function barsOfTrials(trials: readonly { index: number; status: string; meanScore: number; spans?: readonly { fold: number; worker: number; startedAt: number; finishedAt: number }[] }[]): TimelineBar[] {
  const out: TimelineBar[] = [];
  for (const t of trials) {
    const status: BarStatus = t.status === 'ok' ? 'complete' : t.status === 'pruned' ? 'pruned' : 'failed';
    for (const s of t.spans ?? []) {
      if (!Number.isFinite(s.startedAt) || !Number.isFinite(s.finishedAt)) continue;
      out.push({ worker: s.worker, startedAt: s.startedAt, finishedAt: s.finishedAt, trial: t.index, status, score: t.meanScore, detail: `fold ${s.fold}` });
    }
  }
  return out;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** "Trial 7 (fold 2): score 0.953, complete, 12-40 ms". */
export function barLabel(b: TimelineBar, metric: string): string {
  const score = Number.isFinite(b.score) ? `${metric} ${fmtNum(b.score)}` : `${metric} –`;
  return `Trial ${b.trial}${b.detail ? ` (${b.detail})` : ''}: ${score}, ${b.status}, ${fmtNum(b.startedAt)}–${fmtNum(b.finishedAt)} ms`;
}

/**
 * Draws the bars into `el` (replacing what it held) with a hover tip; returns the number of bars drawn. Rows are the
 * workers seen in the bars (worker -1, the calling thread, gets its own row).
 */
export function drawTimeline(el: HTMLElement, bars: readonly TimelineBar[], metric: string): number {
  el.replaceChildren();
  if (bars.length === 0) return 0;
  const workers = [...new Set(bars.map((b) => b.worker))].sort((a, b) => a - b);
  const t0 = Math.min(...bars.map((b) => b.startedAt));
  const t1 = Math.max(...bars.map((b) => b.finishedAt));
  const span = t1 - t0 || 1;
  const W = 640;
  const rowH = 26;
  const top = 8;
  const left = 70;
  const right = 14;
  const axisH = 34;
  const H = top + workers.length * rowH + axisH;
  const x = (ms: number): number => left + ((ms - t0) / span) * (W - left - right);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `Timeline of ${bars.length} tasks on ${workers.length} worker${workers.length === 1 ? '' : 's'}` });
  workers.forEach((w, r) => {
    const y = top + r * rowH;
    root.append(svg('rect', { x: left, y, width: W - left - right, height: rowH, fill: r % 2 ? '#ffffff' : '#f5f6f8' }));
    root.append(svg('text', { x: left - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1f24' }, w < 0 ? 'main' : `worker ${w}`));
  });
  // Ticks: about 5 round steps of seconds (or ms for short searches).
  const step = niceStep(span / 5);
  const axisY = top + workers.length * rowH;
  root.append(svg('line', { x1: left, x2: W - right, y1: axisY, y2: axisY, stroke: '#4a5160', 'stroke-width': 1 }));
  for (let v = Math.ceil(t0 / step) * step; v <= t1 + 1e-9; v += step) {
    root.append(svg('line', { x1: x(v), x2: x(v), y1: axisY, y2: axisY + 4, stroke: '#4a5160', 'stroke-width': 1 }));
    root.append(svg('text', { x: x(v), y: axisY + 16, 'text-anchor': 'middle', 'font-size': 10, fill: '#4a5160' }, span >= 2000 ? `${fmtNum(v / 1000)} s` : `${fmtNum(v)} ms`));
  }
  root.append(svg('text', { x: (left + W - right) / 2, y: H - 3, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600, fill: '#1b1f24' }, 'time since the search started'));
  const tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;
  for (const b of bars) {
    const r = workers.indexOf(b.worker);
    const bx = x(b.startedAt);
    const rect = svg('rect', {
      x: bx.toFixed(2), y: top + r * rowH + 4, width: Math.max(1.5, x(b.finishedAt) - bx).toFixed(2), height: rowH - 8,
      fill: STATUS_COLOR[b.status], 'fill-opacity': 0.85, stroke: '#fff', 'stroke-width': 0.5,
      class: `bar ${b.status}`, 'data-trial': b.trial,
    });
    const label = barLabel(b, metric);
    rect.append(svg('title', {}, label));
    rect.addEventListener('mouseenter', () => {
      tip.textContent = label;
      tip.hidden = false;
    });
    rect.addEventListener('mousemove', (e) => {
      const box = el.getBoundingClientRect();
      tip.style.left = `${Math.min(e.clientX - box.left + 12, Math.max(0, box.width - 260))}px`;
      tip.style.top = `${Math.max(0, e.clientY - box.top - 34)}px`;
    });
    rect.addEventListener('mouseleave', () => {
      tip.hidden = true;
    });
    root.append(rect);
  }
  el.append(root, tip);
  return bars.length;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}
