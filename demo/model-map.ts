/**
 * A picture of a fitted model over two features: model.predict over a grid of points, painted as a background
 * (decision regions of a classifier, clusters of kmeans, predicted values of a regressor), with the data on top.
 * Prediction runs on the main thread from the learned parameters (FittedModel.predict is plain TypeScript).
 */
import type { FittedModel } from '../src/index';
import type { ClassLabel } from './datasets';
import { PALETTE, hexToRgb, viridis, type MapPicture } from './charts';
import { fmtNum } from './space-syntax';

export interface LegendItem {
  label: string;
  color?: string;
  /** A colour ramp instead of a swatch (regression). */
  ramp?: boolean;
}

export interface MapInput {
  model: FittedModel<ClassLabel>;
  /** The rows, two columns. */
  X: number[][];
  y: number[] | string[] | null;
  xName: string;
  yName: string;
  /** Label of each class code (classification). */
  classLabels: string[];
  /** Sorted distinct class labels (as y holds them), aligned with classLabels. */
  classCodes: ClassLabel[];
}

const mix = (rgb: [number, number, number], amount: number): string => {
  const [r, g, b] = rgb.map((c) => Math.round(255 + (c - 255) * amount));
  return `rgb(${r}, ${g}, ${b})`;
};

export function paintModel(input: MapInput): { picture: MapPicture; legend: LegendItem[] } {
  const { model, X, y } = input;
  const n = X.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [a, b] of X) {
    x0 = Math.min(x0, a); x1 = Math.max(x1, a);
    y0 = Math.min(y0, b); y1 = Math.max(y1, b);
  }
  const padX = (x1 - x0 || 1) * 0.06;
  const padY = (y1 - y0 || 1) * 0.06;
  x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;

  // Fewer grid cells when every prediction scans many stored rows (KNN keeps the whole training set).
  const G = n > 1000 ? 64 : n > 400 ? 80 : 100;
  const grid = new Float64Array(G * G * 2);
  for (let r = 0; r < G; r++) {
    const yy = y1 - ((r + 0.5) / G) * (y1 - y0);
    for (let c = 0; c < G; c++) {
      const o = (r * G + c) * 2;
      grid[o] = x0 + ((c + 0.5) / G) * (x1 - x0);
      grid[o + 1] = yy;
    }
  }
  const predicted = model.predict({ values: grid, rows: G * G, cols: 2 });
  const image = document.createElement('canvas');
  image.width = G;
  image.height = G;
  const ctx = image.getContext('2d')!;
  const pixels = ctx.createImageData(G, G);
  const put = (i: number, rgb: [number, number, number], amount: number): void => {
    pixels.data[i * 4] = Math.round(255 + (rgb[0] - 255) * amount);
    pixels.data[i * 4 + 1] = Math.round(255 + (rgb[1] - 255) * amount);
    pixels.data[i * 4 + 2] = Math.round(255 + (rgb[2] - 255) * amount);
    pixels.data[i * 4 + 3] = 255;
  };
  const points: MapPicture['points'] = [];
  const legend: LegendItem[] = [];
  const centres: MapPicture['centres'] = [];

  if (model.kind === 'regressor') {
    // Regression targets and predictions are numbers (string targets are refused by tune()).
    const pred = predicted as Float64Array;
    const y = input.y as number[] | null;
    let lo = Infinity, hi = -Infinity;
    for (const v of y ?? []) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    for (const v of pred) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const t = (v: number): number => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
    for (let i = 0; i < G * G; i++) put(i, viridis(t(pred[i])), 0.55);
    X.forEach(([a, b], i) => points.push({ x: a, y: b, color: mix(viridis(t(y![i])), 1) }));
    legend.push({ label: `${fmtNum(lo)} (low)`, ramp: true }, { label: `${fmtNum(hi)} (high)` });
  } else if (model.kind === 'classifier') {
    const pred = predicted;
    const index = new Map(input.classCodes.map((c, i) => [c, i]));
    const colorOf = (code: ClassLabel): [number, number, number] => hexToRgb(PALETTE[(index.get(code) ?? 0) % PALETTE.length]);
    let proba: Float64Array | null = null;
    try {
      proba = model.predictProba({ values: grid, rows: G * G, cols: 2 });
    } catch {
      proba = null; // this model (or these hyperparameters) gives labels only: flat regions
    }
    const K = input.classCodes.length;
    for (let i = 0; i < G * G; i++) {
      let amount = 0.45;
      if (proba) {
        let m = 0;
        for (let k = 0; k < K; k++) m = Math.max(m, proba[i * K + k]);
        // Pale where the model hesitates, strong where it is sure.
        amount = 0.18 + 0.42 * Math.max(0, (m - 1 / K) / (1 - 1 / K));
      }
      put(i, colorOf(pred[i]), amount);
    }
    X.forEach(([a, b], i) => points.push({ x: a, y: b, color: mix(colorOf(y![i]), 1) }));
    input.classCodes.forEach((c, i) => legend.push({ label: input.classLabels[i] ?? String(c), color: PALETTE[i % PALETTE.length] }));
  } else {
    const pred = predicted as Float64Array;
    const own = model.predict(X.map((r) => r.slice())) as Float64Array;
    const colorOf = (id: number): [number, number, number] => hexToRgb(PALETTE[Math.abs(Math.round(id)) % PALETTE.length]);
    for (let i = 0; i < G * G; i++) put(i, colorOf(pred[i]), 0.4);
    X.forEach(([a, b], i) => points.push({ x: a, y: b, color: mix(colorOf(own[i]), 1) }));
    const centroids = model.parameters.centroids;
    if (centroids instanceof Float64Array && centroids.length % 2 === 0) {
      const pre = model.preprocessing;
      for (let k = 0; k < centroids.length / 2; k++) {
        // Centres live in standardised units when the features were standardised: map them back.
        const cx = pre ? centroids[2 * k] * pre.scale[0] + pre.mean[0] : centroids[2 * k];
        const cy = pre ? centroids[2 * k + 1] * pre.scale[1] + pre.mean[1] : centroids[2 * k + 1];
        centres.push({ x: cx, y: cy });
        legend.push({ label: `cluster ${k}`, color: PALETTE[k % PALETTE.length] });
      }
    } else {
      const ids = [...new Set(Array.from(own))].sort((a, b) => a - b);
      for (const id of ids) legend.push({ label: `cluster ${id}`, color: PALETTE[Math.abs(Math.round(id)) % PALETTE.length] });
    }
  }
  ctx.putImageData(pixels, 0, 0);
  return {
    picture: { xName: input.xName, yName: input.yName, bounds: { x0, x1, y0, y1 }, image, points, centres },
    legend,
  };
}
