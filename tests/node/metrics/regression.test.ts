import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMetric, type MetricInput, type MetricName } from '../../../src/metrics';
import { expectClose, f64 } from './helpers';

const score = (name: MetricName, input: MetricInput): number => getMetric(name).compute(input);

/*
 * By hand: yTrue = [1, 2, 3, 4], yPred = [1, 3, 2, 6]
 *   residuals yTrue - yPred = [0, -1, 1, -2], squares [0, 1, 1, 4] -> SS_res = 6, mse = 1.5, rmse = sqrt(1.5)
 *   mae = (0 + 1 + 1 + 2) / 4 = 1
 *   mean(yTrue) = 2.5, SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5 -> r2 = 1 - 6/5 = -0.2
 *   residual mean -0.5, centred residuals [0.5, -0.5, 1.5, -1.5] -> Var = 5/4; Var(yTrue) = 5/4 -> explained 0
 */
const hand: MetricInput = { yTrue: f64([1, 2, 3, 4]), yPred: f64([1, 3, 2, 6]) };

describe('regression, hand-checked', () => {
  const cases: [MetricName, number][] = [
    ['mse', 1.5],
    ['rmse', Math.sqrt(1.5)],
    ['mae', 1],
    ['r2', -0.2],
    ['explainedVariance', 0],
  ];
  for (const [name, expected] of cases) {
    it(`${name} = ${expected}`, () => expectClose(score(name, hand), expected, 1e-14, name));
  }

  it('explainedVariance ignores a constant bias, r2 does not', () => {
    // yPred = yTrue + 1: r2 = 1 - 4/5 = 0.2 (SS_res = 4), explained variance 1 (residuals constant)
    const shifted = { yTrue: hand.yTrue, yPred: f64([2, 3, 4, 5]) };
    expectClose(score('r2', shifted), 0.2, 1e-14);
    expectClose(score('explainedVariance', shifted), 1, 1e-14);
  });

  it('a constant target gives 1 for a perfect prediction, else 0 (sklearn force_finite)', () => {
    const y = f64([3, 3, 3]);
    expect(score('r2', { yTrue: y, yPred: f64([3, 3, 3]) })).toBe(1);
    expect(score('r2', { yTrue: y, yPred: f64([3, 4, 3]) })).toBe(0);
    expect(score('explainedVariance', { yTrue: y, yPred: f64([3, 3, 3]) })).toBe(1);
    expect(score('explainedVariance', { yTrue: y, yPred: f64([3, 4, 3]) })).toBe(0);
  });

  it('a NaN prediction gives NaN (ranks worst) rather than a finite score', () => {
    for (const name of ['mse', 'rmse', 'mae', 'r2', 'explainedVariance'] as const) {
      expect(score(name, { yTrue: f64([1, 2]), yPred: f64([1, NaN]) }), name).toBeNaN();
      expect(score(name, { yTrue: f64([3, 3]), yPred: f64([3, NaN]) }), name).toBeNaN();
    }
  });

  it('empty input gives NaN', () => {
    for (const name of ['mse', 'rmse', 'mae', 'r2', 'explainedVariance'] as const) {
      expect(score(name, { yTrue: f64([]), yPred: f64([]) }), name).toBeNaN();
    }
  });
});

const finite = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const pairs = fc
  .integer({ min: 1, max: 50 })
  .chain((n) =>
    fc.tuple(fc.array(finite, { minLength: n, maxLength: n }), fc.array(finite, { minLength: n, maxLength: n })),
  )
  .map(([t, p]): MetricInput => ({ yTrue: f64(t), yPred: f64(p) }));

describe('regression properties', () => {
  it('mse >= 0, rmse^2 = mse, mae <= rmse', () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const m = score('mse', input);
        const r = score('rmse', input);
        expect(m).toBeGreaterThanOrEqual(0);
        expectClose(r * r, m, 1e-12);
        expect(score('mae', input)).toBeLessThanOrEqual(r * (1 + 1e-12) + 1e-12);
      }),
    );
  });

  it('r2 = explainedVariance = 1 and errors = 0 for perfect predictions', () => {
    fc.assert(
      fc.property(pairs, ({ yTrue }) => {
        const input = { yTrue, yPred: yTrue! };
        expect(score('r2', input)).toBe(1);
        expect(score('explainedVariance', input)).toBe(1);
        expect(score('mse', input)).toBe(0);
        expect(score('mae', input)).toBe(0);
      }),
    );
  });

  it('r2 <= 1 and explainedVariance >= r2 (the difference is the squared mean residual over Var(yTrue))', () => {
    fc.assert(
      fc.property(pairs, (input) => {
        const r2 = score('r2', input);
        const ev = score('explainedVariance', input);
        expect(r2).toBeLessThanOrEqual(1);
        expect(ev).toBeGreaterThanOrEqual(r2 - 1e-9 * Math.max(1, Math.abs(r2)));
      }),
    );
  });
});
