/**
 * The page's plots, drawn with uPlot (canvas; no eval, styles set through the CSSOM, so it runs under the page's
 * strict CSP). Each chart fills its container's width and follows it when the layout changes (phone rotation, panel
 * resizes). Charts are created once per search and fed new data as trials arrive.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrialResult, Value } from '../src/index';
import { fmtNum } from './space-syntax';
import { sameValue } from './contour-bins';

/**
 * What the score charts read from a trial: tune()'s TrialResult rows are PlotRows as they are; optimize()'s trials
 * map onto them (index = number, meanScore = value of a complete trial, NaN otherwise).
 */
export type PlotRow = Pick<TrialResult, 'index' | 'params' | 'meanScore' | 'status'>;

export const COLORS = {
  accent: '#3056d3',
  best: '#e8590c',
  point: 'rgba(48, 86, 211, 0.55)',
  failed: '#c92a2a',
  axis: '#4a5160',
  grid: 'rgba(0, 0, 0, 0.07)',
};

/** Categorical palette (Tableau 10), readable on white and distinct for the usual handful of classes. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const LABEL_FONT = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Viridis, sampled: perceptually even, readable in greyscale and by most colour-blind readers. */
const VIRIDIS = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

/** t in [0, 1] -> [r, g, b] on viridis. */
export function viridis(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function fmtValue(v: unknown): string {
  if (typeof v === 'number') return fmtNum(v);
  if (Array.isArray(v)) return `[${v.map(fmtValue).join(', ')}]`;
  return v === null ? 'null' : String(v);
}

export function axis(label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    label,
    stroke: COLORS.axis,
    font: FONT,
    labelFont: LABEL_FONT,
    grid: { stroke: COLORS.grid, width: 1 },
    ticks: { stroke: COLORS.grid, width: 1, size: 4 },
    ...extra,
  };
}

/** A uPlot instance that tracks its container's width. */
export class Chart {
  readonly plot: uPlot;
  private readonly observer: ResizeObserver;

  constructor(readonly el: HTMLElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, private readonly aspect = 0.55) {
    const width = Math.max(200, el.clientWidth || 320);
    this.plot = new uPlot({ ...opts, width, height: this.heightFor(width) }, data, el);
    let last = width;
    this.observer = new ResizeObserver(() => {
      const w = Math.max(200, el.clientWidth);
      if (Math.abs(w - last) < 2) return;
      last = w;
      this.plot.setSize({ width: w, height: this.heightFor(w) });
    });
    this.observer.observe(el);
  }

  private heightFor(width: number): number {
    return Math.round(Math.min(360, Math.max(220, width * this.aspect)));
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot.destroy();
  }
}

/** Height of a bottom axis's tick values (uPlot's default, 50, leaves a gap above the axis label). */
export const X_AXIS_SIZE = 32;

/** Tick steps for counts (no "trial 2.5"). */
export const INTEGER_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

const pointsOnly = (color: string, size = 7): uPlot.Series => ({
  stroke: color,
  fill: color,
  width: 0,
  paths: () => null,
  points: { show: true, size, stroke: color, fill: color, width: 1 },
});

/** Optimisation history: each trial's score in completion order, and the best so far as a step line. */
export class HistoryChart {
  private readonly chart: Chart;

  constructor(el: HTMLElement, private readonly metric: string, private readonly greater: boolean) {
    this.chart = new Chart(el, {
      scales: { x: { time: false } },
      axes: [axis('trial (in completion order)', { incrs: INTEGER_STEPS, size: X_AXIS_SIZE }), axis(metric, { size: 56 })],
      series: [
        { label: 'trial', value: (_u, v) => (v == null ? '–' : String(v)) },
        { ...pointsOnly(COLORS.point, 6), label: `${metric} of the trial`, value: (_u, v) => (v == null ? '–' : fmtNum(v)) },
        {
          label: 'best so far',
          stroke: COLORS.best,
          width: 2,
          paths: uPlot.paths.stepped!({ align: 1 }),
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : fmtNum(v)),
        },
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    }, [[], [], []]);
  }

  update(trials: readonly PlotRow[]): void {
    const x: number[] = [];
    const y: (number | null)[] = [];
    const best: (number | null)[] = [];
    let b: number | null = null;
    trials.forEach((t, i) => {
      x.push(i + 1);
      const s = Number.isFinite(t.meanScore) ? t.meanScore : null;
      y.push(s);
      if (s !== null && (b === null || (this.greater ? s > b : s < b))) b = s;
      best.push(b);
    });
    this.chart.plot.setData([x, y, best]);
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/** How a hyperparameter is laid out on an axis. */
export interface ParamAxis {
  name: string;
  /** Listed non-numeric values (strings, booleans, null): drawn as categories in this order. */
  categories: Value[] | null;
  log: boolean;
}

function position(axisDef: ParamAxis, v: Value): number | null {
  if (axisDef.categories) {
    const i = axisDef.categories.findIndex((c) => sameValue(c, v));
    return i < 0 ? null : i;
  }
  return typeof v === 'number' && (!axisDef.log || v > 0) ? v : null;
}

export function categoricalScale(n: number): uPlot.Scale {
  return { time: false, auto: false, range: () => [-0.5, n - 0.5] };
}

function categoricalAxis(label: string, categories: Value[], extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return axis(label, {
    splits: () => categories.map((_, i) => i),
    values: (u, splits) => {
      const room = Math.max(1, (u.bbox.width / devicePixelRatio) / categories.length);
      const every = Math.max(1, Math.ceil(48 / room));
      return splits.map((s, k) => (k % every === 0 ? fmtValue(categories[s]) : ''));
    },
    ...extra,
  });
}

/** Score against one hyperparameter: one point per trial, the best one highlighted. */
export class ParamChart {
  private readonly chart: Chart;

  constructor(el: HTMLElement, private readonly axisDef: ParamAxis, metric: string, private readonly greater: boolean) {
    const cats = axisDef.categories;
    this.chart = new Chart(el, {
      scales: { x: cats ? categoricalScale(cats.length) : { time: false, distr: axisDef.log ? 3 : 1, log: 10 } },
      axes: [
        cats
          ? categoricalAxis(axisDef.name, cats, { size: X_AXIS_SIZE })
          : axis(axisDef.name, { size: X_AXIS_SIZE, values: (_u, s) => s.map((v) => (v == null ? '' : fmtNum(v))) }),
        axis(metric, { size: 56 }),
      ],
      series: [
        { label: axisDef.name, value: (_u, v) => (v == null ? '–' : cats ? fmtValue(cats[Math.round(v)]) : fmtNum(v)) },
        { ...pointsOnly(COLORS.point, 7), label: metric, value: (_u, v) => (v == null ? '–' : fmtNum(v)) },
        { ...pointsOnly(COLORS.best, 11), label: 'best', value: (_u, v) => (v == null ? '–' : fmtNum(v)) },
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    }, [[], [], []], 0.6);
  }

  update(trials: readonly PlotRow[]): void {
    const pts: { x: number; y: number; t: PlotRow }[] = [];
    let best: PlotRow | null = null;
    for (const t of trials) {
      if (!Number.isFinite(t.meanScore)) continue;
      let x = position(this.axisDef, t.params[this.axisDef.name] ?? null);
      if (x === null) continue;
      // Spread trials that share a category a little, so they do not hide each other.
      if (this.axisDef.categories) x += ((t.index * 0.618034) % 1 - 0.5) * 0.3;
      pts.push({ x, y: t.meanScore, t });
      if (!best || (this.greater ? t.meanScore > best.meanScore : t.meanScore < best.meanScore)) best = t;
    }
    pts.sort((a, b) => a.x - b.x);
    this.chart.plot.setData([pts.map((p) => p.x), pts.map((p) => p.y), pts.map((p) => (p.t === best ? p.y : null))]);
  }

  destroy(): void {
    this.chart.destroy();
  }
}

/** Data the fitted-model picture needs: a raster of predictions and the rows to draw on top. */
export interface MapPicture {
  xName: string;
  yName: string;
  bounds: { x0: number; x1: number; y0: number; y1: number };
  /** Painted predictions, top row = largest y. */
  image: HTMLCanvasElement;
  points: { x: number; y: number; color: string }[];
  /** Cluster centres (kmeans), in data units. */
  centres: { x: number; y: number }[];
}

/** The fitted model over two features: predictions as a background, the data as dots, centres as crosses. */
export class MapChart {
  private readonly chart: Chart;

  constructor(el: HTMLElement, private readonly pic: MapPicture) {
    const { x0, x1, y0, y1 } = pic.bounds;
    this.chart = new Chart(el, {
      scales: {
        x: { time: false, auto: false, range: () => [x0, x1] },
        y: { auto: false, range: () => [y0, y1] },
      },
      axes: [axis(pic.xName, { grid: { show: false }, size: X_AXIS_SIZE }), axis(pic.yName, { grid: { show: false }, size: 52 })],
      series: [{}, { paths: () => null, points: { show: false } }],
      legend: { show: false },
      cursor: { show: false },
      hooks: {
        drawClear: [(u) => this.background(u)],
        draw: [(u) => this.foreground(u)],
      },
    }, [[x0, x1], [null, null]], 0.8);
  }

  private background(u: uPlot): void {
    const { ctx, bbox } = u;
    ctx.save();
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.pic.image, bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.restore();
  }

  private foreground(u: uPlot): void {
    const { ctx } = u;
    const r = 3.2 * devicePixelRatio;
    ctx.save();
    ctx.lineWidth = 1 * devicePixelRatio;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    for (const p of this.pic.points) {
      ctx.beginPath();
      ctx.arc(u.valToPos(p.x, 'x', true), u.valToPos(p.y, 'y', true), r, 0, 2 * Math.PI);
      ctx.fillStyle = p.color;
      ctx.fill();
      ctx.stroke();
    }
    const s = 7 * devicePixelRatio;
    for (const c of this.pic.centres) {
      const cx = u.valToPos(c.x, 'x', true);
      const cy = u.valToPos(c.y, 'y', true);
      for (const [width, color] of [[5, '#fff'], [2.5, '#111']] as const) {
        ctx.lineWidth = width * devicePixelRatio;
        ctx.strokeStyle = color;
        ctx.beginPath();
        ctx.moveTo(cx - s, cy - s);
        ctx.lineTo(cx + s, cy + s);
        ctx.moveTo(cx + s, cy - s);
        ctx.lineTo(cx - s, cy + s);
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  destroy(): void {
    this.chart.destroy();
  }
}
