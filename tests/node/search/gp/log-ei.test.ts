import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, erfcx, logExpectedImprovement, normalCdf, standardLogEi } from '../../../../src/search/gp/log-ei';
import ref from '../../../fixtures/gp/gp_reference.json';

const relClose = (a: number, b: number, tol: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), 1e-300));
};

describe('erfc / erfcx', () => {
  it('match mpmath at 50 digits to 1e-13 relative', () => {
    ref.erfcx.x.forEach((x, i) => relClose(erfcx(x), ref.erfcx.value[i], 1e-13));
    ref.erfc.x.forEach((x, i) => relClose(erfc(x), ref.erfc.value[i], 1e-13));
  });
  it('normalCdf(0) = 1/2 and is symmetric', () => {
    expect(normalCdf(0)).toBe(0.5);
    relClose(normalCdf(1.3) + normalCdf(-1.3), 1, 1e-15);
  });
});

describe('log expected improvement', () => {
  it('matches mpmath (value and derivative) from z = -1e6 to 40', () => {
    ref.logEi.z.forEach((z, i) => {
      const e = standardLogEi(z);
      relClose(e.value, ref.logEi.value[i], 1e-12);
      relClose(e.dz, ref.logEi.dz[i], 1e-9);
    });
  });

  it('equals log(z Phi(z) + phi(z)) computed directly where EI is not tiny', () => {
    for (const z of [-2, -1, -0.5, 0, 0.5, 1, 2, 5]) {
      const direct = Math.log(z * normalCdf(z) + Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
      relClose(standardLogEi(z).value, direct, 1e-14);
    }
  });

  it('is finite and strictly increasing for very negative z, across the regime boundaries', () => {
    let prev = -Infinity;
    for (let z = -1e5; z <= 3; z = z < -200 ? z / 1.5 : z + 0.03) {
      const v = standardLogEi(z).value;
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });

  it('has the derivative its finite differences give (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -300, max: 30, noNaN: true }), (z) => {
        const h = 1e-6 * Math.max(1, Math.abs(z));
        const fd = (standardLogEi(z + h).value - standardLogEi(z - h).value) / (2 * h);
        return Math.abs(fd - standardLogEi(z).dz) <= 1e-5 * Math.max(1, Math.abs(fd));
      }),
    );
  });

  it('gives d/dmean and d/dvariance that match finite differences', () => {
    const [m, v, best] = [0.3, 0.04, 0.1];
    const e = logExpectedImprovement(m, v, best);
    const h = 1e-6;
    relClose(e.dMean, (logExpectedImprovement(m + h, v, best).value - logExpectedImprovement(m - h, v, best).value) / (2 * h), 1e-6);
    relClose(e.dVar, (logExpectedImprovement(m, v + h, best).value - logExpectedImprovement(m, v - h, best).value) / (2 * h), 1e-6);
  });
});
