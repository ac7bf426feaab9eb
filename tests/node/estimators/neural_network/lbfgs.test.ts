/** The L-BFGS minimiser behind the MLP's solver 'lbfgs' (src/estimators/neural_network/lbfgs.ts): pure, in ms. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { minimizeLbfgs, type ValueAndGradient } from '../../../../src/estimators/neural_network/lbfgs';

/** Rosenbrock in n dimensions (minimum 0 at all ones). */
const rosenbrock: ValueAndGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
};

/** A diagonal quadratic sum_i c_i (x_i - i)^2 / 2. */
const quadratic = (c: number[]): ValueAndGradient => (x, g) => {
  let f = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] - i;
    f += (c[i] * r * r) / 2;
    g[i] = c[i] * r;
  }
  return f;
};

describe('minimizeLbfgs', () => {
  it('finds the Rosenbrock minimum in 2 and 10 dimensions, stopping on the gradient', () => {
    for (const n of [2, 10]) {
      const r = minimizeLbfgs(rosenbrock, new Float64Array(n).fill(-1.2), { maxIter: 500, maxFun: 15000, gtol: 1e-8, ftol: 0 });
      expect(r.reason).toBe('gtol');
      for (const v of r.x) expect(v).toBeCloseTo(1, 6);
      expect(r.f).toBeLessThan(1e-12);
      expect(r.nIter).toBeLessThan(200);
    }
  });

  it('a well-conditioned quadratic needs a handful of iterations; x0 is left alone', () => {
    const x0 = new Float64Array(5);
    const r = minimizeLbfgs(quadratic([1, 2, 3, 4, 5]), x0, { maxIter: 100, maxFun: 1000, gtol: 1e-10, ftol: 0 });
    expect(r.reason).toBe('gtol');
    expect(Array.from(r.x).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 1, 2, 3, 4]);
    expect(r.nIter).toBeLessThanOrEqual(12);
    expect(Array.from(x0)).toEqual([0, 0, 0, 0, 0]);
  });

  it('honours maxIter, maxFun and the relative-reduction rule', () => {
    const start = new Float64Array(4).fill(-1.2);
    const a = minimizeLbfgs(rosenbrock, start, { maxIter: 3, maxFun: 15000, gtol: 0 });
    expect(a).toMatchObject({ reason: 'maxIter', nIter: 3 });
    const b = minimizeLbfgs(rosenbrock, start, { maxIter: 1000, maxFun: 10, gtol: 0, ftol: 0 });
    expect(b.reason).toBe('maxFun');
    expect(b.nFun).toBeLessThanOrEqual(10 + 1);
    const c = minimizeLbfgs(rosenbrock, start, { maxIter: 1000, maxFun: 15000, gtol: 0, ftol: 1e-3 });
    expect(c.reason).toBe('ftol');
  });

  it('a non-finite start is reported, not iterated', () => {
    const r = minimizeLbfgs((x, g) => (g.fill(0), NaN), new Float64Array(2), { maxIter: 10, maxFun: 10, gtol: 1e-5 });
    expect(r.reason).toBe('nonFinite');
  });

  it('property: never ends above its start, and every accepted iterate decreases f (random convex quadratics)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 30 }), (c, iters) => {
        const fgq = quadratic(c);
        const x0 = Float64Array.from(c, (_, i) => -3 * i - 1);
        const f0 = fgq(x0, new Float64Array(c.length));
        const r = minimizeLbfgs(fgq, x0, { maxIter: iters, maxFun: 15000, gtol: 1e-12, ftol: 0 });
        return r.f <= f0 && (r.nIter === 0 || r.f < f0);
      }),
      { numRuns: 200 },
    );
  });
});
