/**
 * Continuing an MLP fit from a checkpoint (TrainContext.checkpoint: halving / Hyperband on epochs promote a trial
 * without retraining it): maxIter 3 kept, then continued to maxIter 8, equals one fresh fit to 8 bit for bit, with
 * shuffles, dropout masks, adam / Nesterov buffers, the invscaling and adaptive rates and early stopping's best epoch.
 */
import { describe, it, expect } from 'vitest';
import { createKernels } from '../../../../src/worker/kernels';
import { mlpClassifier } from '../../../../src/estimators/neural_network/mlp-classifier';
import { mlpRegressor } from '../../../../src/estimators/neural_network/mlp-regressor';
import type { EstimatorDef, Learned, TrainContext } from '../../../../src/estimators/types';
import type { Params } from '../../../../src/types';
import { context, residentDataset, type Resident } from './helpers';

const kernels = createKernels();
const iris = residentDataset(kernels, 'iris');
const diabetes = residentDataset(kernels, 'diabetes', true);

const withCheckpoint = (seed: number, classes: Float64Array | null, checkpoint: TrainContext['checkpoint']): TrainContext => ({
  ...context(kernels, seed, classes),
  checkpoint,
});

function freshAndResumed(def: EstimatorDef, data: Resident, params: Params, first: number, last: number) {
  const classes = def.kind === 'classifier' ? data.classes : null;
  const fresh = def.trainer.fit(context(kernels, 5, classes), data.side, { ...params, maxIter: last });
  const cp1: TrainContext['checkpoint'] = { from: null, keep: true };
  const partial = def.trainer.fit(withCheckpoint(5, classes, cp1), data.side, { ...params, maxIter: first });
  const resumed = def.trainer.fit(withCheckpoint(5, classes, { from: structuredClone(cp1.out), keep: false }), data.side, { ...params, maxIter: last });
  return { fresh, partial, resumed };
}

const arr = (v: Learned[string]) => Array.from(v as Float64Array);

function expectSameFit(a: Learned, b: Learned): void {
  for (const key of Object.keys(a)) {
    if (key.startsWith('coef') || key.startsWith('intercept') || key === 'lossCurve' || key === 'validationScores') expect([key, arr(b[key])]).toEqual([key, arr(a[key])]);
  }
  expect(b.nIter).toBe(a.nIter);
  expect(b.finalLearningRate).toBe(a.finalLearningRate);
}

const everyEpoch = { tol: 0, nIterNoChange: 1000 };

describe('continuing an MLP fit from a checkpoint equals a fresh fit', () => {
  const cases: [string, EstimatorDef, Resident, Params][] = [
    ['classifier, adam, shuffled', mlpClassifier, iris, { ...everyEpoch, hiddenLayerSizes: [8], batchSize: 16 }],
    ['classifier, sgd + Nesterov + invscaling + dropout', mlpClassifier, iris, { ...everyEpoch, hiddenLayerSizes: [8, 4], solver: 'sgd', learningRate: 'invscaling', learningRateInit: 0.1, dropout: 0.2, batchSize: 32 }],
    ['classifier, sgd adaptive rate dividing on stalls', mlpClassifier, iris, { hiddenLayerSizes: [6], solver: 'sgd', learningRate: 'adaptive', tol: 10, nIterNoChange: 1, batchSize: 50 }],
    ['classifier, early stopping keeps the best epoch', mlpClassifier, iris, { ...everyEpoch, hiddenLayerSizes: [8], earlyStopping: true, validationFraction: 0.2, batchSize: 16 }],
    ['regressor, adam, hypergradient rate', mlpRegressor, diabetes, { ...everyEpoch, hiddenLayerSizes: [10], learningRate: 'hypergradient', batchSize: 64 }],
  ];
  for (const [name, def, data, params] of cases) {
    it(name, () => {
      const { fresh, partial, resumed } = freshAndResumed(def, data, params, 3, 8);
      expect(partial.nIter).toBe(3);
      expect(fresh.nIter).toBe(8);
      expectSameFit(fresh, resumed);
    });
  }

  it('a fit that converged at the first rung is not trained further', () => {
    const { fresh, partial, resumed } = freshAndResumed(mlpClassifier, iris, { hiddenLayerSizes: [4], tol: 1e6, nIterNoChange: 1 }, 6, 20);
    expect(partial.nIter).toBeLessThan(6);
    expectSameFit(fresh, resumed);
  });

  it('a checkpoint of other settings is refused', () => {
    const cp: TrainContext['checkpoint'] = { from: null, keep: true };
    mlpClassifier.trainer.fit(withCheckpoint(5, iris.classes, cp), iris.side, { hiddenLayerSizes: [4], maxIter: 2 });
    expect(() =>
      mlpClassifier.trainer.fit(withCheckpoint(5, iris.classes, { from: cp.out, keep: false }), iris.side, { hiddenLayerSizes: [5], maxIter: 4 }),
    ).toThrow(/checkpoint/);
  });
});
