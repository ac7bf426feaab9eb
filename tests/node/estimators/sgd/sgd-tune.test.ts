/**
 * sgd-classifier and sgd-regressor through the public tune() (worker pool, release wasm).
 */
import { describe, it, expect } from 'vitest';
import { tune } from '../../../../src/index.node';
import { createRng } from '../../../../src/rng';
import { loadDataset } from '../../../helpers/fixtures';

/** `perClass` rows around each centre (unit Gaussian noise x `spread`), labels 0..centres-1. */
function blobs(centres: number[][], perClass: number, spread: number, seed: number): { X: number[][]; y: number[] } {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  centres.forEach((c, label) => {
    for (let i = 0; i < perClass; i++) {
      X.push(c.map((v) => v + spread * rng.normal()));
      y.push(label);
    }
  });
  return { X, y };
}

describe('sgd-classifier through tune()', () => {
  it('separates two well-separated blobs perfectly with every loss', async () => {
    const data = blobs([[-4, -4, 0], [4, 4, 0]], 60, 1, 1);
    const result = await tune({
      model: 'sgd-classifier',
      data,
      space: { loss: ['hinge', 'log_loss', 'modified_huber', 'squared_hinge', 'perceptron'] },
      cv: { folds: 3, shuffle: true },
      scoring: 'accuracy',
      seed: 2,
    });
    for (const t of result.trials) {
      expect(t.status, JSON.stringify(t.params)).toBe('ok');
      expect(t.meanScore, JSON.stringify(t.params)).toBe(1);
    }
    const p = result.model!.parameters;
    expect((p.coef as Float64Array).length).toBe(3); // binary: one model, positive class = classes[1]
    expect([...(p.classes as Float64Array)]).toEqual([0, 1]);
    expect(p.nIter as number).toBeGreaterThan(0);
    expect([...result.model!.predict([[-5, -5, 0], [5, 5, 0]])]).toEqual([0, 1]);
  });

  it('one-vs-all on three blobs: perfect accuracy, one model per class, OvR-normalised probabilities', async () => {
    const data = blobs([[-6, 0], [6, 0], [0, 8]], 50, 1, 3);
    const result = await tune({
      model: 'sgd-classifier',
      data,
      space: { loss: ['log_loss'], alpha: [1e-3] },
      cv: { folds: 3, shuffle: true },
      scoring: ['accuracy', 'logLoss'],
      preprocess: 'standardize',
      seed: 4,
    });
    const t = result.trials[0];
    expect(t.status).toBe('ok');
    expect(t.meanScore).toBe(1);
    expect(t.metrics.logLoss.mean).toBeLessThan(0.2);
    const model = result.model!;
    const coef = model.parameters.coef as Float64Array;
    const intercept = model.parameters.intercept as Float64Array;
    expect(coef.length).toBe(3 * 2);
    expect(intercept.length).toBe(3);
    const rows = [[-6, 0], [6, 0], [0, 8], [0, 0]];
    const proba = model.predictProba(rows);
    // OvR: expit of each class's decision, divided by their sum (scikit-learn's _predict_proba_lr).
    const { mean, scale } = model.preprocessing!;
    rows.forEach((r, i) => {
      const z = r.map((v, f) => (v - mean[f]) / scale[f]);
      const ex = [0, 1, 2].map((c) => 1 / (1 + Math.exp(-(intercept[c] + coef[c * 2] * z[0] + coef[c * 2 + 1] * z[1]))));
      const sum = ex[0] + ex[1] + ex[2];
      ex.forEach((e, c) => expect(proba[i * 3 + c]).toBeCloseTo(e / sum, 12));
    });
    expect([...model.predict(rows.slice(0, 3))]).toEqual([0, 1, 2]);
  });

  it('breast_cancer, standardised per fold: mean accuracy above 0.95 with the defaults', async () => {
    const bc = loadDataset('breast_cancer');
    const result = await tune({
      model: 'sgd-classifier',
      data: { X: bc.X, y: bc.y },
      space: {},
      cv: { folds: 5, shuffle: true },
      preprocess: 'standardize',
      seed: 5,
    });
    expect(result.scoring).toEqual(['accuracy']);
    expect(result.trials[0].status).toBe('ok');
    expect(result.best!.score).toBeGreaterThan(0.95);
  });

  it('every optimizer with every learning rate runs and learns (breast_cancer, 20 epochs)', async () => {
    const bc = loadDataset('breast_cancer');
    const result = await tune({
      model: 'sgd-classifier',
      data: { X: bc.X, y: bc.y },
      space: {
        optimizer: ['sgd', 'momentum', 'adam'],
        learningRate: ['constant', 'optimal', 'invscaling', 'adaptive'],
        loss: ['log_loss'],
        eta0: [0.001],
        alpha: [0.01],
        epochs: [20],
        batchSize: [1, 16],
      },
      cv: { folds: 3, shuffle: true },
      preprocess: 'standardize',
      seed: 6,
    });
    expect(result.trials).toHaveLength(24);
    for (const t of result.trials) {
      expect(t.status, `${JSON.stringify(t.params)}: ${t.error}`).toBe('ok');
      expect(t.meanScore, JSON.stringify(t.params)).toBeGreaterThan(0.9);
    }
  });

  it('a hinge-loss classifier gives no probabilities: a probability metric is rejected up front', async () => {
    const data = blobs([[-2, 0], [2, 0]], 20, 1, 7);
    await expect(
      tune({ model: 'sgd-classifier', data, space: { loss: ['hinge'] }, cv: { folds: 2 }, scoring: 'logLoss' }),
    ).rejects.toMatchObject({ code: 'METRIC_NEEDS_PROBA' });
  });
});

describe('sgd-regressor through tune()', () => {
  it('recovers the coefficients of noiseless linear data', async () => {
    const rng = createRng(8);
    const X = Array.from({ length: 400 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = X.map((r) => 3 * r[0] - 2 * r[1] + 0.5 * r[2] + 1);
    const result = await tune({
      model: 'sgd-regressor',
      data: { X, y },
      space: { penalty: [null], epochs: [200] },
      cv: { folds: 3, shuffle: true },
      scoring: ['r2', 'mse'],
      seed: 9,
    });
    const t = result.trials[0];
    expect(t.status).toBe('ok');
    expect(t.meanScore).toBeGreaterThan(0.9999);
    const p = result.model!.parameters;
    const coef = p.coef as Float64Array;
    expect(coef[0]).toBeCloseTo(3, 2);
    expect(coef[1]).toBeCloseTo(-2, 2);
    expect(coef[2]).toBeCloseTo(0.5, 2);
    expect(p.intercept as number).toBeCloseTo(1, 2);
    expect(result.model!.predict([[1, 1, 1]])[0]).toBeCloseTo(2.5, 1);
  });

  it('huber and the epsilon-insensitive losses fit a noiseless line', async () => {
    const rng = createRng(10);
    const X = Array.from({ length: 300 }, () => [rng.normal(), rng.normal()]);
    const y = X.map((r) => 2 * r[0] - r[1]);
    const result = await tune({
      model: 'sgd-regressor',
      data: { X, y },
      space: {
        loss: ['huber', 'epsilon_insensitive', 'squared_epsilon_insensitive'],
        epsilon: [0.1],
        penalty: [null],
        learningRate: ['constant'],
      },
      cv: { folds: 3, shuffle: true },
      scoring: 'r2',
      seed: 11,
    });
    for (const t of result.trials) {
      expect(t.status).toBe('ok');
      expect(t.meanScore, JSON.stringify(t.params)).toBeGreaterThan(0.999);
    }
  });

  it('a huge constant rate on unscaled data diverges: the trial fails with the divergence message, never a score', async () => {
    const bc = loadDataset('breast_cancer');
    const opts = {
      model: 'sgd-regressor' as const,
      data: { X: bc.X, y: bc.y },
      space: { learningRate: ['constant'], eta0: [1] },
      cv: { folds: 3 },
      scoring: 'r2',
    };
    const result = await tune(opts);
    const t = result.trials[0];
    expect(t.status).toBe('failed');
    expect(t.meanScore).toBeNaN();
    expect(t.error).toMatch(/SGD diverged at epoch \d+; lower eta0 or use learningRate 'optimal'\/'adaptive'/);
    expect(result.best).toBeNull();
    await expect(tune({ ...opts, errorScore: 'raise' })).rejects.toMatchObject({ code: 'TRIAL_FAILED' });
  });
});
