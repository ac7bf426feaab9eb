import { expect } from 'vitest';
import { TuneError } from '../../../src/errors';
import type { Matrix } from '../../../src/types';

/** A Float64Array from plain numbers. */
export function f64(values: readonly number[]): Float64Array {
  return Float64Array.from(values);
}

/** A rows x cols matrix from row arrays. */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length === 0 ? 0 : rows[0].length;
  return { values: Float64Array.from(rows.flat()), rows: rows.length, cols };
}

/** |actual - expected| <= tol * max(1, |expected|): absolute near 0, relative for large values. */
export function expectClose(actual: number, expected: number, tol = 1e-9, what = ''): void {
  const bound = tol * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(bound);
}

/** Asserts that `fn` throws a TuneError with this code and a message matching `pattern`. */
export function expectTuneError(fn: () => unknown, code: string, pattern: RegExp): TuneError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a TuneError ${code}`).toBeInstanceOf(TuneError);
  const err = caught as TuneError;
  expect(err.code).toBe(code);
  expect(err.message).toMatch(pattern);
  return err;
}
