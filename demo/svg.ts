/**
 * What the page's SVG charts (timeline, parallel coordinates, intermediate values) share: scales from data to
 * pixels, round tick positions, element creation and axes, and the hover tip. Scales and ticks are pure (tested in
 * Node); the rest builds elements with presentation attributes only (no inline styles or eval: the CSP holds).
 */
import { fmtNum } from './space-syntax';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export const INK = '#1b1f24';
export const AXIS = '#4a5160';

/** v -> pixel (or any range). A scale also maps back (`invert`) and says its domain. */
export interface Scale {
  (v: number): number;
  readonly domain: readonly [number, number];
  readonly log: boolean;
  invert(px: number): number;
}

/**
 * A linear map of [d0, d1] onto [r0, r1]. A degenerate domain (d0 === d1, one value seen) maps everything to the
 * middle of the range instead of dividing by zero.
 */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0;
  const f = ((v: number): number => (span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0))) as Scale;
  return Object.assign(f, {
    domain: [d0, d1] as const,
    log: false,
    invert: (px: number): number => (r1 === r0 ? d0 : d0 + ((px - r0) / (r1 - r0)) * span),
  });
}

/** A log10 map of [d0, d1] (both > 0) onto [r0, r1]; a non-positive value maps to NaN (it has no place on the axis). */
export function logScale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (!(d0 > 0 && d1 > 0)) throw new RangeError(`a log scale needs a positive domain, got [${d0}, ${d1}]`);
  const inner = linearScale(Math.log10(d0), Math.log10(d1), r0, r1);
  const f = ((v: number): number => (v > 0 ? inner(Math.log10(v)) : NaN)) as Scale;
  return Object.assign(f, { domain: [d0, d1] as const, log: true, invert: (px: number): number => 10 ** inner.invert(px) });
}

/** 1, 2 or 5 times a power of ten, the smallest at least `raw` (tick spacing). */
export function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-12)));
  for (const m of [1, 2, 5]) if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/**
 * Round tick values inside [lo, hi], about `count` of them (a niceStep apart; at least one: lo itself when the range
 * is a point). Values are multiples of the step computed by index, so 0.1 + 0.2 noise never reaches a label.
 */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const step = niceStep((hi - lo) / Math.max(1, count));
  const first = Math.ceil(lo / step - 1e-9);
  const out: number[] = [];
  for (let k = first; k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * Ticks of a log axis over [lo, hi] (> 0): the powers of ten inside it, thinned to at most `max`; when fewer than two
 * fall inside, 1-2-5 multiples (a narrow log range still gets labels).
 */
export function logTicks(lo: number, hi: number, max = 8): number[] {
  if (!(lo > 0 && hi >= lo)) return [];
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  const powers: number[] = [];
  const every = Math.max(1, Math.ceil((b - a + 1) / max));
  for (let e = a; e <= b; e += every) powers.push(Number((10 ** e).toPrecision(12)));
  if (powers.length >= 2) return powers;
  const out: number[] = [];
  for (let e = a - 1; e <= b + 1; e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out.length > 0 ? out : [lo];
}

/** Ticks for a scale: log ones on a log scale, round linear ones otherwise. */
export const ticksOf = (s: Scale, count = 5): number[] => (s.log ? logTicks(s.domain[0], s.domain[1]) : linearTicks(s.domain[0], s.domain[1], count));

/** A chart's frame: its size and the plot area inside the margins (x0..x1 across, y0 top .. y1 bottom). */
export interface Frame {
  width: number;
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export function frame(width: number, height: number, m: { top: number; right: number; bottom: number; left: number }): Frame {
  return { width, height, x0: m.left, x1: width - m.right, y0: m.top, y1: height - m.bottom };
}

/** "x1,y1 x2,y2 ..." for a polyline, two decimals (points with a NaN coordinate are left out). */
export function pointList(points: readonly (readonly [number, number])[]): string {
  return points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
}

/** An SVG element with its attributes (and text). */
export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The root <svg> of a chart: scales with its container's width, named for screen readers. */
export const svgRoot = (width: number, height: number, label: string): SVGSVGElement =>
  svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': label });

/** A horizontal axis at `y` from x0 to x1: the line, a tick and a label per tick, and the title below. */
export function xAxis(root: SVGElement, o: { y: number; x0: number; x1: number; ticks: readonly (readonly [number, string])[]; title: string }): void {
  root.append(svgEl('line', { x1: o.x0, x2: o.x1, y1: o.y, y2: o.y, stroke: AXIS, 'stroke-width': 1 }));
  for (const [x, label] of o.ticks) {
    root.append(svgEl('line', { x1: x, x2: x, y1: o.y, y2: o.y + 4, stroke: AXIS, 'stroke-width': 1 }));
    root.append(svgEl('text', { x, y: o.y + 16, 'text-anchor': 'middle', 'font-size': 10, fill: AXIS }, label));
  }
  root.append(svgEl('text', { x: (o.x0 + o.x1) / 2, y: o.y + 31, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600, fill: INK }, o.title));
}

/** A vertical axis at `x` from y0 (top) to y1: line, ticks labelled on its left, faint grid lines to `gridTo`. */
export function yAxis(root: SVGElement, o: { x: number; y0: number; y1: number; gridTo: number; ticks: readonly (readonly [number, string])[]; title: string }): void {
  root.append(svgEl('line', { x1: o.x, x2: o.x, y1: o.y0, y2: o.y1, stroke: AXIS, 'stroke-width': 1 }));
  for (const [y, label] of o.ticks) {
    root.append(svgEl('line', { x1: o.x, x2: o.gridTo, y1: y, y2: y, stroke: '#000', 'stroke-opacity': 0.07, 'stroke-width': 1 }));
    root.append(svgEl('text', { x: o.x - 6, y: y + 3.5, 'text-anchor': 'end', 'font-size': 10, fill: AXIS }, label));
  }
  const mid = (o.y0 + o.y1) / 2;
  root.append(svgEl('text', { x: 12, y: mid, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 600, fill: INK, transform: `rotate(-90 12 ${mid})` }, o.title));
}

/** Tick [pixel, label] pairs of a scale, labelled with fmtNum. */
export const scaleTicks = (s: Scale, count = 5): [number, string][] => ticksOf(s, count).map((v) => [s(v), fmtNum(v)]);

/**
 * A hover tip for the chart in `host` (position: relative in the CSS): `show(target, label)` makes `target` name
 * itself in the tip while hovered (and in a <title>, for touch and screen readers). Append `tip` after the svg.
 */
export function hoverTip(host: HTMLElement): { tip: HTMLDivElement; show(target: SVGElement, label: string): void } {
  const tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;
  return {
    tip,
    show(target, label) {
      target.append(svgEl('title', {}, label));
      target.addEventListener('mouseenter', () => {
        tip.textContent = label;
        tip.hidden = false;
      });
      target.addEventListener('mousemove', (e) => {
        const box = host.getBoundingClientRect();
        tip.style.left = `${Math.min(e.clientX - box.left + 12, Math.max(0, box.width - 260))}px`;
        tip.style.top = `${Math.max(0, e.clientY - box.top - 34)}px`;
      });
      target.addEventListener('mouseleave', () => {
        tip.hidden = true;
      });
    },
  };
}
