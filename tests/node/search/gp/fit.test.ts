import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/rng';
import { fitGp, selectHistory } from '../../../../src/search/gp';
import { standardize } from '../../../../src/search/gp/fit';

function sample(n: number, d: number, seed: number, f: (row: Float64Array) => number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) x[i] = rng.next();
  const y = Float64Array.from({ length: n }, (_, i) => f(x.subarray(i * d, (i + 1) * d)));
  return { x, y };
}

describe('kernel parameter fit', () => {
  it('gives the relevant dimension the shorter length scale', () => {
    const { x, y } = sample(30, 3, 5, (r) => Math.sin(6 * r[1]));
    const m = fitGp([{ kind: 'continuous' }, { kind: 'continuous' }, { kind: 'continuous' }], x, y);
    expect(m.lengthScales[1]).toBeLessThan(m.lengthScales[0] / 3);
    expect(m.lengthScales[1]).toBeLessThan(m.lengthScales[2] / 3);
    // The fit explains the data: small noise, predictions close to the observations.
    expect(m.params.noiseVar).toBeLessThan(0.05);
    const p = m.predict(x.subarray(0, 3));
    expect(Math.abs(p.mean - y[0])).toBeLessThan(0.05);
  });

  it('gives a categorical dimension that matters a shorter length scale than one that does not', () => {
    const rng = createRng(12);
    const n = 40;
    const x = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      x[i * 3] = rng.next();
      x[i * 3 + 1] = rng.int(4);
      x[i * 3 + 2] = rng.int(4);
    }
    const y = Float64Array.from({ length: n }, (_, i) => x[i * 3] + [0, 2, -1, 1][x[i * 3 + 1]]);
    const m = fitGp([{ kind: 'continuous' }, { kind: 'categorical', size: 4 }, { kind: 'categorical', size: 4 }], x, y);
    expect(m.lengthScales[1]).toBeLessThan(m.lengthScales[2] / 3);
  });

  it('fits a larger noise variance to noisy observations than to noiseless ones', () => {
    const clean = sample(40, 1, 21, (r) => Math.sin(5 * r[0]));
    const rng = createRng(22);
    const noisy = Float64Array.from(clean.y, (v) => v + 0.3 * rng.normal());
    const dims = [{ kind: 'continuous' as const }];
    const a = fitGp(dims, clean.x, clean.y).params.noiseVar;
    const b = fitGp(dims, clean.x, noisy).params.noiseVar;
    expect(a).toBeLessThan(1e-3);
    expect(b).toBeGreaterThan(10 * a);
    expect(fitGp(dims, clean.x, noisy, { deterministic: true }).params.noiseVar).toBe(1e-6);
  });

  it('warm start from the previous fit reaches an equally good optimum in fewer evaluations', () => {
    const { x, y } = sample(25, 2, 9, (r) => (r[0] - 0.3) ** 2 + 0.1 * r[1]);
    const dims = [{ kind: 'continuous' as const }, { kind: 'continuous' as const }];
    const cold = fitGp(dims, x, y);
    const warm = fitGp(dims, x, y, { initialParams: cold.params });
    expect(warm.fit.loss).toBeLessThanOrEqual(cold.fit.loss + 1e-3);
    expect(warm.fit.evaluations).toBeLessThan(cold.fit.evaluations);
  });

  it('handles constant y and a single observation without NaN', () => {
    const dims = [{ kind: 'continuous' as const }];
    for (const [x, y] of [
      [Float64Array.from([0.2, 0.5, 0.9]), Float64Array.from([3, 3, 3])],
      [Float64Array.from([0.4]), Float64Array.from([1.5])],
    ]) {
      const m = fitGp(dims, x, y);
      const p = m.predict(Float64Array.from([0.7]));
      expect(Number.isFinite(p.mean) && Number.isFinite(p.variance)).toBe(true);
      expect(p.mean).toBeCloseTo(y[0], 6);
    }
  });

  it('stays finite for values near the float range', () => {
    const x = Float64Array.from([0.1, 0.5, 0.9]);
    const y = Float64Array.from([1e308, -1e308, 5e307]);
    const p = fitGp([{ kind: 'continuous' }], x, y).predict(Float64Array.from([0.3]));
    expect(Number.isFinite(p.mean)).toBe(true);
    const { z } = standardize(y);
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it('standardises to mean 0, std 1', () => {
    const { z, mean, std } = standardize(Float64Array.from([1, 2, 3, 6]));
    expect(mean).toBe(3);
    expect(std).toBeCloseTo(Math.sqrt(3.5), 14);
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
  });
});

describe('history cap', () => {
  it('keeps ceil(cap/2) best and the most recent others, in index order', () => {
    const y = Float64Array.from([5, 1, 7, 1, 9, 8, 0, 6, 4, 3]);
    // cap 5: best 3 = indices 6 (0), 1 (1), 3 (1, tie -> lower index after 1); recent others: 9, 8.
    expect(Array.from(selectHistory(y, 5))).toEqual([1, 3, 6, 8, 9]);
    expect(Array.from(selectHistory(y, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
