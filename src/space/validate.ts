/**
 * The rules a distribution must follow. Shared by the helpers (int, float, choice) and by compileSpace, so a
 * distribution is checked the same way however it was made. Each function returns a normalised copy.
 * `where` names the offender in messages: 'int()' for a helper call, 'space.nNeighbors' inside a space.
 */
import { TuneError } from '../errors';
import type { ChoiceDistribution, Distribution, FloatDistribution, IntDistribution, Value } from './distributions';

/** Renders a value the way a user would type it. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return String(v);
}

export function contradictoryOptions(where: string): TuneError {
  return new TuneError(
    'CONTRADICTORY_OPTIONS',
    `${where}: \`step\` and \`log\` cannot be used together (a step lattice is evenly spaced, a log range is not). ` +
      'Drop one of them; list uneven values with choice([...]) instead.',
  );
}

function checkBounds(low: unknown, high: unknown, where: string): void {
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high)) {
    throw new TuneError(
      'INVALID_RANGE',
      `${where}: \`low\` and \`high\` must be finite numbers, got low=${show(low)}, high=${show(high)}.`,
      { low, high },
    );
  }
  if (low > high) {
    throw new TuneError(
      'INVALID_RANGE',
      `${where}: \`low <= high\` must hold, got low=${show(low)}, high=${show(high)}. Swap the bounds.`,
      { low, high },
    );
  }
}

function checkLogFlag(log: unknown, where: string): asserts log is boolean {
  if (typeof log !== 'boolean') {
    throw new TuneError('INVALID_SPACE_VALUE', `${where}: \`log\` must be true or false, got ${show(log)}.`);
  }
}

function checkLogRange(log: boolean, low: number, where: string, minimum: string): void {
  if (log && low <= 0) {
    throw new TuneError(
      'INVALID_LOG_RANGE',
      `${where}: a log range needs ${minimum} (the logarithm of ${show(low)} is undefined), got low=${show(low)}. ` +
        'Raise low, or drop `log: true`.',
      { low },
    );
  }
}

export function checkInt(d: IntDistribution, where: string): IntDistribution {
  const { low, high, step, log } = d;
  checkBounds(low, high, where);
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
    throw new TuneError(
      'INVALID_RANGE',
      `${where}: int bounds must be integers, got low=${show(low)}, high=${show(high)}. ` +
        'Use float(low, high) for a real-valued range.',
      { low, high },
    );
  }
  if (high - low > Number.MAX_SAFE_INTEGER) {
    throw new TuneError(
      'INVALID_RANGE',
      `${where}: \`high - low\` must be at most Number.MAX_SAFE_INTEGER, got low=${show(low)}, high=${show(high)}. ` +
        'Narrow the range.',
      { low, high },
    );
  }
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 1) {
    throw new TuneError(
      'INVALID_STEP',
      `${where}: \`step\` must be a positive integer, got step=${show(step)}. ` +
        'Use float(low, high, { step }) for a fractional step.',
      { step },
    );
  }
  checkLogFlag(log, where);
  if (log && step !== 1) throw contradictoryOptions(where);
  checkLogRange(log, low, where, 'low >= 1');
  return { kind: 'int', low, high, step, log };
}

/**
 * Smallest step accepted relative to the bounds: grid values are rounded to 15 significant digits (so 0.1 * 3
 * gives 0.3), and neighbours must stay distinct after that rounding.
 */
const MIN_RELATIVE_STEP = 1e-12;

export function checkFloat(d: FloatDistribution, where: string): FloatDistribution {
  const { low, high, step, log } = d;
  checkBounds(low, high, where);
  checkLogFlag(log, where);
  if (step !== null) {
    if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) {
      throw new TuneError(
        'INVALID_STEP',
        `${where}: \`step\` must be a positive finite number, got step=${show(step)}. Omit it for a continuous range.`,
        { step },
      );
    }
    if (step < Math.max(Math.abs(low), Math.abs(high)) * MIN_RELATIVE_STEP) {
      throw new TuneError(
        'INVALID_STEP',
        `${where}: \`step\` is too small for the bounds (consecutive values would not be distinct numbers), ` +
          `got step=${show(step)} for low=${show(low)}, high=${show(high)}. Use a larger step or omit it.`,
        { step },
      );
    }
    if (log) throw contradictoryOptions(where);
  }
  checkLogRange(log, low, where, 'low > 0');
  return { kind: 'float', low, high, step, log };
}

function checkScalar(v: unknown, where: string): Exclude<Value, readonly unknown[]> {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const got = typeof v === 'number' ? String(v) : v === undefined ? 'undefined' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
  throw new TuneError(
    'INVALID_SPACE_VALUE',
    `${where}: values must be finite numbers, strings, booleans or null (or an array of them), got ${got}.`,
    { value: v },
  );
}

/**
 * A value allowed in a candidate: finite numbers, strings, booleans and null (they clone, compare and print), or a
 * flat array of them (returned as a frozen copy, so candidates sharing it cannot change it). Arrays do not nest.
 */
export function checkValue(v: unknown, where: string): Value {
  if (!Array.isArray(v)) return checkScalar(v, where);
  return Object.freeze(v.map((x: unknown, i) => checkScalar(x, `${where}[${i}]`)));
}

/**
 * The identity of a value for duplicate checks and indexOf: scalars stand for themselves (SameValueZero, so 0 and
 * -0 are one value), arrays for their content (a string that no scalar can equal).
 */
export function valueKey(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return `\u0000array:${JSON.stringify(v.map((x: unknown) => (Object.is(x, -0) ? 0 : x)))}`;
}

export function checkChoice(values: unknown, where: string): ChoiceDistribution {
  if (!Array.isArray(values)) {
    throw new TuneError('INVALID_SPACE_VALUE', `${where}: choice values must be an array, got ${show(values)}.`);
  }
  if (values.length === 0) {
    throw new TuneError(
      'EMPTY_CHOICE',
      `${where}: a choice needs at least one value, got an empty list. ` +
        'List the values to try, or write a single value directly for a constant.',
    );
  }
  // Keys use SameValueZero for scalars (0 and -0 count as one value, as they do in a candidate's comparison) and
  // the content for arrays ([64] listed twice is a repeat).
  const seen = new Map<unknown, number>();
  const out: Value[] = [];
  values.forEach((raw: unknown, i) => {
    const v = checkValue(raw, `${where}[${i}]`);
    const key = valueKey(v);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new TuneError(
        'DUPLICATE_CHOICE',
        `${where}: each listed value must appear once, but ${show(v)} is at positions ${first} and ${i} ` +
          '(it would be tried twice). Remove the repeat.',
        { value: v },
      );
    }
    seen.set(key, i);
    out.push(v);
  });
  return { kind: 'choice', values: out };
}

/** A distribution object from user data (helper-made, cloned or hand-written), checked by its kind. */
export function checkDistribution(d: Record<string, unknown>, where: string): Distribution {
  switch (d.kind) {
    case 'int':
      return checkInt(d as unknown as IntDistribution, where);
    case 'float':
      return checkFloat(d as unknown as FloatDistribution, where);
    case 'choice':
      return checkChoice(d.values, where);
    default:
      throw new TuneError(
        'INVALID_SPACE_VALUE',
        `${where}: an object in a space must be a distribution made by int(), float() or choice() ` +
          `(kind 'int', 'float' or 'choice'), got kind=${show(d.kind)}. ` +
          'Use a plain array for listed values and a plain value for a constant.',
        { kind: d.kind },
      );
  }
}

/** The helper call that would make `d`, for messages: float(0.001, 1000, { log: true }). */
export function describe(d: Distribution): string {
  if (d.kind === 'choice') return `choice(${show(d.values)})`;
  const opts: string[] = [];
  if (d.kind === 'int' ? d.step !== 1 : d.step !== null) opts.push(`step: ${d.step}`);
  if (d.log) opts.push('log: true');
  return `${d.kind}(${d.low}, ${d.high}${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''})`;
}
