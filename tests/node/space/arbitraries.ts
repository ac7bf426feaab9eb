/**
 * fast-check generators for spaces, and an independent reference (naive enumeration, membership) to check the
 * compiled space against. Shared by tests/node/space and tests/node/search.
 */
import fc from 'fast-check';
import { choice, float, int, type Distribution, type SubspaceSpec, type Value } from '../../../src/space';

export const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant(null),
);

export const intArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc
    .record({ low: fc.integer({ min: -50, max: 50 }), span: fc.integer({ min: 0, max: 30 }), step: fc.integer({ min: 1, max: 7 }) })
    .map(({ low, span, step }) => int(low, low + span, { step })),
  fc
    .record({ low: fc.integer({ min: 1, max: 100 }), span: fc.integer({ min: 0, max: 200 }) })
    .map(({ low, span }) => int(low, low + span, { log: true })),
);

export const steppedFloatArb: fc.Arbitrary<Distribution> = fc
  .record({
    low: fc.double({ min: -10, max: 10, noNaN: true }),
    n: fc.integer({ min: 0, max: 20 }),
    step: fc.constantFrom(0.1, 0.25, 0.3, 1, 0.01, 2.5, 1 / 3),
  })
  .map(({ low, n, step }) => float(low, low + n * step, { step }));

export const continuousArb: fc.Arbitrary<Distribution> = fc.oneof(
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => float(Math.min(a, b), Math.max(a, b))),
  fc
    .record({ low: fc.double({ min: 1e-8, max: 1e3, noNaN: true }), ratio: fc.double({ min: 1.001, max: 1e6, noNaN: true }) })
    .map(({ low, ratio }) => float(low, low * ratio, { log: true })),
);

export const choiceArb: fc.Arbitrary<Distribution> = fc
  .uniqueArray(valueArb, { minLength: 1, maxLength: 5, comparator: 'SameValueZero' })
  .map((values) => choice(values));

/** Entries of a finite space: distributions, plain arrays and constants. */
export const discreteEntryArb: fc.Arbitrary<SubspaceSpec[string]> = fc.oneof(
  intArb,
  steppedFloatArb,
  choiceArb,
  valueArb,
  fc.uniqueArray(valueArb, { minLength: 1, maxLength: 4, comparator: 'SameValueZero' }),
);

const nameArb = fc.stringMatching(/^[a-zA-Z]{1,3}$/);

export const discreteRecordArb: fc.Arbitrary<SubspaceSpec> = fc.dictionary(nameArb, discreteEntryArb, { maxKeys: 3 });

/** A conditional space whose sub-spaces cannot overlap: each has its own `model` constant. */
export const discreteConditionalArb: fc.Arbitrary<SubspaceSpec[]> = fc
  .array(discreteRecordArb, { minLength: 1, maxLength: 3 })
  .map((records) => records.map((r, i) => ({ ...r, model: `m${i}` })));

export const anyRecordArb: fc.Arbitrary<SubspaceSpec> = fc.dictionary(
  nameArb,
  fc.oneof(discreteEntryArb, continuousArb),
  { maxKeys: 3 },
);

// ---- independent reference ----

/** The values of a finite entry, listed naively (no index arithmetic). */
export function referenceValues(entry: SubspaceSpec[string]): Value[] {
  if (Array.isArray(entry)) return [...(entry as Value[])];
  if (entry === null || typeof entry !== 'object') return [entry as Value];
  const d = entry as Distribution;
  if (d.kind === 'choice') return [...d.values];
  if (d.kind === 'int') {
    const out: number[] = [];
    for (let v = d.low; v <= d.high; v += d.step) out.push(v);
    return out;
  }
  if (d.step === null) {
    if (d.low === d.high) return [d.low];
    throw new Error('continuous');
  }
  const out: number[] = [];
  for (let k = 0; d.low + k * d.step <= d.high + 1e-9 * Math.max(1, Math.abs(d.high)); k++) out.push(d.low + k * d.step);
  return out;
}

/** scikit-learn ParameterGrid order, written as nested loops: keys sorted, last key fastest. */
export function referenceGrid(records: readonly SubspaceSpec[]): Record<string, Value>[] {
  const out: Record<string, Value>[] = [];
  for (const record of records) {
    const keys = Object.keys(record).sort();
    let points: Record<string, Value>[] = [{}];
    for (const k of keys) {
      const next: Record<string, Value>[] = [];
      for (const p of points) for (const v of referenceValues(record[k])) next.push({ ...p, [k]: v });
      points = next;
    }
    out.push(...points);
  }
  return out;
}

/** Numbers equal up to floating-point noise (stepped float grids are rounded to 15 significant digits). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  return Object.is(a, b) || (a === 0 && b === 0);
}

export function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}

/** Whether `v` is a value `entry` can produce, checked from the definition, not from the compiled dimension. */
export function admits(entry: SubspaceSpec[string], v: unknown): boolean {
  if (Array.isArray(entry)) return (entry as Value[]).some((x) => sameValue(x, v));
  if (entry === null || typeof entry !== 'object') return sameValue(entry, v);
  const d = entry as Distribution;
  if (d.kind === 'choice') return d.values.some((x) => sameValue(x, v));
  if (typeof v !== 'number' || v < d.low || v > d.high) return false;
  if (d.log && !(v > 0)) return false;
  if (d.kind === 'int') return Number.isInteger(v) && (v - d.low) % d.step === 0;
  if (d.step === null) return true;
  const k = (v - d.low) / d.step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** A string per candidate, independent of key order. */
export function key(p: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(p).sort().map((k) => [k, p[k]]));
}
