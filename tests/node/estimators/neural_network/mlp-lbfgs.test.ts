/**
 * solver 'lbfgs' (src/estimators/neural_network/mlp-lbfgs.ts): the full-batch loss and gradient it minimises (checked
 * against central differences), and the fits' quality against scikit-learn's lbfgs over random_state 0..7
 * (mlp_lbfgs_seeds.json, scripts/fixtures/mlp_lbfgs_seeds.py). Line searches and random streams differ, so the
 * comparison is statistical: seed-averaged CV accuracy within 0.02, training loss as low as scikit-learn's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, afterAll } from 'vitest';
import { createKernels } from '../../../../src/worker/kernels';
import { fitMlp } from '../../../../src/estimators/neural_network/mlp-fit';
import { mlpSettings } from '../../../../src/estimators/neural_network/mlp-schema';
import { classifierProblem } from '../../../../src/estimators/neural_network/mlp-classifier';
import { mlpClassifier } from '../../../../src/estimators/neural_network/mlp-classifier';
import { tune, createPool } from '../../../../src/index.node';
import { residentDataset } from './helpers';
import { withMlpObjective } from '../../../../src/estimators/neural_network/mlp-lbfgs';
import { initialTheta } from '../../../../src/estimators/neural_network/mlp-init';
import { createRng } from '../../../../src/rng';
import { loadDataset } from '../../../helpers/fixtures';

interface LbfgsCase {
  dataset: string;
  params: { hidden_layer_sizes: number[]; alpha: number };
  fold_ids: number[];
  cv_means: number[];
  cv_mean: number;
  losses: number[];
  iters: number[];
}
const ref = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/reference/wave2/mlp_lbfgs_seeds.json', import.meta.url)), 'utf8')) as {
  seeds: number[];
  cases: LbfgsCase[];
};

const kernels = createKernels();
const iris = residentDataset(kernels, 'iris');
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

describe("MLP solver 'lbfgs'", () => {
  it('lowers the loss at every iteration, one loss-curve value per iteration', () => {
    const base = { hiddenLayerSizes: [5], solver: 'lbfgs', alpha: 0.01, tol: 0 };
    const problem = classifierProblem(iris.side, iris.classes);
    const curve = fitMlp(kernels, problem, mlpSettings({ ...base, maxIter: 30 }), 3).state.lossCurve;
    expect(curve.length).toBe(30);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThanOrEqual(curve[i - 1]);
    expect(curve.at(-1)!).toBeLessThan(0.2);
  });

  it('the gradient it is given matches central differences of the loss (tanh, L2, softmax log loss)', () => {
    const s = mlpSettings({ hiddenLayerSizes: [3], solver: 'lbfgs', alpha: 0.1, activation: 'tanh' });
    const problem = classifierProblem(iris.side, iris.classes);
    const sizes = [4, 3, 3];
    const theta0 = initialTheta(sizes, 'glorot-uniform', 'tanh', createRng(4));
    withMlpObjective(kernels, problem, s, sizes, (fg) => {
      const grad = new Float64Array(theta0.length);
      const scratch = new Float64Array(theta0.length);
      const f0 = fg(theta0, grad);
      expect(f0).toBeGreaterThan(0);
      const h = 1e-6;
      for (let i = 0; i < theta0.length; i++) {
        const up = theta0.slice();
        const down = theta0.slice();
        up[i] += h;
        down[i] -= h;
        const numeric = (fg(up, scratch) - fg(down, scratch)) / (2 * h);
        expect(Math.abs(grad[i] - numeric), `parameter ${i}`).toBeLessThan(1e-7);
      }
      // Evaluating leaves nothing behind: the same point gives the same value.
      expect(fg(theta0, scratch)).toBe(f0);
    });
  });

  it('dropout with lbfgs is refused up front, with the fix', () => {
    expect(() => mlpClassifier.checkParams!({ ...mlpSettingsDefaults(), solver: 'lbfgs', dropout: 0.2 })).toThrow(/lbfgs.*dropout/);
  });

  for (const c of ref.cases) {
    it(`matches scikit-learn's lbfgs on ${c.dataset} ${JSON.stringify(c.params)} over ${ref.seeds.length} seeds`, async () => {
      const data = loadDataset(c.dataset);
      const params = { hiddenLayerSizes: c.params.hidden_layer_sizes, alpha: c.params.alpha, solver: 'lbfgs' };
      const means: number[] = [];
      for (const seed of ref.seeds) {
        const r = await tune({
          model: 'mlp-classifier',
          data: { X: data.X, y: data.y },
          space: { hiddenLayerSizes: [params.hiddenLayerSizes], alpha: params.alpha, solver: 'lbfgs' },
          cv: { foldIds: c.fold_ids },
          preprocess: 'standardize',
          seed,
          pool,
          refit: seed === 0,
        });
        means.push(r.trials[0].meanScore);
        if (seed === 0) {
          // Trained on all rows, the loss it reaches is as low as scikit-learn's typical one.
          const curve = r.model!.parameters.lossCurve as Float64Array;
          expect(curve.at(-1)!).toBeLessThanOrEqual(Math.max(2 * median(c.losses), 1e-3));
        }
      }
      const ours = means.reduce((a, b) => a + b, 0) / means.length;
      expect(Math.abs(ours - c.cv_mean), `ours ${ours.toFixed(4)} vs scikit-learn ${c.cv_mean.toFixed(4)}`).toBeLessThanOrEqual(0.02);
    }, 60_000);
  }
});

function mlpSettingsDefaults(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(mlpClassifier.hyperparameters).map(([k, v]) => [k, v.default]));
}
