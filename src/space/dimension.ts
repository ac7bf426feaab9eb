/**
 * A compiled hyperparameter: its values by index (when finite) and its sampler.
 * Discrete dimensions (int, stepped float, choice, constant, float with low === high) have `size` values indexed
 * 0..size-1 in ascending (ranges) or listed (choice) order; continuous ones are sampled only.
 */
import type { Rng } from '../rng';
import type { ChoiceDistribution, Distribution, FloatDistribution, IntDistribution, Value } from './distributions';
import { uniform53, uniformIndex } from './uniform';
import { valueKey } from './validate';

export interface Dimension {
  readonly name: string;
  /** The validated distribution (a constant appears as a one-value choice). */
  readonly distribution: Distribution;
  readonly discrete: boolean;
  /** Number of values; Infinity when continuous. */
  readonly size: number;
  /** True when `sampleIndex` is uniform over 0..size-1 (false for log int ranges, and for continuous ones). */
  readonly uniform: boolean;
  /** The k-th value, 0 <= k < size. Discrete only. */
  valueAt(k: number): Value;
  /** Index of `v` among the values, or -1 when it is not one of them (always -1 when continuous). */
  indexOf(v: unknown): number;
  /** Index of one draw from the distribution. Discrete only; `sample` consumes the rng identically. */
  sampleIndex(rng: Rng): number;
  /** One draw: log-uniform for log ranges, uniform otherwise. */
  sample(rng: Rng): Value;
}

/** Grid values are rounded to 15 significant digits so that 0 + 3 * 0.1 is 0.3, not 0.30000000000000004. */
const SIGNIFICANT_DIGITS = 15;

export function createDimension(name: string, d: Distribution): Dimension {
  switch (d.kind) {
    case 'choice':
      return choiceDimension(name, d);
    case 'int':
      return intDimension(name, d);
    case 'float':
      if (d.step !== null) return steppedFloatDimension(name, d, d.step);
      if (d.low === d.high) return discrete(name, d, 1, () => d.low, (v) => (v === d.low ? 0 : -1));
      return continuousFloatDimension(name, d);
  }
}

function discrete(
  name: string,
  distribution: Distribution,
  size: number,
  valueAt: (k: number) => Value,
  indexOf: (v: unknown) => number,
  drawIndex?: (rng: Rng) => number,
): Dimension {
  const sampleIndex = drawIndex ?? ((rng: Rng) => uniformIndex(rng, size));
  return {
    name,
    distribution,
    discrete: true,
    size,
    uniform: drawIndex === undefined || size === 1,
    valueAt: (k) => {
      if (!Number.isInteger(k) || k < 0 || k >= size) throw new RangeError(`${name}: index ${k} is outside [0, ${size})`);
      return valueAt(k);
    },
    indexOf,
    sampleIndex,
    sample: (rng) => valueAt(sampleIndex(rng)),
  };
}

function choiceDimension(name: string, d: ChoiceDistribution): Dimension {
  // Arrays are looked up by content (valueKey), so indexOf([128, 64]) finds a listed [128, 64] of another identity.
  const index = new Map<unknown, number>(d.values.map((v, i) => [valueKey(v), i]));
  return discrete(name, d, d.values.length, (k) => d.values[k], (v) => index.get(valueKey(v)) ?? -1);
}

function intDimension(name: string, d: IntDistribution): Dimension {
  const { low, high, step } = d;
  const size = Math.floor((high - low) / step) + 1;
  const indexOf = (v: unknown): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= low && v <= high && (v - low) % step === 0
      ? (v - low) / step
      : -1;
  if (!d.log || size === 1) return discrete(name, d, size, (k) => low + k * step, indexOf);
  // Log-uniform over [low - 0.5, high + 0.5], rounded: each integer gets the log-width of its rounding cell
  // (Optuna's IntDistribution(log=True) does the same). low >= 1, so low - 0.5 > 0.
  const a = Math.log(low - 0.5);
  const b = Math.log(high + 0.5);
  const drawIndex = (rng: Rng): number => {
    const v = Math.round(Math.exp(a + uniform53(rng) * (b - a)));
    return Math.min(high, Math.max(low, v)) - low;
  };
  return discrete(name, d, size, (k) => low + k, indexOf, drawIndex);
}

function steppedFloatDimension(name: string, d: FloatDistribution, step: number): Dimension {
  const { low, high } = d;
  const q = (high - low) / step;
  // Tolerance so that float(0, 0.3, { step: 0.1 }) includes 0.3 although 0.3 / 0.1 = 2.9999999999999996.
  const size = Math.floor(q + Math.max(1e-9, q * 1e-12)) + 1;
  const valueAt = (k: number): number =>
    k === 0 ? low : Math.min(high, Number((low + k * step).toPrecision(SIGNIFICANT_DIGITS)));
  const indexOf = (v: unknown): number => {
    if (typeof v !== 'number') return -1;
    const k = Math.round((v - low) / step);
    return k >= 0 && k < size && valueAt(k) === v ? k : -1;
  };
  return discrete(name, d, size, valueAt, indexOf);
}

function continuousFloatDimension(name: string, d: FloatDistribution): Dimension {
  const { low, high } = d;
  const a = Math.log(low);
  const b = Math.log(high);
  // Clamped because exp(log(x)) and the interpolation can land one ulp outside the bounds.
  const clamp = (v: number): number => Math.min(high, Math.max(low, v));
  const sample = d.log
    ? (rng: Rng): number => clamp(Math.exp(a + uniform53(rng) * (b - a)))
    : (rng: Rng): number => {
        const u = uniform53(rng);
        return clamp(low * (1 - u) + high * u);
      };
  const notDiscrete = (): never => {
    throw new RangeError(`${name} is continuous: it has no values by index`);
  };
  return {
    name,
    distribution: d,
    discrete: false,
    size: Infinity,
    uniform: false,
    valueAt: notDiscrete,
    indexOf: () => -1,
    sampleIndex: notDiscrete,
    sample,
  };
}
