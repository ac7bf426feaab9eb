/**
 * The TPE numeric core against Optuna 3.1 itself: tests/fixtures/optuna/parzen.json is written by
 * scripts/fixtures/optuna_parzen.py from Debian's python3-optuna (never edited by hand).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erf, erfc, logNdtr } from '../../../../src/search/erf';
import { logGaussMass, truncnormPpf } from '../../../../src/search/tpe/truncnorm';
import { DEFAULT_PARZEN, ParzenEstimator, defaultGamma, defaultWeights, type TpeDistribution } from '../../../../src/search/tpe/parzen';
import { splitObservations } from '../../../../src/search/tpe/split';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
const n = (v: Num): number => (typeof v === 'number' ? v : Number(v));
interface Case {
  name: string;
  multivariate: boolean;
  considerEndpoints: boolean;
  priorWeight: number;
  names: string[];
  dists: TpeDistribution[];
  observations: number[][];
  weights: Num[];
  mus: (Num[] | null)[];
  sigmas: (Num[] | null)[];
  categorical: (Num[][] | null)[];
  points: number[][];
  logPdf: Num[];
}
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/optuna/parzen.json', import.meta.url), 'utf8')) as {
  erf: [number, number, number][];
  logNdtr: [number, number][];
  logGaussMass: [number, number, number][];
  ppf: [number, number, number, number][];
  gamma: Record<string, number>;
  weights: Record<string, Num[]>;
  cases: Case[];
  splits: { keys: [Num, Num][]; nBelow: number; below: number[]; above: number[] }[];
};

/** Relative closeness, with an absolute floor for values near 0. */
function close(got: number, want: number, rel: number): void {
  if (!Number.isFinite(want)) {
    expect(got).toBe(want);
    return;
  }
  expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));
}

describe('erf and the normal tails (vs Python math / Optuna _truncnorm)', () => {
  it('erf and erfc', () => {
    for (const [x, e, c] of fx.erf) {
      close(erf(x), e, 2e-15);
      // erfc relative to its own size where it is tiny
      expect(Math.abs(erfc(x) - c)).toBeLessThanOrEqual(1e-13 * Math.abs(c) + 1e-300);
    }
  });
  it('log Phi, log Gaussian mass, truncated quantile', () => {
    for (const [x, v] of fx.logNdtr) close(logNdtr(x), v, 1e-12);
    for (const [a, b, v] of fx.logGaussMass) close(logGaussMass(a, b), v, 1e-11);
    for (const [q, a, b, v] of fx.ppf) close(truncnormPpf(q, a, b), v, 1e-12);
  });
});

describe("Optuna's constants", () => {
  it('gamma(n) = min(ceil(0.1 n), 25) and the weights ramp', () => {
    for (const [k, v] of Object.entries(fx.gamma)) expect(defaultGamma(Number(k))).toBe(v);
    for (const [k, v] of Object.entries(fx.weights)) {
      const got = Array.from(defaultWeights(Number(k)));
      expect(got).toHaveLength(v.length);
      got.forEach((g, i) => close(g, n(v[i]), 1e-15));
    }
  });
});

describe('Parzen estimator (vs Optuna 3.1 _ParzenEstimator)', () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const pe = new ParzenEstimator(
        c.observations.map((o) => Float64Array.from(o)),
        c.dists,
        // normalizeScale: false is Optuna 3.1's density (no -log sigma term); see ParzenParameters.
        { ...DEFAULT_PARZEN, multivariate: c.multivariate, considerEndpoints: c.considerEndpoints, priorWeight: c.priorWeight, normalizeScale: false },
      );
      expect(pe.weights).toHaveLength(c.weights.length);
      pe.weights.forEach((w, i) => close(w, n(c.weights[i]), 1e-14));
      c.dists.forEach((d, j) => {
        if (d.kind === 'categorical') {
          const want = c.categorical[j]!;
          const got = pe.categorical[j]!;
          want.forEach((row, r) => row.forEach((v, k) => close(got[r * d.n + k], n(v), 1e-14)));
        } else {
          const { mus, sigmas } = pe.numeric[j]!;
          c.mus[j]!.forEach((v, i) => close(mus[i], n(v), 1e-13));
          c.sigmas[j]!.forEach((v, i) => close(sigmas[i], n(v), 1e-13));
        }
      });
      const lp = pe.logPdf(c.points.map((p) => Float64Array.from(p)));
      c.logPdf.forEach((v, i) => close(lp[i], n(v), 1e-10));
    });
  }
});

describe('split into l(x) and g(x) (vs Optuna _split_observation_pairs)', () => {
  it('matches on ties, pruned steps and pending trials', () => {
    for (const s of fx.splits) {
      const keys = s.keys.map(([k, v]) => ({ stepKey: n(k), value: n(v) }));
      const got = splitObservations(keys, s.nBelow);
      expect(got.below).toEqual(s.below);
      expect(got.above).toEqual(s.above);
    }
  });
});

describe('the corrected density (normalizeScale: true, not the default)', () => {
  it('integrates to 1 over the range, unlike Optuna 3.1 whose components ignore their width', () => {
    const d: TpeDistribution = { kind: 'float', low: -5, high: 10, step: null, log: false };
    const obs = [Float64Array.of(1, -2.5, 7.25, 3, 3.5)];
    const integrate = (normalizeScale: boolean): number => {
      const pe = new ParzenEstimator(obs, [d], { ...DEFAULT_PARZEN, normalizeScale });
      const n = 20000;
      const xs = Float64Array.from({ length: n }, (_, i) => -5 + ((i + 0.5) * 15) / n);
      return pe.logPdf([xs]).reduce((s, lp) => s + Math.exp(lp) * (15 / n), 0);
    };
    expect(integrate(true)).toBeCloseTo(1, 6);
    expect(Math.abs(integrate(false) - 1)).toBeGreaterThan(0.5);
  });
});
