/**
 * EM parity with scikit-learn 1.2.1 from the SAME initial parameters (weights_init, means_init, precisions_init):
 * the test-only `fixed` start of fitMixture. Covers every covariance type, converged (tol 1e-3) and after exactly 10
 * iterations (tol 0), on iris standardised and a blob set.
 */
import { describe, it, expect } from 'vitest';
import { debugKernels } from '../../../helpers/debug-kernels';
import { fitMixture } from '../../../../src/estimators/mixture/fit';
import { nParameters } from '../../../../src/estimators/mixture/gmm-math';
import { getMetric } from '../../../../src/metrics';
import { datasetRows, gmmReference, sideOf } from './reference';

function expectClose(ours: ArrayLike<number>, ref: number[], rel: number, what: string): number {
  expect(ours.length, what).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(ours[i] - ref[i]) / Math.max(1, Math.abs(ref[i]));
    worst = Math.max(worst, err);
  }
  expect(worst, what).toBeLessThanOrEqual(rel);
  return worst;
}

describe('gaussian-mixture EM from scikit-learn\'s initial parameters', () => {
  for (const c of gmmReference.fixed) {
    it(`${c.dataset} ${c.covariance_type} ${c.run}`, () => {
      const kernels = debugKernels();
      const rows = datasetRows(c.dataset);
      const side = sideOf(kernels, rows);
      const s = {
        nComponents: c.n_components, covarianceType: c.covariance_type, regCovar: c.reg_covar, tol: c.tol, maxIter: c.max_iter,
      };
      const { fit, score } = fitMixture(kernels, side, s, [], side, true, {
        weights: Float64Array.from(c.init_weights),
        means: Float64Array.from(c.init_means),
        covariances: null,
        precisionsCholesky: Float64Array.from(c.init_precisions_cholesky),
      });
      expect(fit.nIter).toBe(c.n_iter);
      expect(fit.converged).toBe(c.converged);
      // Measured: every value within 1e-12 (relative, or absolute below 1); 1e-10 leaves room for other engines' Math.log.
      const tol = 1e-10;
      expectClose([fit.lowerBound], [c.lower_bound], tol, 'lowerBound');
      expectClose(fit.weights, c.weights, tol, 'weights');
      expectClose(fit.means, c.means, tol, 'means');
      expectClose(fit.covariances!, c.covariances, tol, 'covariances');
      expectClose(fit.precisionsCholesky, c.precisions_cholesky, tol, 'precisionsCholesky');
      expectClose([score!.logLikelihood], [c.score], tol, 'score');
      expect(Array.from(score!.labels)).toEqual(c.predict);
      expectClose(score!.resp!.subarray(0, c.predict_proba_rows * c.n_components), c.predict_proba, tol, 'predict_proba');
      // bic / aic through the metrics, from what the model reports.
      const p = nParameters(c.covariance_type, c.n_components, rows[0].length);
      expect(p).toBe(c.n_parameters);
      const input = { yTrue: null, yPred: score!.labels, logLikelihood: score!.logLikelihood, nParameters: p };
      expectClose([getMetric('bic').compute(input)], [c.bic], tol, 'bic');
      expectClose([getMetric('aic').compute(input)], [c.aic], tol, 'aic');
    });
  }
});
