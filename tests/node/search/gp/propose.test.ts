import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../../../src/rng';
import { proposeGp, proposeGpDetailed, type GpDimension } from '../../../../src/search/gp';
import { firstPrimes, scrambledHalton } from '../../../../src/search/gp/qmc';

const fast = { candidates: 256, localSearches: 4 };

/** Runs `steps` proposals on f from the given initial points; returns all x and y. */
function run(dims: GpDimension[], f: (x: Float64Array) => number, init: number[][], steps: number, seed: number) {
  const d = dims.length;
  const xs: number[] = init.flat();
  const ys: number[] = init.map((r) => f(Float64Array.from(r)));
  const rng = createRng(seed);
  for (let t = 0; t < steps; t++) {
    const p = proposeGp(dims, Float64Array.from(xs), Float64Array.from(ys), rng, fast);
    xs.push(...p);
    ys.push(f(p));
  }
  return { xs, ys, d };
}

describe('proposeGp', () => {
  it('converges near the minimum of a 1-D quadratic in 10 steps', () => {
    const f = (x: Float64Array) => (x[0] - 0.3) ** 2;
    const { xs, ys } = run([{ kind: 'continuous' }], f, [[0.9], [0.6], [0.05]], 10, 1);
    const best = ys.indexOf(Math.min(...ys));
    expect(Math.abs(xs[best] - 0.3)).toBeLessThan(0.02);
  });

  it('finds the best category and grid point of a mixed function', () => {
    const dims: GpDimension[] = [{ kind: 'continuous' }, { kind: 'discrete', size: 5 }, { kind: 'categorical', size: 3 }];
    // Minimum at x0 = 0.7, grid value 0.25 (k = 1), category 2.
    const f = (x: Float64Array) => (x[0] - 0.7) ** 2 + (x[1] - 0.25) ** 2 + (x[2] === 2 ? 0 : 0.5);
    const { xs, ys, d } = run(dims, f, [[0.1, 0, 0], [0.5, 1, 1], [0.9, 0.5, 0], [0.3, 0.75, 1]], 10, 2);
    const best = ys.indexOf(Math.min(...ys));
    expect(xs[best * d + 2]).toBe(2);
    expect(xs[best * d + 1]).toBe(0.25);
    expect(Math.abs(xs[best * d] - 0.7)).toBeLessThan(0.1);
  });

  it('does not propose a pending point again (Kriging believer)', () => {
    const dims: GpDimension[] = [{ kind: 'continuous' }];
    const x = Float64Array.from([0.1, 0.5, 0.9]);
    const y = Float64Array.from([1, 0, 1]);
    const first = proposeGp(dims, x, y, createRng(4), fast);
    const second = proposeGp(dims, x, y, createRng(4), fast, first);
    expect(Math.abs(second[0] - first[0])).toBeGreaterThan(0.01);
  });

  it('returns a quasi-random valid point with no history, and rejects malformed input', () => {
    const dims: GpDimension[] = [{ kind: 'continuous' }, { kind: 'categorical', size: 4 }];
    const p = proposeGpDetailed(dims, new Float64Array(0), new Float64Array(0), createRng(1));
    expect(p.model).toBeNull();
    expect(Number.isInteger(p.x[1]) && p.x[1] >= 0 && p.x[1] < 4).toBe(true);
    expect(() => proposeGp(dims, Float64Array.from([0.5, 7]), Float64Array.from([1]), createRng(1))).toThrow(/index 0\.\.3/);
    expect(() => proposeGp(dims, Float64Array.from([0.5, 1]), Float64Array.from([NaN]), createRng(1))).toThrow(/not finite/);
    expect(() => proposeGp([{ kind: 'discrete' }], new Float64Array(0), new Float64Array(0), createRng(1))).toThrow(/integer size/);
  });

  const dimArb = fc.oneof(
    fc.constant<GpDimension>({ kind: 'continuous' }),
    fc.integer({ min: 1, max: 40 }).map<GpDimension>((size) => ({ kind: 'discrete', size })),
    fc.integer({ min: 1, max: 6 }).map<GpDimension>((size) => ({ kind: 'categorical', size })),
  );
  const caseArb = fc.record({
    dims: fc.array(dimArb, { minLength: 1, maxLength: 4 }),
    n: fc.integer({ min: 1, max: 12 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
  function history(dims: GpDimension[], n: number, seed: number) {
    const rng = createRng(seed);
    const d = dims.length;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      dims.forEach((dim, j) => {
        const u = rng.next();
        x[i * d + j] = dim.kind === 'continuous' ? u : dim.kind === 'categorical' ? Math.floor(u * dim.size!) : dim.size! > 1 ? Math.round(u * (dim.size! - 1)) / (dim.size! - 1) : 0;
      });
    const y = Float64Array.from({ length: n }, () => rng.normal());
    return { x, y };
  }

  it('always returns a point in the box, on the grid, with valid categories (property)', () => {
    fc.assert(
      fc.property(caseArb, ({ dims, n, seed }) => {
        const { x, y } = history(dims, n, seed);
        // With a pending row too (the first history row, asked again), which must not break validity.
        const pending = n > 1 ? x.slice(0, dims.length) : undefined;
        const p = proposeGp(dims, x, y, createRng(seed), { candidates: 64, localSearches: 2 }, pending);
        return dims.every((dim, j) => {
          const v = p[j];
          if (dim.kind === 'continuous') return v >= 0 && v <= 1;
          if (dim.kind === 'categorical') return Number.isInteger(v) && v >= 0 && v < dim.size!;
          if (dim.size === 1) return v === 0;
          const k = v * (dim.size! - 1);
          return Math.abs(k - Math.round(k)) < 1e-12 && v >= 0 && v <= 1 && v === Math.round(k) / (dim.size! - 1);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic: same inputs and rng state give the same point bit for bit (property)', () => {
    fc.assert(
      fc.property(caseArb, ({ dims, n, seed }) => {
        const { x, y } = history(dims, n, seed);
        const a = proposeGp(dims, x, y, createRng(seed), { candidates: 64, localSearches: 2 });
        const b = proposeGp(dims, Float64Array.from(x), Float64Array.from(y), createRng(seed), { candidates: 64, localSearches: 2 });
        return a.every((v, j) => Object.is(v, b[j]));
      }),
      { numRuns: 20 },
    );
  });
});

describe('scrambled Halton', () => {
  it('uses prime bases and fills each 1-D projection evenly', () => {
    expect(firstPrimes(6)).toEqual([2, 3, 5, 7, 11, 13]);
    const h = scrambledHalton(3, createRng(3));
    const counts = [new Array(8).fill(0), new Array(8).fill(0), new Array(8).fill(0)];
    const p = new Float64Array(3);
    for (let i = 0; i < 512; i++) {
      h.point(i, p);
      for (let j = 0; j < 3; j++) {
        expect(p[j] >= 0 && p[j] < 1).toBe(true);
        counts[j][Math.floor(p[j] * 8)]++;
      }
    }
    // 512 points in base 2: exactly 64 per eighth; bases 3 and 5 within a few points of 64.
    expect(counts[0]).toEqual(new Array(8).fill(64));
    for (const c of counts.slice(1)) for (const v of c) expect(Math.abs(v - 64)).toBeLessThan(8);
  });
});

describe('proposeGp on larger grids and long histories', () => {
  it('finds the best point of a 101-point integer grid (ladder search past 16 values)', () => {
    const f = (x: Float64Array) => (x[0] - 0.37) ** 2;
    const { xs, ys } = run([{ kind: 'discrete', size: 101 }], f, [[0], [0.5], [1]], 12, 3);
    const best = ys.indexOf(Math.min(...ys));
    expect(xs[best]).toBe(0.37);
    expect(xs.every((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9)).toBe(true);
  });

  it('fits on the capped history only (maxTrials)', () => {
    const rng = createRng(8);
    const n = 30;
    const x = Float64Array.from({ length: n }, () => rng.next());
    const y = Float64Array.from(x, (v) => Math.abs(v - 0.5));
    const p = proposeGpDetailed([{ kind: 'continuous' }], x, y, createRng(1), { ...fast, maxTrials: 10 });
    expect(p.used.length).toBe(10);
    expect(p.model!.posterior.n).toBe(10);
    // The best row is always kept.
    const best = y.indexOf(Math.min(...y));
    expect(Array.from(p.used)).toContain(best);
  });
});

describe('proposeGp search quality', () => {
  it('gets within 0.1 of the Branin minimum (0.3979) in 30 trials, where random search stays far off', () => {
    const branin = (u: Float64Array) => {
      const x = -5 + 15 * u[0];
      const y = 15 * u[1];
      const b = 5.1 / (4 * Math.PI ** 2);
      return (y - b * x * x + (5 / Math.PI) * x - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
    };
    const init = [[0.1, 0.2], [0.8, 0.9], [0.5, 0.4], [0.3, 0.7], [0.9, 0.1]];
    const { ys } = run([{ kind: 'continuous' }, { kind: 'continuous' }], branin, init, 25, 1);
    expect(Math.min(...ys)).toBeLessThan(0.5);
    const rng = createRng(1);
    let randomBest = Infinity;
    for (let t = 0; t < 30; t++) randomBest = Math.min(randomBest, branin(Float64Array.from([rng.next(), rng.next()])));
    expect(randomBest).toBeGreaterThan(0.5);
  });
});
