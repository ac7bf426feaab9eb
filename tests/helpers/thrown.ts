import { expect } from 'vitest';
import { TuneError } from '../../src/errors';

/** Runs `fn`, asserts it throws a TuneError with `code`, and returns the error (for message checks). */
export function thrown(fn: () => unknown, code: string): TuneError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).code).toBe(code);
    return e as TuneError;
  }
  throw new Error(`expected TuneError ${code}, nothing was thrown`);
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
