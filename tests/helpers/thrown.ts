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
