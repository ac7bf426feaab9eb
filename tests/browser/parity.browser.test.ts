/**
 * A representative subset of the scikit-learn parity cases, run in Chromium through real Web Workers (the node
 * project runs all of them): an exact solver, two coordinate-descent models, a Newton solver, and k-means.
 * Tolerances from tests/fixtures/reference/README.md: exact ~1e-9, converged iterative ~1e-4 in score.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, int } from '../../src/index';
import { parseCsv } from '../helpers/csv';
import { expectParity, runReferenceCase } from '../helpers/parity';
import type { ReferenceCase } from '../helpers/reference';
import diabetesCsv from '../fixtures/datasets/diabetes.csv?raw';
import breastCancerCsv from '../fixtures/datasets/breast_cancer.csv?raw';
import irisCsv from '../fixtures/datasets/iris.csv?raw';
import ridgeRef from '../fixtures/reference/ridge_diabetes.json';
import lassoRef from '../fixtures/reference/lasso_diabetes.json';
import enetRef from '../fixtures/reference/elasticnet_diabetes.json';
import logregRef from '../fixtures/reference/logreg_l2_breast_cancer_std.json';

const diabetes = parseCsv(diabetesCsv);
const breastCancer = parseCsv(breastCancerCsv);
const iris = parseCsv(irisCsv);
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

const cases: [string, ReferenceCase, ReturnType<typeof parseCsv>, string, number][] = [
  ['ridge on diabetes (exact solve)', ridgeRef as ReferenceCase, diabetes, 'ridge', 1e-9],
  ['lasso on diabetes (coordinate descent, default tol)', lassoRef as ReferenceCase, diabetes, 'lasso', 1e-4],
  ['elastic net on diabetes', enetRef as ReferenceCase, diabetes, 'elastic-net', 1e-4],
  ['L2 logistic regression on breast cancer, standardised per fold', logregRef as ReferenceCase, breastCancer, 'logistic-regression', 1e-4],
];

describe('parity with scikit-learn in Chromium workers', () => {
  for (const [name, ref, data, model, tol] of cases) {
    it(name, async () => {
      const result = await runReferenceCase(tune, ref, data, model, { pool });
      expect(result.trials).toHaveLength(ref.candidates.length);
      expectParity(result, ref, tol);
      expect(result.best!.index).toBe(result.trials.find((t) => t.rank === 1)!.index);
      expect(result.best!.score).toBeCloseTo(ref.candidates[ref.best_index].mean[ref.scoring[0]], -Math.log10(tol));
    });
  }

  it('k-means on iris without CV: Calinski-Harabasz as scikit-learn computes it, best k = 3', async () => {
    const result = await tune({
      model: 'kmeans',
      data: { X: iris.X },
      space: { nClusters: int(2, 3) },
      scoring: 'calinskiHarabasz',
      seed: 0,
      pool,
    });
    const ch = new Map(result.trials.map((t) => [t.params.nClusters, t.meanScore]));
    // scikit-learn 1.2.1 KMeans(n_init=10) on iris, then calinski_harabasz_score.
    expect(ch.get(2)).toBeCloseTo(513.92454598, 6);
    expect(ch.get(3)).toBeCloseTo(561.62775663, 6);
    expect(result.best!.params.nClusters).toBe(3);
  });
});
