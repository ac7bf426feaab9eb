export { expectTuneError } from '../../helpers/thrown';
import { expect } from 'vitest';
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
