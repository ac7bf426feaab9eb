/**
 * The timeline of a search (Optuna's plot_timeline): one row per worker, one bar per task a trial ran on it (a fold;
 * with halving, a rung), from when it started to when it finished, coloured by the trial's final status. Hovering a
 * bar names the trial and its score. Plain SVG with presentation attributes (no inline styles or eval: the CSP holds).
 * Times come from the trial rows' `spans` (tune()) or `startedAt` / `finishedAt` / `worker` (optimize()): timing
 * facts only, so two runs with the same seed draw different bars over the same trials.
 */
import { fmtNum } from './space-syntax';
import { INK, frame, hoverTip, linearScale, linearTicks, svgEl, svgRoot, xAxis } from './svg';

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
  /** The row's name (default "worker N", or "main" for -1). */
  row?: string;
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

/**
 * Bars of optimize() / study trials: one per trial, on its concurrency slot. A journal does not say which worker ran
 * a trial: such trials (no `worker`) are packed, in start order, into as few rows ("lane 1", "lane 2"...) as keep
 * their bars from overlapping.
 */
export function barsOfStudyTrials(trials: readonly { number: number; state: string; value: number; startedAt: number; finishedAt: number; worker?: number }[]): TimelineBar[] {
  const out: TimelineBar[] = [];
  for (const t of trials) {
    if (t.state === 'running' || !Number.isFinite(t.startedAt) || !Number.isFinite(t.finishedAt)) continue;
    const status: BarStatus = t.state === 'complete' ? 'complete' : t.state === 'pruned' ? 'pruned' : 'failed';
    out.push({ worker: t.worker ?? NaN, startedAt: t.startedAt, finishedAt: t.finishedAt, trial: t.number, status, score: t.value });
  }
  const loose = out.filter((b) => Number.isNaN(b.worker)).sort((a, b) => a.startedAt - b.startedAt || a.trial - b.trial);
  const ends: number[] = [];
  for (const b of loose) {
    let lane = ends.findIndex((end) => end <= b.startedAt);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = b.finishedAt;
    b.worker = 1000 + lane; // rows are keyed by worker number: lanes sort after any real worker
    b.row = `lane ${lane + 1}`;
  }
  return out;
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
  const rowH = 26;
  const f = frame(640, 8 + workers.length * rowH + 34, { top: 8, right: 14, bottom: 34, left: 70 });
  const x = linearScale(t0, t1 > t0 ? t1 : t0 + 1, f.x0, f.x1);
  const root = svgRoot(f.width, f.height, `Timeline of ${bars.length} tasks on ${workers.length} worker${workers.length === 1 ? '' : 's'}`);
  workers.forEach((w, r) => {
    const y = f.y0 + r * rowH;
    root.append(svgEl('rect', { x: f.x0, y, width: f.x1 - f.x0, height: rowH, fill: r % 2 ? '#ffffff' : '#f5f6f8' }));
    const name = bars.find((b) => b.worker === w)?.row ?? (w < 0 ? 'main' : `worker ${w}`);
    root.append(svgEl('text', { x: f.x0 - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end', 'font-size': 12, fill: INK }, name));
  });
  // Ticks: about 5 round steps of seconds (or ms for short searches).
  const secs = t1 - t0 >= 2000;
  xAxis(root, {
    y: f.y1, x0: f.x0, x1: f.x1, title: 'time since the search started',
    ticks: linearTicks(t0, t1, 5).map((v) => [x(v), secs ? `${fmtNum(v / 1000)} s` : `${fmtNum(v)} ms`]),
  });
  const hover = hoverTip(el);
  for (const b of bars) {
    const r = workers.indexOf(b.worker);
    const bx = x(b.startedAt);
    const rect = svgEl('rect', {
      x: bx.toFixed(2), y: f.y0 + r * rowH + 4, width: Math.max(1.5, x(b.finishedAt) - bx).toFixed(2), height: rowH - 8,
      fill: STATUS_COLOR[b.status], 'fill-opacity': 0.85, stroke: '#fff', 'stroke-width': 0.5,
      class: `bar ${b.status}`, 'data-trial': b.trial,
    });
    hover.show(rect, barLabel(b, metric));
    root.append(rect);
  }
  el.append(root, hover.tip);
  return bars.length;
}
