/**
 * The main-thread formulas (gmm-math.ts, used by result.model.predict) agree with the wasm kernels the workers run,
 * for every covariance type, on random data and random positive-definite parameters (fast-check); and the M-step +
 * factors of one-hot responsibilities are the per-component sample statistics.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { debugKernels } from '../../../helpers/debug-kernels';
import { COVARIANCE_TYPES, covCode, covLength, responsibilities, weightedLogProb } from '../../../../src/estimators/mixture/gmm-math';
import { createRng } from '../../../../src/rng';

describe('gaussian-mixture kernels vs the main-thread formulas', () => {
  it('weighted log probabilities and responsibilities agree to 1e-12 (random shapes, every covariance type)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 19 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (n, d, k, seed) => {
        const rng = createRng(seed >>> 0);
        const X = Float64Array.from({ length: n * d }, () => rng.normal() * 3);
        const means = Float64Array.from({ length: k * d }, () => rng.normal());
        const w = Float64Array.from({ length: k }, () => 0.1 + rng.next());
        const total = w.reduce((a, b) => a + b, 0);
        const weights = w.map((v) => v / total);
        for (const t of COVARIANCE_TYPES) {
          // Upper-triangular factors with a positive diagonal (full/tied), positive entries (diag/spherical).
          const len = covLength(t, k, d);
          const prec = new Float64Array(len);
          if (t === 'full' || t === 'tied') {
            for (let c = 0; c < (t === 'full' ? k : 1); c++) {
              for (let a = 0; a < d; a++) for (let b = a; b < d; b++) prec[c * d * d + a * d + b] = a === b ? 0.5 + rng.next() : 0.3 * rng.normal();
            }
          } else for (let j = 0; j < len; j++) prec[j] = 0.5 + rng.next();
          const ours = weightedLogProb(X, n, d, t, weights, means, prec);
          const { wasm, arena } = debugKernels();
          const x = arena.allocF64(X);
          const mu = arena.allocF64(means);
          const pc = arena.allocF64(prec);
          const lw = arena.allocF64(weights.map(Math.log));
          const out = arena.alloc(n * k * 8);
          const work = arena.alloc(wasm.gmmWorkBytes(d));
          wasm.gmmWeightedLogProb(x, n, d, k, covCode(t), mu, pc, lw, out, work);
          const kernel = arena.f64(out, n * k).slice();
          kernel.forEach((v, i) => expect(Math.abs(v - ours[i]), `${t} wlp ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ours[i]))));
          const sum = wasm.gmmResponsibilities(out, n, k);
          const lse = responsibilities(ours, n, k);
          expect(Math.abs(sum - lse.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(sum)));
          const resp = arena.f64(out, n * k);
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let c = 0; c < k; c++) {
              s += resp[i * k + c];
              expect(Math.abs(resp[i * k + c] - ours[i * k + c])).toBeLessThanOrEqual(1e-12);
            }
            expect(s).toBeCloseTo(1, 12);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('one-hot responsibilities: means and full covariances are each component\'s sample mean and covariance + regCovar', () => {
    // component 0: rows (0,0), (2,0); component 1: rows (1,1), (1,3), (1,5)
    const rows = [0, 0, 2, 0, 1, 1, 1, 3, 1, 5];
    const resp = [1, 0, 1, 0, 0, 1, 0, 1, 0, 1];
    const { wasm, arena } = debugKernels();
    const x = arena.allocF64(Float64Array.from(rows));
    const r = arena.allocF64(Float64Array.from(resp));
    const nk = arena.alloc(16);
    const means = arena.alloc(32);
    const cov = arena.alloc(64);
    const prec = arena.alloc(64);
    const work = arena.alloc(wasm.gmmWorkBytes(2));
    wasm.gmmMStep(x, 5, 2, 2, 0, r, 0.5, nk, means, cov, work);
    const eps10 = 10 * 2.220446049250313e-16;
    expect(Array.from(arena.f64(nk, 2))).toEqual([2 + eps10, 3 + eps10]);
    const m = arena.f64(means, 4);
    [1, 0, 1, 3].forEach((v, i) => expect(m[i]).toBeCloseTo(v, 14));
    // var: comp 0 x: ((0-1)^2 + (2-1)^2)/2 = 1, y: 0; comp 1 x: 0, y: (4 + 0 + 4)/3 = 8/3; no covariance terms
    const c = arena.f64(cov, 8);
    [1.5, 0, 0, 0.5, 0.5, 0, 0, 8 / 3 + 0.5].forEach((v, i) => expect(c[i]).toBeCloseTo(v, 13));
    expect(wasm.gmmPrecisionCholesky(cov, 2, 2, 0, prec, work)).toBe(-1);
    const p = arena.f64(prec, 8);
    [1 / Math.sqrt(1.5), 0, 0, 1 / Math.sqrt(0.5)].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 13));
    // A zero variance (regCovar 0, one row per component) is reported as component index.
    wasm.gmmMStep(x, 5, 2, 2, 2, r, 0, nk, means, cov, work);
    expect(wasm.gmmPrecisionCholesky(cov, 2, 2, 2, prec, work)).toBe(0);
  });
});

describe('gaussian-mixture: one k-means start per fold for every covariance type', () => {
  it('evaluating full, tied, diag and spherical on one fold cache computes the k-means partition once', async () => {
    const { gaussianMixture } = await import('../../../../src/estimators/mixture/gaussian-mixture');
    const { datasetRows, sideOf } = await import('./reference');
    const kernels = debugKernels();
    const side = sideOf(kernels, datasetRows('blobs'));
    const foldCache = new Map<string, unknown>();
    const ctx = { kernels, foldCache, seed: 1, hints: { searchSeed: 7 }, classes: null, needsProba: false };
    const scores = [];
    for (const covarianceType of COVARIANCE_TYPES) {
      const before = [...foldCache.keys()];
      const p = gaussianMixture.trainer.evaluate(ctx, side, side, { nComponents: 3, covarianceType, initParams: 'kmeans', nInit: 1 });
      scores.push(p.logLikelihood);
      if (covarianceType !== 'full') expect([...foldCache.keys()]).toEqual(before);
    }
    expect([...foldCache.keys()].filter((k) => k.startsWith('gmm:init:kmeans:3:'))).toHaveLength(1);
    expect(scores.every(Number.isFinite)).toBe(true);
  });
});
