import { describe, expect, it } from 'vitest';
import { minimizeBox } from '../../../../src/search/gp/lbfgs';

const rosenbrock = (x: Float64Array, g: Float64Array): number => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('box-constrained L-BFGS', () => {
  it('finds the Rosenbrock minimum inside a wide box', () => {
    const r = minimizeBox(rosenbrock, Float64Array.from([-1.2, 1]), Float64Array.from([-5, -5]), Float64Array.from([5, 5]), { pgtol: 1e-8, maxIter: 500 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it('stops on the active bound when the unconstrained minimum is outside the box', () => {
    // min (x - 3)^2 + (y + 1)^2 over [0, 1]^2 -> (1, 0).
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = 2 * (x[0] - 3);
      g[1] = 2 * (x[1] + 1);
      return (x[0] - 3) ** 2 + (x[1] + 1) ** 2;
    };
    const r = minimizeBox(f, Float64Array.from([0.5, 0.5]), Float64Array.from([0, 0]), Float64Array.from([1, 1]));
    expect(Array.from(r.x)).toEqual([1, 0]);
    expect(r.converged).toBe(true);
  });

  it('never accepts a non-finite value', () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = -1;
      return x[0] > 2 ? Infinity : -x[0];
    };
    const r = minimizeBox(f, Float64Array.from([0]), Float64Array.from([0]), Float64Array.from([10]), { maxIter: 50 });
    expect(Number.isFinite(r.f)).toBe(true);
    expect(r.x[0]).toBeLessThanOrEqual(2);
  });
});
