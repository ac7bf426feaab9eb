import { int, float, choice, type Distribution, type Value } from '../src/index';

/**
 * The demo's one-line syntax for a hyperparameter's search range:
 *   "1..30"            integers 1 to 30          "1..30 step 2"  every 2nd integer
 *   "1e-4..1e4 log"    continuous, log scale (random search only)
 *   "1e-4..1e4 log 9"  9 log-spaced values       "0.1..0.9 step 0.2"  stepped floats
 *   "uniform, distance" or "1, 2"  listed values ("true"/"false" are booleans)
 * An empty field leaves the hyperparameter at its default. Returns null for empty, throws on nonsense.
 */
export function parseRange(text: string, integer: boolean): Distribution | Value[] | null {
  const t = text.trim();
  if (t === '') return null;
  const range = /^(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)(?:\s+(log)(?:\s+(\d+))?|\s+step\s+([\d.e+-]+))?$/i.exec(t);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`"${t}": bounds must be numbers`);
    if (range[3] && range[4]) {
      const n = Number(range[4]);
      if (n < 2) throw new Error(`"${t}": give at least 2 log-spaced values`);
      const values = Array.from({ length: n }, (_, i) => Number((low * Math.pow(high / low, i / (n - 1))).toPrecision(6)));
      return choice(integer ? [...new Set(values.map(Math.round))] : values);
    }
    const step = range[5] !== undefined ? Number(range[5]) : undefined;
    if (integer) return int(low, high, { step, log: range[3] ? true : undefined });
    return float(low, high, { step, log: range[3] ? true : undefined });
  }
  const items = t.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return items.map((s) => (s === 'true' ? true : s === 'false' ? false : s === 'null' ? null : Number.isFinite(Number(s)) ? Number(s) : s));
}

/** Sensible starting ranges per model (what a first search would try). */
export const DEFAULT_RANGES: Record<string, Record<string, string>> = {
  'knn-classifier': { nNeighbors: '1..30', weights: 'uniform, distance', p: '1, 2' },
  'knn-regressor': { nNeighbors: '1..30', weights: 'uniform, distance', p: '1, 2' },
  kmeans: { nClusters: '2..10' },
  'linear-regression': { fitIntercept: 'true, false' },
  ridge: { alpha: '1e-4..1e3 log 15' },
  lasso: { alpha: '1e-4..10 log 12' },
  'elastic-net': { alpha: '1e-4..10 log 8', l1Ratio: '0.1, 0.5, 0.9' },
  'logistic-regression': { C: '1e-3..1e3 log 13' },
  'sgd-classifier': { alpha: '1e-6..1e-1 log 6', loss: 'log_loss, hinge', learningRate: 'optimal, adaptive' },
  'sgd-regressor': { alpha: '1e-6..1e-1 log 6', learningRate: 'invscaling, adaptive' },
};
