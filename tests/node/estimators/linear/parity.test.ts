/**
 * Parity with scikit-learn 1.2.1 through the public tune() (node workers; run `npm run build` first) for every reference
 * case of the linear models: every candidate, every fold, every scorer of the file, and the best candidate.
 * Tolerances (tests/fixtures/reference/README.md): exact methods (OLS, ridge) 1e-9; converged iterative methods 1e-4 in
 * score. Lasso and elastic net run with the reference's own settings (coordinate descent to tol 1e-10, enough epochs)
 * and then reach the same optimum, so they are held to 1e-8; with our defaults (tol 1e-4) they stay within 1e-4.
 */
import { describe, it, expect } from 'vitest';
import { tune } from '../../../../src/index.node';
import { bestParams, deviation, runCase } from './linear-parity';

const EXACT = 1e-9;
const ITERATIVE = 1e-4;
/** The reference fits ran coordinate descent to tol 1e-10 and converged (README); 1000 epochs are not enough for that. */
const CD_REFERENCE = { tol: [1e-10], maxIter: [100_000] };

async function check(caseName: string, model: string, tol: number, fixed: Record<string, unknown[]> = {}) {
  const { ref, result } = await runCase(tune, caseName, model, fixed);
  expect(result.trials).toHaveLength(ref.candidates.length);
  for (const t of result.trials) expect(t.status, t.error ?? '').toBe('ok');
  const d = deviation(result, ref);
  expect(d.max, `largest deviation at ${d.where}`).toBeLessThanOrEqual(tol);
  expect(bestParams(result, ref)).toEqual(ref.candidates[ref.best_index].params);
  return { ref, result, d };
}

describe('parity with scikit-learn: linear regression models', () => {
  it('linear-regression on diabetes (fitIntercept true/false): r2 and MSE to 1e-9', async () => {
    const { result } = await check('linear_regression_diabetes', 'linear-regression', EXACT);
    expect(result.model!.parameters.solver).toBe('cholesky');
  });

  it('ridge on diabetes, 13 alphas from 1e-3 to 1e3: r2 and MSE to 1e-9', async () => {
    await check('ridge_diabetes', 'ridge', EXACT);
  });

  it('lasso on diabetes with the reference settings (tol 1e-10): r2 to 1e-8', async () => {
    const { result } = await check('lasso_diabetes', 'lasso', 1e-8, CD_REFERENCE);
    expect(result.model!.parameters.converged).toBe(true);
  });

  it('elastic-net on diabetes (alpha x l1Ratio grid) with the reference settings: r2 to 1e-8', async () => {
    await check('elasticnet_diabetes', 'elastic-net', 1e-8, CD_REFERENCE);
  });

  it('lasso and elastic-net with default tol and maxIter stay within 1e-4', async () => {
    await check('lasso_diabetes', 'lasso', ITERATIVE);
    await check('elasticnet_diabetes', 'elastic-net', ITERATIVE);
  });
});

describe('parity with scikit-learn: logistic regression (default settings)', () => {
  // The largest deviations sit at C = 1000 (weakest penalty) and are scikit-learn's: its lbfgs stops slightly short of
  // the optimum there, while an independent float64 Newton solve to machine precision reproduces our numbers.
  it('binary L2 on breast cancer, standardised per fold: accuracy and log loss to 1e-4', async () => {
    const { result } = await check('logreg_l2_breast_cancer_std', 'logistic-regression', ITERATIVE);
    const p = result.model!.parameters;
    expect(p.multinomial).toBe(false);
    expect(p.converged).toBe(true);
  });

  it('multinomial L2 on wine (3 classes), standardised per fold: accuracy and log loss to 1e-4', async () => {
    const { result } = await check('logreg_l2_wine_std', 'logistic-regression', ITERATIVE);
    const p = result.model!.parameters;
    expect(p.multinomial).toBe(true);
    expect((p.coef as Float64Array).length).toBe(3 * 13);
  });

  it('binary L1 on breast cancer, standardised per fold: accuracy to 1e-4', async () => {
    const { result } = await check('logreg_l1_breast_cancer_std', 'logistic-regression', ITERATIVE, { penalty: ['l1'] });
    // L1 gives exact zeros in the refit model.
    const coef = result.model!.parameters.coef as Float64Array;
    expect(coef.some((v) => v === 0)).toBe(true);
  });
});
