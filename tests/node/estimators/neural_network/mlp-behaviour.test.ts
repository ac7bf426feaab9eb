/**
 * What the MLP's extras do, on the release wasm in this thread: weightInit 'zeros' cannot break symmetry, inverted
 * dropout keeps the expected activation and follows the seed, the hypergradient rate moves the right way on a toy
 * problem, training resumes by epochs exactly, the epoch hook can stop a run, batchSize is clipped to the rows.
 */
import { describe, it, expect } from 'vitest';
import { createKernels } from '../../../../src/worker/kernels';
import { createMlpState, runMlpEpochs, type MlpProblem } from '../../../../src/estimators/neural_network/mlp-engine';
import { fitMlp } from '../../../../src/estimators/neural_network/mlp-fit';
import { mlpSettings } from '../../../../src/estimators/neural_network/mlp-schema';
import { mlpClassifier, classifierProblem } from '../../../../src/estimators/neural_network/mlp-classifier';
import { mlpRegressor, regressorProblem } from '../../../../src/estimators/neural_network/mlp-regressor';
import type { FoldSide } from '../../../../src/estimators/types';
import { context, residentDataset } from './helpers';

const kernels = createKernels();
const iris = residentDataset(kernels, 'iris');
const irisProblem = classifierProblem(iris.side, iris.classes);

/** A regression side resident in memory: rows x cols of X and targets y. */
function side(X: number[], rows: number, y: number[]): FoldSide {
  return { ptr: kernels.arena.allocF64(Float64Array.from(X)), rows, cols: X.length / rows, y: Float64Array.from(y) };
}

describe("weightInit 'zeros' cannot break symmetry", () => {
  for (const activation of ['tanh', 'logistic', 'relu'] as const) {
    it(`${activation}: every hidden unit stays identical to the others; glorot-uniform's do not`, () => {
      const learned = mlpClassifier.trainer.fit(context(kernels, 1, iris.classes), iris.side, {
        hiddenLayerSizes: [5], weightInit: 'zeros', activation, maxIter: 20, learningRateInit: 0.05,
      });
      const W0 = learned.coef0 as Float64Array; // 4 x 5
      const b0 = learned.intercept0 as Float64Array;
      const W1 = learned.coef1 as Float64Array; // 5 x 3
      for (let i = 0; i < 4; i++) for (let j = 1; j < 5; j++) expect(W0[i * 5 + j]).toBe(W0[i * 5]);
      for (let j = 1; j < 5; j++) expect(b0[j]).toBe(b0[0]);
      for (let j = 1; j < 5; j++) for (let c = 0; c < 3; c++) expect(W1[j * 3 + c]).toBe(W1[c]);
      const glorot = mlpClassifier.trainer.fit(context(kernels, 1, iris.classes), iris.side, { hiddenLayerSizes: [5], activation, maxIter: 20 });
      expect((glorot.coef0 as Float64Array)[1]).not.toBe((glorot.coef0 as Float64Array)[0]);
    });
  }

  it('the normal and He initialisations draw from the seed with their own scales', () => {
    const sd = (init: string, seed: number) => {
      const s = mlpSettings({ hiddenLayerSizes: [400], weightInit: init, maxIter: 1 });
      const w = createMlpState(irisProblem, s, seed).theta.subarray(0, 4 * 400);
      return Math.sqrt(w.reduce((a, v) => a + v * v, 0) / w.length);
    };
    expect(sd('he-normal', 1)).toBeCloseTo(Math.sqrt(2 / 4), 1);
    expect(sd('glorot-normal', 1)).toBeCloseTo(Math.sqrt(2 / 404), 2);
    expect(sd('he-uniform', 1)).toBeCloseTo(Math.sqrt(6 / 4) / Math.sqrt(3), 1);
    expect(sd('glorot-uniform', 2)).toBeCloseTo(Math.sqrt(6 / 404) / Math.sqrt(3), 2);
  });
});

describe('dropout', () => {
  it('inverted dropout keeps the expected activation (the training loss of a mean of 1000 units stays near 0)', () => {
    // x = 1, 1000 identity hidden units with weight 1, output = their mean: exactly 1 without dropout; with dropout
    // 0.5 each kept unit is scaled by 2, so the output stays 1 on average (without the scaling it would be 0.5).
    const H = 1000;
    const s1 = side([1], 1, [1]);
    const problem = regressorProblem(s1);
    const initial = new Float64Array(H + H + H + 1);
    initial.fill(1, 0, H); // W0
    initial.fill(1 / H, 2 * H, 3 * H); // W1
    const loss = (dropout: number, seed: number) =>
      fitMlp(kernels, problem, mlpSettings({ hiddenLayerSizes: [H], activation: 'identity', dropout, alpha: 0, maxIter: 1, learningRateInit: 1e-300 }), seed, initial)
        .state.lossCurve[0];
    expect(loss(0, 1)).toBeCloseTo(0, 20);
    for (const seed of [1, 2, 3]) {
      expect(loss(0.5, seed)).toBeGreaterThan(0);
      expect(loss(0.5, seed)).toBeLessThan(0.005); // (output - 1)^2 / 2 with output = 2 x (kept share) ~ 1 +- 0.03
    }
    expect(loss(0.5, 1)).not.toBe(loss(0.5, 2));
  });

  it('the masks follow the seed: same seed same run, another seed another run (even without shuffling)', () => {
    const s = mlpSettings({ hiddenLayerSizes: [8], dropout: 0.3, shuffle: false, maxIter: 5 });
    const initial = createMlpState(irisProblem, s, 5).theta;
    const a = fitMlp(kernels, irisProblem, s, 1, initial).theta;
    const b = fitMlp(kernels, irisProblem, s, 1, initial).theta;
    const c = fitMlp(kernels, irisProblem, s, 2, initial).theta;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
    const none = mlpSettings({ hiddenLayerSizes: [8], shuffle: false, maxIter: 5 });
    expect(Array.from(fitMlp(kernels, irisProblem, none, 2, initial).theta)).toEqual(Array.from(fitMlp(kernels, irisProblem, none, 1, initial).theta));
  });
});

describe('dropout per hidden layer', () => {
  // x = 1 -> one identity unit (weight 1) -> H identity units (weights 1) -> output their mean (weights 1/H), target 1.
  const H = 1000;
  const s1 = side([1], 1, [1]);
  const problem = regressorProblem(s1);
  const initial = new Float64Array(1 + 1 + H + H + H + 1);
  initial[0] = 1; // W0 (1 x 1); b0 = 0
  initial.fill(1, 2, 2 + H); // W1 (1 x H); b1 = 0
  initial.fill(1 / H, 2 + 2 * H, 2 + 3 * H); // W2 (H x 1); b2 = 0
  const loss = (dropout: number | number[], seed = 1) =>
    fitMlp(kernels, problem, mlpSettings({ hiddenLayerSizes: [1, H], activation: 'identity', dropout, alpha: 0, maxIter: 1, learningRateInit: 1e-300 }), seed, initial)
      .state.lossCurve[0];

  it('each rate acts on its own layer (hand-checked): the lone unit of layer 1, or the 1000 of layer 2', () => {
    expect(loss([0, 0])).toBeCloseTo(0, 20);
    // Rate 0.5 on the single unit of layer 1: the output is 0 (dropped) or 2 (kept x 2), so the loss is exactly 0.5.
    for (const seed of [1, 2, 3]) expect(loss([0.5, 0], seed)).toBeCloseTo(0.5, 12);
    // Rate 0.5 on layer 2 only: the mean of 1000 scaled units stays ~1.
    for (const seed of [1, 2, 3]) {
      expect(loss([0, 0.5], seed)).toBeGreaterThan(0);
      expect(loss([0, 0.5], seed)).toBeLessThan(0.005);
    }
  });

  it('one number is every layer at that rate (bit for bit); all-zero rates are no dropout', () => {
    const fit = (dropout: number | number[]) =>
      Array.from(fitMlp(kernels, irisProblem, mlpSettings({ hiddenLayerSizes: [8, 6], dropout, shuffle: false, maxIter: 5 }), 3).theta);
    expect(fit([0.3, 0.3])).toEqual(fit(0.3));
    expect(fit([0, 0])).toEqual(fit(0));
    expect(fit([0.3, 0])).not.toEqual(fit(0.3));
    expect(fit([0.3, 0])).not.toEqual(fit(0));
    expect(fit([0, 0.3])).not.toEqual(fit([0.3, 0]));
  });
});

describe("learningRate 'hypergradient'", () => {
  // y = 3 x on 20 rows, a linear network (identity activation, one hidden unit), full batches.
  const xs = Array.from({ length: 20 }, (_, i) => (i - 9.5) / 6);
  const toy: MlpProblem = regressorProblem(side(xs, 20, xs.map((x) => 3 * x)));
  const run = (solver: string, rate: number, extra = {}) =>
    fitMlp(
      kernels, toy,
      mlpSettings({ hiddenLayerSizes: [1], activation: 'identity', solver, learningRate: 'hypergradient', learningRateInit: rate, batchSize: 20, maxIter: 30, alpha: 0, shuffle: false, tol: 0, nIterNoChange: 1000, momentum: 0, ...extra }),
      1,
    );

  it('sgd: a rate far too small grows (successive gradients agree); its loss ends lower than at the fixed rate', () => {
    // beta is small against the gradients' scale (|g| ~ 10 at the start): hypergradient descent is unstable otherwise.
    const fit = run('sgd', 1e-3, { hypergradientRate: 1e-5 });
    const rate = fit.state.st[0];
    expect(rate).toBeGreaterThan(1e-3);
    const fixed = fitMlp(kernels, toy, mlpSettings({ hiddenLayerSizes: [1], activation: 'identity', solver: 'sgd', learningRateInit: 1e-3, batchSize: 20, maxIter: 30, alpha: 0, shuffle: false, tol: 0, nIterNoChange: 1000, momentum: 0 }), 1);
    expect(fit.state.lossCurve.at(-1)!).toBeLessThan(fixed.state.lossCurve.at(-1)!);
  });

  it('sgd: a rate that overshoots shrinks (successive gradients disagree)', () => {
    // 0.3 overshoots along the steepest direction here: successive full-batch gradients point against each other.
    const fit = run('sgd', 0.3, { hypergradientRate: 1e-2, maxIter: 5 });
    expect(fit.state.st[0]).toBeLessThan(0.3);
  });

  it('adam: the rate grows from a small start', () => {
    const learned = run('adam', 1e-4, { hypergradientRate: 1e-4 });
    expect(learned.state.st[0]).toBeGreaterThan(1e-4);
  });
});

describe('training by epochs (the hook for pruning and halving by epochs)', () => {
  const s = mlpSettings({ hiddenLayerSizes: [6], dropout: 0.2, maxIter: 12, batchSize: 32, earlyStopping: true, nIterNoChange: 1000 });

  it('4 + 8 epochs in two calls give exactly the run of one 12-epoch call', () => {
    const once = createMlpState(irisProblem, s, 9);
    runMlpEpochs(kernels, irisProblem, s, once, 12);
    const split = createMlpState(irisProblem, s, 9);
    runMlpEpochs(kernels, irisProblem, s, structuredClone(split), 0);
    runMlpEpochs(kernels, irisProblem, s, split, 4);
    expect(split.epoch).toBe(4);
    expect(split.validationScores).toHaveLength(4);
    const resumed = structuredClone(split); // the state is plain data: it survives a copy (or a postMessage)
    runMlpEpochs(kernels, irisProblem, s, resumed, 12);
    expect(resumed.lossCurve).toEqual(once.lossCurve);
    expect(resumed.validationScores).toEqual(once.validationScores);
    expect(Array.from(resumed.theta)).toEqual(Array.from(once.theta));
  });

  it('the per-epoch hook sees every epoch and can stop the run', () => {
    const seen: [number, number, number | null][] = [];
    const state = createMlpState(irisProblem, s, 9);
    runMlpEpochs(kernels, irisProblem, s, state, 12, (epoch, loss, score) => {
      seen.push([epoch, loss, score]);
      return epoch < 3;
    });
    expect(seen.map((e) => e[0])).toEqual([1, 2, 3]);
    expect(seen.every(([, l, v]) => Number.isFinite(l) && v !== null && v >= 0 && v <= 1)).toBe(true);
    expect(state.epoch).toBe(3);
    expect(state.stopReason).toBe('callback');
  });

  it('earlyStopping keeps the weights of the best validation epoch', () => {
    const es = mlpSettings({ hiddenLayerSizes: [5], maxIter: 40, batchSize: 8, earlyStopping: true, validationFraction: 0.3, nIterNoChange: 1000, learningRateInit: 0.05 });
    const fit = fitMlp(kernels, irisProblem, es, 4);
    const scores = fit.state.validationScores;
    expect(scores).toHaveLength(40);
    const best = scores.indexOf(Math.max(...scores)) + 1; // first epoch reaching the best score
    const step = createMlpState(irisProblem, es, 4);
    runMlpEpochs(kernels, irisProblem, es, step, best);
    expect(Array.from(fit.theta)).toEqual(Array.from(step.theta));
    expect(best).toBeLessThan(40); // this run's validation score peaks before the end (deterministic for the seed)
    expect(Array.from(fit.theta)).not.toEqual(Array.from(fit.state.theta));
  });

  it('leaves the arena where it found it', () => {
    const mark = kernels.arena.mark();
    mlpClassifier.trainer.evaluate(context(kernels, 1, iris.classes), iris.side, iris.side, { hiddenLayerSizes: [4, 3], maxIter: 3, dropout: 0.1 });
    expect(kernels.arena.mark()).toBe(mark);
  });
});

describe('main-thread prediction', () => {
  it('the plain-TS forward pass from learned parameters gives the wasm predictions (classifier and regressor)', () => {
    const bc = residentDataset(kernels, 'breast_cancer'); // two classes: one logistic output
    for (const [data, activation] of [[iris, 'relu'], [iris, 'tanh'], [iris, 'logistic'], [iris, 'identity'], [bc, 'relu']] as const) {
      const params = { hiddenLayerSizes: [7, 3], activation, maxIter: 5 };
      const c = context(kernels, 2, data.classes);
      const learned = mlpClassifier.trainer.fit(c, data.side, params);
      const inWorker = mlpClassifier.trainer.evaluate(c, data.side, data.side, params);
      const X = Float64Array.from(kernels.arena.f64(data.side.ptr, data.side.rows * data.side.cols));
      const main = mlpClassifier.predict(learned, { values: X, rows: data.side.rows, cols: data.side.cols }, params);
      expect(main.proba!.length).toBe(data.side.rows * data.classes.length);
      expect(Array.from(main.yPred)).toEqual(Array.from(inWorker.yPred));
      const a = main.proba!;
      const b = inWorker.proba!;
      for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-12);
    }
    const diabetes = residentDataset(kernels, 'diabetes', true);
    const params = { hiddenLayerSizes: [6], maxIter: 5 };
    const c = context(kernels, 2, null);
    const learned = mlpRegressor.trainer.fit(c, diabetes.side, params);
    const inWorker = mlpRegressor.trainer.evaluate(c, diabetes.side, diabetes.side, params);
    const X = Float64Array.from(kernels.arena.f64(diabetes.side.ptr, diabetes.side.rows * diabetes.side.cols));
    const main = mlpRegressor.predict(learned, { values: X, rows: diabetes.side.rows, cols: diabetes.side.cols }, params);
    for (let i = 0; i < main.yPred.length; i++) expect(Math.abs(main.yPred[i] - inWorker.yPred[i])).toBeLessThan(1e-12);
  });
});

describe('batchSize', () => {
  it('larger than the training rows is clipped to them, as scikit-learn does', () => {
    const fit = (batchSize: number) => fitMlp(kernels, irisProblem, mlpSettings({ hiddenLayerSizes: [5], batchSize, maxIter: 4 }), 3).theta;
    expect(Array.from(fit(100000))).toEqual(Array.from(fit(iris.side.rows)));
    expect(Array.from(fit(149))).not.toEqual(Array.from(fit(iris.side.rows)));
  });
});
