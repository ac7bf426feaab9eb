import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, erfcx, ndtr } from '../../../src/search/erf';

const relClose = (a: number, b: number, tol: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));
};

describe('erfcx (the shared erf module; mpmath values are checked in gp/log-ei.test.ts)', () => {
  it('is e^{x^2} erfc(x) where both are representable (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x) => {
        relClose(erfcx(x), Math.exp(x * x) * erfc(x), 2e-13);
      }),
    );
  });
  it('follows 1 / (sqrt(pi) x) far out, and overflows to Infinity only below -26.6', () => {
    relClose(erfcx(1e8), 1 / (Math.sqrt(Math.PI) * 1e8), 1e-15);
    relClose(erfcx(1e4), (1 / (Math.sqrt(Math.PI) * 1e4)) * (1 - 0.5e-8), 1e-15);
    expect(Number.isFinite(erfcx(-26.6))).toBe(true);
    expect(erfcx(-27)).toBe(Infinity);
    expect(erfcx(NaN)).toBeNaN();
  });
  it('keeps ndtr exact at the centre and symmetric', () => {
    expect(ndtr(0)).toBe(0.5);
    relClose(ndtr(-1.7) + ndtr(1.7), 1, 1e-16);
  });
});
