/**
 * Exact parity with scikit-learn 1.2.1 (tests/fixtures/reference/wave2/mlp_trajectories.json): from the same initial
 * weights, without shuffling, the loss of every epoch and the final weights agree to ~1e-10 relative. This pins the
 * forward pass, backprop, the L2 term, adam and sgd (momentum, Nesterov, invscaling). Runs on the DEBUG wasm (asserts
 * on); the initial weights go in through the engine's test-only `initial` argument.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { debugKernels } from '../../../helpers/debug-kernels';
import { fitMlp } from '../../../../src/estimators/neural_network/mlp-fit';
import { mlpSettings } from '../../../../src/estimators/neural_network/mlp-schema';
import { classifierProblem } from '../../../../src/estimators/neural_network/mlp-classifier';
import { regressorProblem } from '../../../../src/estimators/neural_network/mlp-regressor';
import type { Params } from '../../../../src/types';
import { residentDataset } from './helpers';

interface TrajectoryCase {
  case: string;
  dataset: string;
  target_standardized: boolean;
  estimator: 'MLPClassifier' | 'MLPRegressor';
  params: Record<string, number | string | boolean | number[]>;
  epochs: number;
  initial: { coefs: number[][][]; intercepts: number[][] };
  loss_curve: number[];
  final: { coefs: number[][][]; intercepts: number[][] };
}

const cases = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/reference/wave2/mlp_trajectories.json', import.meta.url)), 'utf8'),
) as TrajectoryCase[];

/** scikit-learn's coefs_/intercepts_ in the engine's flat layout (per layer: weights row-major, then biases). */
function flatten(w: { coefs: number[][][]; intercepts: number[][] }): Float64Array {
  const out: number[] = [];
  w.coefs.forEach((c, l) => {
    for (const row of c) out.push(...row);
    out.push(...w.intercepts[l]);
  });
  return Float64Array.from(out);
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function paramsOf(c: TrajectoryCase): Params {
  const p: Params = { maxIter: c.epochs, shuffle: false, tol: 0, nIterNoChange: 1000 };
  for (const [k, v] of Object.entries(c.params)) p[camel(k)] = v;
  return p;
}

/** Largest |a - b| / max(|b|, 1e-3) over the entries: relative, with a floor for entries near zero. */
function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
  return worst;
}

describe('MLP trajectories match scikit-learn 1.2.1 from the same initial weights', () => {
  const kernels = debugKernels();
  it('has the four reference cases', () => {
    expect(cases.map((c) => c.case)).toEqual(['mlp_adam_relu_iris', 'mlp_sgd_tanh_momentum_bc', 'mlp_adam_logistic_wine', 'mlpreg_adam_relu_diabetes']);
  });
  for (const c of cases) {
    it(`${c.case}: loss per epoch and final weights`, () => {
      const data = residentDataset(kernels, c.dataset, c.target_standardized);
      const problem = c.estimator === 'MLPClassifier' ? classifierProblem(data.side, data.classes) : regressorProblem(data.side);
      const s = mlpSettings(paramsOf(c));
      const fit = fitMlp(kernels, problem, s, 1, flatten(c.initial));
      expect(fit.state.lossCurve).toHaveLength(c.loss_curve.length);
      expect(maxRelError(fit.state.lossCurve, c.loss_curve)).toBeLessThan(1e-10);
      expect(maxRelError(fit.theta, flatten(c.final))).toBeLessThan(1e-10);
      // The seed plays no part without shuffling when the weights are given.
      const again = fitMlp(kernels, problem, s, 99, flatten(c.initial));
      expect(Array.from(again.theta)).toEqual(Array.from(fit.theta));
    });
  }
});
