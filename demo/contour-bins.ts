/**
 * The cells of the contour (heatmap) over two hyperparameters, as pure functions so they can be tested without a
 * page. An axis is either one cell per listed value (categories, booleans, a few numbers) or, for a numeric range
 * with many values (a continuous float, a log range, an integer range wider than MAX_BINS), MAX_BINS bins: equal
 * width on a linear range, equal ratio on a log range, whole-number bins of equal width on an integer range. Each
 * cell holds the complete trials whose two values fall in it; it is coloured by their BEST score (the max when
 * greater is better, else the min), as Optuna's contour shows the best value over the hidden hyperparameters.
 * Ticks are in hyperparameter units: a category's value under its cell, a bin's edges between cells.
 */
import type { Distribution, Value } from '../src/index';
import { fmtNum } from './space-syntax';

/** Bins on a numeric axis with many values. */
export const MAX_BINS = 12;
/** More listed non-numeric values than this do not fit an axis: the pair is not offered. */
export const MAX_CATEGORIES = 60;

export type ContourAxis =
  | { kind: 'category'; name: string; values: Value[] }
  /** `edges` ascending, length = cells + 1; cell i holds [edges[i], edges[i+1]) (the last one closed). */
  | { kind: 'bins'; name: string; edges: number[]; log: boolean; integer: boolean };

export const cellCount = (a: ContourAxis): number => (a.kind === 'category' ? a.values.length : a.edges.length - 1);

/** Equal values; numbers within rounding (a grid may compute low + i * step differently from the page). */
export function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b); // layer lists
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
}

/** The values a space dimension lists (a list, a choice, a stepped range), or null for a continuous range. */
export function listedValues(spec: Distribution | readonly Value[], cap = 10_000): Value[] | null {
  if (Array.isArray(spec)) return [...(spec as Value[])];
  const s = spec as Distribution;
  if (s.kind === 'choice') return [...s.values];
  if (s.kind === 'int') {
    if (s.log && s.high - s.low + 1 > cap) return null;
    const n = Math.floor((s.high - s.low) / s.step) + 1;
    return n > cap ? null : Array.from({ length: n }, (_, i) => s.low + i * s.step);
  }
  if (s.log || s.step === null) return null;
  const n = Math.floor((s.high - s.low) / s.step + 1e-9) + 1;
  return n > cap ? null : Array.from({ length: n }, (_, i) => Number((s.low + i * s.step!).toPrecision(12)));
}

/** How a hyperparameter is laid out on a contour axis, or null when it cannot be (a constant, too many categories). */
export function contourAxis(name: string, spec: Distribution | readonly Value[], maxBins = MAX_BINS): ContourAxis | null {
  const listed = listedValues(spec, maxBins);
  if (listed) {
    const distinct = listed.filter((v, i) => listed.findIndex((w) => sameValue(v, w)) === i);
    if (distinct.length < 2) return null;
    const numeric = distinct.every((v) => typeof v === 'number' && Number.isFinite(v));
    if (!numeric) return distinct.length <= MAX_CATEGORIES ? { kind: 'category', name, values: distinct } : null;
    if (distinct.length <= maxBins) return { kind: 'category', name, values: (distinct as number[]).sort((a, b) => a - b) };
    const nums = distinct as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    // Listed numbers spanning decades (log-spaced values) are binned on a log scale, as the other charts draw them.
    return numericBins(name, lo, hi, lo > 0 && hi / lo >= 50, nums.every(Number.isInteger), maxBins);
  }
  const s = spec as Exclude<Distribution, { kind: 'choice' }>;
  if (!(s.high > s.low)) return null;
  return numericBins(name, s.low, s.high, s.log, s.kind === 'int', maxBins);
}

function numericBins(name: string, lo: number, hi: number, log: boolean, integer: boolean, maxBins: number): ContourAxis {
  if (log) {
    const r = hi / lo;
    const edges = Array.from({ length: maxBins + 1 }, (_, i) => (i === maxBins ? hi : lo * r ** (i / maxBins)));
    return { kind: 'bins', name, edges, log: true, integer };
  }
  if (integer) {
    // Whole-number bins of equal width: cell i holds the integers lo + i*w .. lo + (i+1)*w - 1.
    const w = Math.ceil((hi - lo + 1) / maxBins);
    const n = Math.ceil((hi - lo + 1) / w);
    return { kind: 'bins', name, edges: Array.from({ length: n + 1 }, (_, i) => lo + i * w), log: false, integer: true };
  }
  const edges = Array.from({ length: maxBins + 1 }, (_, i) => (i === maxBins ? hi : lo + ((hi - lo) * i) / maxBins));
  return { kind: 'bins', name, edges, log: false, integer: false };
}

/** The cell a value falls in, or -1 (not listed, not a number, outside the range). */
export function cellIndex(a: ContourAxis, v: Value | undefined): number {
  if (v === undefined) return -1;
  if (a.kind === 'category') return a.values.findIndex((c) => sameValue(c, v));
  if (typeof v !== 'number' || !Number.isFinite(v)) return -1;
  const e = a.edges;
  const n = e.length - 1;
  const tol = 1e-9 * Math.max(1, Math.abs(e[n]));
  if (v < e[0] - tol || v > e[n] + tol) return -1;
  // Integer bins' last edge is one past the top value: a value there is out of range.
  if (a.integer && !a.log && v >= e[n]) return -1;
  let i = 0;
  while (i < n - 1 && v >= e[i + 1]) i++;
  return i;
}

export interface ContourCell {
  /** The best score of the cell's trials (max when greater is better). */
  best: number;
  mean: number;
  count: number;
}

export interface ContourGrid {
  /** cells[yi][xi], null where no complete trial fell. */
  cells: (ContourCell | null)[][];
  /** The worst and best cell value seen (NaN, NaN when the grid is empty). */
  worst: number;
  best: number;
}

/** A trial as the contour reads it (tune() rows and optimize() trials are mapped to this). */
export interface ContourTrial {
  params: Readonly<Record<string, Value>>;
  value: number;
  complete: boolean;
}

/** Puts the complete trials with a finite value into the cells of the two axes. */
export function binTrials(x: ContourAxis, y: ContourAxis, trials: readonly ContourTrial[], greater: boolean): ContourGrid {
  const nx = cellCount(x);
  const ny = cellCount(y);
  const sums = Array.from({ length: ny }, () => new Array<number>(nx).fill(0));
  const cells: (ContourCell | null)[][] = Array.from({ length: ny }, () => new Array<ContourCell | null>(nx).fill(null));
  for (const t of trials) {
    if (!t.complete || !Number.isFinite(t.value)) continue;
    const xi = cellIndex(x, t.params[x.name]);
    const yi = cellIndex(y, t.params[y.name]);
    if (xi < 0 || yi < 0) continue;
    const c = cells[yi][xi];
    sums[yi][xi] += t.value;
    if (!c) cells[yi][xi] = { best: t.value, mean: t.value, count: 1 };
    else {
      c.count++;
      c.mean = sums[yi][xi] / c.count;
      if (greater ? t.value > c.best : t.value < c.best) c.best = t.value;
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of cells) for (const c of row) if (c) { lo = Math.min(lo, c.best); hi = Math.max(hi, c.best); }
  if (!Number.isFinite(lo)) return { cells, worst: NaN, best: NaN };
  return { cells, worst: greater ? lo : hi, best: greater ? hi : lo };
}

/** Axis ticks at positions in cell units (cell i spans i - 0.5 .. i + 0.5): values under cells, edges between bins. */
export function axisTicks(a: ContourAxis): { at: number; label: string }[] {
  if (a.kind === 'category') return a.values.map((v, i) => ({ at: i, label: valueLabel(v) }));
  return a.edges.map((e, i) => ({ at: i - 0.5, label: fmtNum(Number(e.toPrecision(3))) }));
}

/** What a cell stands for: "weights = distance", "C in [0.1, 0.316)", "k in 4..6". */
export function cellLabel(a: ContourAxis, i: number): string {
  if (a.kind === 'category') return `${a.name} = ${valueLabel(a.values[i])}`;
  const lo = a.edges[i];
  const hi = a.edges[i + 1];
  if (a.integer && !a.log) return hi - lo === 1 ? `${a.name} = ${lo}` : `${a.name} in ${lo}..${hi - 1}`;
  const last = i === a.edges.length - 2;
  return `${a.name} in [${fmtNum(Number(lo.toPrecision(3)))}, ${fmtNum(Number(hi.toPrecision(3)))}${last ? ']' : ')'}`;
}

function valueLabel(v: Value): string {
  if (typeof v === 'number') return fmtNum(v);
  if (Array.isArray(v)) return `[${v.map((x) => valueLabel(x as Value)).join(', ')}]`;
  return v === null ? 'null' : String(v);
}
