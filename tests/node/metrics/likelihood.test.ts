import { describe, expect, it } from 'vitest';
import { getMetric } from '../../../src/metrics';
import { expectTuneError, f64 } from './helpers';

// scikit-learn: bic = -2 score n + p ln n, aic = -2 score n + 2 p, score = mean log-likelihood per row.
describe('bic, aic, logLikelihood', () => {
  const input = { yTrue: null, yPred: f64([0, 1, 1, 0]), logLikelihood: -1.5, nParameters: 7 };
  it('follow scikit-learn formulas (hand-checked: n = 4, mean ll = -1.5, p = 7)', () => {
    expect(getMetric('logLikelihood').compute(input)).toBe(-1.5);
    expect(getMetric('bic').compute(input)).toBeCloseTo(12 + 7 * Math.log(4), 12);
    expect(getMetric('aic').compute(input)).toBe(12 + 14);
  });
  it('need the likelihood the model reports', () => {
    for (const name of ['bic', 'aic', 'logLikelihood']) {
      expectTuneError(() => getMetric(name).compute({ yTrue: null, yPred: f64([0]) }), 'METRIC_NEEDS_LIKELIHOOD', /log-likelihood/);
    }
    expectTuneError(() => getMetric('bic').compute({ yTrue: null, yPred: f64([0]), logLikelihood: -1 }), 'METRIC_NEEDS_LIKELIHOOD', /gaussian-mixture/);
  });
});
