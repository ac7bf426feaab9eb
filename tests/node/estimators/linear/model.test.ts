/**
 * The linear models through the public tune() (node workers; run `npm run build` first): the refit model's predictions
 * equal a hand computation from result.model.parameters (and its preprocessing), learned parameters have the documented
 * shape, bad hyperparameters are rejected up front, and a failed fit is recorded as a failed trial.
 */
import { describe, it, expect } from 'vitest';
import { tune, TuneError } from '../../../../src/index.node';
import type { FittedModel, TuneOptions } from '../../../../src/index.node';
import { loadDataset } from '../../../helpers/fixtures';

const diabetes = loadDataset('diabetes');
const wine = loadDataset('wine');
const cancer = loadDataset('breast_cancer');

/** Rows as the model sees them: z-scored with the refit's own scaler when it has one. */
function modelRows(model: FittedModel, X: number[][]): number[][] {
  const s = model.preprocessing;
  return s ? X.map((r) => r.map((v, j) => (v - s.mean[j]) / s.scale[j])) : X;
}

function linearScores(rows: number[][], coef: Float64Array, intercept: number[], K: number): number[][] {
  const d = rows[0].length;
  return rows.map((r) => Array.from({ length: K }, (_, k) => r.reduce((s, v, j) => s + v * coef[k * d + j], intercept[k])));
}

describe('result.model of the linear regressors', () => {
  const cases: { model: TuneOptions['model']; space: TuneOptions['space']; preprocess: 'none' | 'standardize' }[] = [
    { model: 'linear-regression', space: { fitIntercept: [true, false] }, preprocess: 'none' },
    { model: 'ridge', space: { alpha: [0.01, 1, 10] }, preprocess: 'standardize' },
    { model: 'lasso', space: { alpha: [0.01, 0.1] }, preprocess: 'none' },
    { model: 'elastic-net', space: { alpha: [0.01, 0.1], l1Ratio: [0.2, 0.8] }, preprocess: 'standardize' },
  ];
  for (const c of cases) {
    it(`${c.model} (${c.preprocess}): predict equals X coef + intercept from the learned parameters`, async () => {
      const result = await tune({
        model: c.model, data: { X: diabetes.X, y: diabetes.y }, space: c.space, cv: { folds: 3 }, preprocess: c.preprocess, seed: 3,
      });
      expect(result.trials.every((t) => t.status === 'ok')).toBe(true);
      const model = result.model!;
      const p = model.parameters;
      expect(p.coef).toBeInstanceOf(Float64Array);
      expect((p.coef as Float64Array).length).toBe(10);
      expect(p.cols).toBe(10);
      expect(typeof p.intercept).toBe('number');
      expect(typeof p.nIter).toBe('number');
      expect(p.converged).toBe(true);
      expect(model.preprocessing !== null).toBe(c.preprocess === 'standardize');
      const hand = linearScores(modelRows(model, diabetes.X), p.coef as Float64Array, [p.intercept as number], 1).map((r) => r[0]);
      const pred = model.predict(diabetes.X);
      hand.forEach((v, i) => expect(Math.abs(pred[i] - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v))));
      // A fitted linear model on diabetes explains a good part of the variance on its own training rows.
      expect(model.score(diabetes.X, diabetes.y, 'r2')).toBeGreaterThan(0.4);
    });
  }
});

describe('result.model of logistic regression', () => {
  it('multinomial (wine): probabilities are the softmax of the learned scores, labels their argmax', async () => {
    const result = await tune({
      model: 'logistic-regression', data: { X: wine.X, y: wine.y }, space: { C: [0.1, 1] }, cv: { folds: 3 },
      preprocess: 'standardize', scoring: ['accuracy', 'logLoss'], seed: 1,
    });
    const model = result.model!;
    const p = model.parameters;
    expect(p.multinomial).toBe(true);
    expect(Array.from(p.classes as Float64Array)).toEqual([0, 1, 2]);
    expect((p.coef as Float64Array).length).toBe(3 * 13);
    expect((p.intercept as Float64Array).length).toBe(3);
    const scores = linearScores(modelRows(model, wine.X), p.coef as Float64Array, Array.from(p.intercept as Float64Array), 3);
    const proba = model.predictProba(wine.X);
    const labels = model.predict(wine.X);
    scores.forEach((z, i) => {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, v) => a + v, 0);
      e.forEach((v, k) => expect(Math.abs(proba[i * 3 + k] - v / sum)).toBeLessThan(1e-12));
      expect(labels[i]).toBe(z.indexOf(m));
    });
    // Training accuracy of a regularised multinomial model on standardised wine.
    expect(model.score(wine.X, wine.y, 'accuracy')).toBeGreaterThan(0.95);
  });

  it('binary (breast cancer, L1): sigmoid of one coefficient vector, positive class when the score is > 0', async () => {
    const result = await tune({
      model: 'logistic-regression', data: { X: cancer.X, y: cancer.y }, space: { C: [0.1, 1], penalty: ['l1'] },
      cv: { folds: 3 }, preprocess: 'standardize', seed: 2,
    });
    const model = result.model!;
    const p = model.parameters;
    expect(p.multinomial).toBe(false);
    expect((p.coef as Float64Array).length).toBe(30);
    expect(typeof p.intercept).toBe('number');
    const scores = linearScores(modelRows(model, cancer.X), p.coef as Float64Array, [p.intercept as number], 1);
    const proba = model.predictProba(cancer.X);
    const labels = model.predict(cancer.X);
    scores.forEach(([z], i) => {
      expect(Math.abs(proba[2 * i + 1] - 1 / (1 + Math.exp(-z)))).toBeLessThan(1e-12);
      expect(labels[i]).toBe(z > 0 ? 1 : 0);
    });
  });
});

describe('hyperparameter validation (from the schemas)', () => {
  const bad: [TuneOptions['model'], Record<string, unknown[]>, 'diabetes' | 'wine'][] = [
    ['ridge', { alpha: [1, -0.5] }, 'diabetes'],
    ['lasso', { alpha: [0] }, 'diabetes'],
    ['lasso', { maxIter: [0] }, 'diabetes'],
    ['elastic-net', { l1Ratio: [1.5] }, 'diabetes'],
    ['elastic-net', { l1Ratio: [-0.1] }, 'diabetes'],
    ['elastic-net', { tol: [0] }, 'diabetes'],
    ['linear-regression', { fitIntercept: ['yes'] }, 'diabetes'],
    ['logistic-regression', { C: [0] }, 'wine'],
    ['logistic-regression', { C: [-1] }, 'wine'],
    ['logistic-regression', { penalty: ['l3'] }, 'wine'],
    ['logistic-regression', { penalty: ['elasticnet'], l1Ratio: [2] }, 'wine'],
  ];
  for (const [model, space, ds] of bad) {
    it(`${model} rejects ${JSON.stringify(space)} with INVALID_HYPERPARAMETER`, async () => {
      const data = ds === 'wine' ? wine : diabetes;
      const run = tune({ model, data: { X: data.X, y: data.y }, space: space as TuneOptions['space'], cv: { folds: 3 } });
      await expect(run).rejects.toBeInstanceOf(TuneError);
      await expect(run).rejects.toMatchObject({ code: 'INVALID_HYPERPARAMETER' });
    });
  }

  it('the boundary values themselves are accepted (alpha 0 for ridge, l1Ratio 0 and 1)', async () => {
    const r = await tune({ model: 'ridge', data: { X: diabetes.X, y: diabetes.y }, space: { alpha: [0] }, cv: { folds: 3 } });
    expect(r.trials[0].status).toBe('ok');
    const e = await tune({
      model: 'elastic-net', data: { X: diabetes.X, y: diabetes.y }, space: { alpha: [0.01], l1Ratio: [0, 1] }, cv: { folds: 3 },
    });
    expect(e.trials.map((t) => t.status)).toEqual(['ok', 'ok']);
  });
});

describe('failed fits', () => {
  it('an overflowing fit is a failed trial with a clear message, not a NaN score', async () => {
    // 1e200 squared overflows float64: the Gram statistics are infinite for every fold.
    const X = diabetes.X.map((r, i) => [r[0] * 1e202, r[1], i % 7]);
    const result = await tune({ model: 'ridge', data: { X, y: diabetes.y }, space: { alpha: [1] }, cv: { folds: 3 } });
    const t = result.trials[0];
    expect(t.status).toBe('failed');
    expect(t.error).toMatch(/not finite/);
    expect(result.best).toBeNull();
  });
});
