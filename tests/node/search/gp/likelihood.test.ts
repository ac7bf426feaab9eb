import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/rng';
import { pairDeltas } from '../../../../src/search/gp/kernel';
import { fitLoss, paramsFromRaw, rawFromParams, type FitProblem } from '../../../../src/search/gp/likelihood';
import { MINIMUM_NOISE_VAR } from '../../../../src/search/gp/prior';
import { GpPosterior } from '../../../../src/search/gp/posterior';
import ref from '../../../fixtures/gp/gp_reference.json';

function problem(n: number, d: number, cat: Uint8Array, usePrior: boolean, seed: number): FitProblem & { x: Float64Array } {
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) x[i] = cat[i % d] ? rng.int(3) : rng.next();
  const y = Float64Array.from({ length: n }, () => rng.normal());
  return { x, n, d, deltas: pairDeltas(x, n, d, cat), y, fixNoise: false, usePrior };
}

describe('marginal likelihood', () => {
  it('has the gradient finite differences give, with and without priors, with a categorical dimension', () => {
    for (const usePrior of [false, true]) {
      const prob = problem(12, 3, Uint8Array.from([0, 1, 0]), usePrior, 3);
      const theta = Float64Array.from([0.3, -0.5, 1.2, 0.2, -2.0]);
      const g = new Float64Array(5);
      fitLoss(prob, theta, g);
      for (let j = 0; j < 5; j++) {
        const h = 1e-6;
        const tp = Float64Array.from(theta);
        const tm = Float64Array.from(theta);
        tp[j] += h;
        tm[j] -= h;
        const fd = (fitLoss(prob, tp, new Float64Array(5)) - fitLoss(prob, tm, new Float64Array(5))) / (2 * h);
        expect(Math.abs(g[j] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('equals scikit-learn log_marginal_likelihood for fixed kernel parameters (no priors)', () => {
    const P = ref.posterior;
    const d = 2;
    const x = Float64Array.from(P.X.flat());
    const y = Float64Array.from(P.y);
    const params = { inverseSquaredLengthScales: Float64Array.from(P.lengthScale, (l) => 1 / (l * l)), kernelScale: P.kernelScale, noiseVar: P.noiseVar };
    const prob: FitProblem = { n: y.length, d, deltas: pairDeltas(x, y.length, d, new Uint8Array(d)), y, fixNoise: false, usePrior: false };
    // theta with the noise exactly at P.noiseVar (rawFromParams would keep 1% of the minimum noise above it).
    const theta = rawFromParams(params, d);
    theta[d + 1] = Math.log(P.noiseVar - MINIMUM_NOISE_VAR);
    expect(paramsFromRaw(theta, d, false).noiseVar).toBeCloseTo(P.noiseVar, 15);
    const loss = fitLoss(prob, theta, new Float64Array(d + 2));
    expect(-loss).toBeCloseTo(P.logMarginalLikelihood, 9);
  });
});

describe('posterior', () => {
  const P = ref.posterior;
  const d = 2;
  const x = Float64Array.from(P.X.flat());
  const y = Float64Array.from(P.y);
  const params = { inverseSquaredLengthScales: Float64Array.from(P.lengthScale, (l) => 1 / (l * l)), kernelScale: P.kernelScale, noiseVar: P.noiseVar };

  it('matches scikit-learn GaussianProcessRegressor (Matern nu=2.5, fixed kernel) mean and std', () => {
    const post = new GpPosterior(x, y, new Uint8Array(d), params);
    P.Xq.forEach((q, i) => {
      const p = post.predict(Float64Array.from(q));
      expect(p.mean).toBeCloseTo(P.mean[i], 10);
      expect(Math.sqrt(p.variance)).toBeCloseTo(P.std[i], 8);
    });
  });

  it('interpolates noiseless data: mean = y and variance ~ 0 at the training points', () => {
    const post = new GpPosterior(x, y, new Uint8Array(d), { ...params, noiseVar: 1e-10 });
    for (let i = 0; i < y.length; i++) {
      const p = post.predict(x.subarray(i * d, (i + 1) * d));
      expect(p.mean).toBeCloseTo(y[i], 6);
      expect(p.variance).toBeLessThan(1e-8);
    }
  });

  it('gives mean and variance gradients that match finite differences', () => {
    const cat = Uint8Array.from([0, 0, 1]);
    const prob = problem(15, 3, cat, false, 11);
    const post = new GpPosterior(prob.x, prob.y, cat, { inverseSquaredLengthScales: Float64Array.from([4, 1.5, 0.7]), kernelScale: 1.3, noiseVar: 1e-4 });
    const q = Float64Array.from([0.37, 0.61, 1]);
    const dm = new Float64Array(3);
    const dv = new Float64Array(3);
    const base = post.predictWithGradient(q, dm, dv);
    expect(base.mean).toBeCloseTo(post.predict(q).mean, 12);
    expect(base.variance).toBeCloseTo(post.predict(q).variance, 12);
    for (let j = 0; j < 2; j++) {
      const h = 1e-6;
      const qp = Float64Array.from(q);
      const qm = Float64Array.from(q);
      qp[j] += h;
      qm[j] -= h;
      const a = post.predict(qp);
      const b = post.predict(qm);
      expect(dm[j]).toBeCloseTo((a.mean - b.mean) / (2 * h), 6);
      expect(dv[j]).toBeCloseTo((a.variance - b.variance) / (2 * h), 6);
    }
    expect(dm[2]).toBe(0);
  });

  it('Kriging believer: a pending point keeps its mean and loses its variance', () => {
    const post = new GpPosterior(x, y, new Uint8Array(d), params);
    const pend = Float64Array.from([0.5, 0.5]);
    const before = post.predict(pend);
    const after = post.withPending(pend).predict(pend);
    expect(after.mean).toBeCloseTo(before.mean, 4);
    expect(after.variance).toBeLessThan(before.variance * 0.01);
  });
});
