/**
 * The SGD engine (src/estimators/sgd-engine.ts) and the classifier's outputs, on the release wasm in this thread.
 */
import { describe, it, expect } from 'vitest';
import { createKernels, type Kernels } from '../../../../src/worker/kernels';
import { createRng } from '../../../../src/rng';
import {
  sgdSettings,
  trainSgd,
  validationSplit,
  type ValidationScore,
} from '../../../../src/estimators/sgd-engine';
import { sgdClassifier, classifierOutputs } from '../../../../src/estimators/sgd-classifier';
import { sgdRegressor } from '../../../../src/estimators/sgd-regressor';
import type { FoldSide, TrainContext } from '../../../../src/estimators/types';
import type { Params } from '../../../../src/types';
import { fitScaler, applyScaler } from '../../../../src/worker/standardize';
import { loadDataset } from '../../../helpers/fixtures';

const kernels: Kernels = createKernels();

/** breast_cancer standardised, resident in the kernels' memory. */
const bc = loadDataset('breast_cancer');
const bcSide: FoldSide = (() => {
  const rows = bc.X.length;
  const cols = bc.X[0].length;
  const X = Float64Array.from(bc.X.flat());
  applyScaler(X, rows, cols, fitScaler(X, rows, cols));
  return { ptr: kernels.arena.allocF64(X), rows, cols, y: Float64Array.from(bc.y) };
})();

/** wine standardised (3 classes). */
const wine = loadDataset('wine');
const wineSide: FoldSide = (() => {
  const rows = wine.X.length;
  const cols = wine.X[0].length;
  const X = Float64Array.from(wine.X.flat());
  applyScaler(X, rows, cols, fitScaler(X, rows, cols));
  return { ptr: kernels.arena.allocF64(X), rows, cols, y: Float64Array.from(wine.y) };
})();
const wineClasses = Float64Array.from([...new Set(wine.y)].sort((a, b) => a - b));

function ctx(seed: number, classes: Float64Array | null): TrainContext {
  return { kernels, foldCache: new Map(), seed, hints: {}, classes };
}

const fitClf = (side: FoldSide, classes: Float64Array, params: Params, seed = 1) =>
  sgdClassifier.trainer.fit(ctx(seed, classes), side, params);

const noScore: ValidationScore = () => {
  throw new Error('not used without earlyStopping');
};

describe('determinism and seeds', () => {
  it('the same seed gives identical parameters; another seed shuffles differently', () => {
    const params = { loss: 'log_loss', epochs: 5 };
    const a = fitClf(wineSide, wineClasses, params, 3);
    const b = fitClf(wineSide, wineClasses, params, 3);
    const c = fitClf(wineSide, wineClasses, params, 4);
    expect([...(b.coef as Float64Array)]).toEqual([...(a.coef as Float64Array)]);
    expect([...(b.intercept as Float64Array)]).toEqual([...(a.intercept as Float64Array)]);
    expect([...(c.coef as Float64Array)]).not.toEqual([...(a.coef as Float64Array)]);
  });

  it('without shuffling (and without early stopping) the seed plays no part', () => {
    const params = { loss: 'hinge', epochs: 5, shuffle: false };
    const a = fitClf(wineSide, wineClasses, params, 3);
    const c = fitClf(wineSide, wineClasses, params, 4);
    expect([...(c.coef as Float64Array)]).toEqual([...(a.coef as Float64Array)]);
  });

  it('leaves the arena where it found it', () => {
    const mark = kernels.arena.mark();
    fitClf(wineSide, wineClasses, { epochs: 3, optimizer: 'adam', penalty: 'elasticnet', batchSize: 7 });
    sgdClassifier.trainer.evaluate(ctx(1, wineClasses), wineSide, wineSide, { epochs: 2 });
    expect(kernels.arena.mark()).toBe(mark);
  });
});

describe('one-vs-all in one pass', () => {
  it('equals training each class’s binary model on its own (same seed, same stopping)', () => {
    const s = sgdSettings({ loss: 'log_loss', epochs: 30, penalty: 'elasticnet' }, sgdClassifier.hyperparameters);
    const n = wineSide.rows;
    const yIdx = Int32Array.from(wine.y, (v) => wineClasses.indexOf(v));
    const targets = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) for (let m = 0; m < 3; m++) targets[i * 3 + m] = yIdx[i] === m ? 1 : -1;
    const joint = trainSgd(kernels, wineSide, targets, 3, s, 17, yIdx, 3, noScore);
    let maxIter = 0;
    for (let m = 0; m < 3; m++) {
      const own = Float64Array.from({ length: n }, (_, i) => targets[i * 3 + m]);
      const alone = trainSgd(kernels, wineSide, own, 1, s, 17, yIdx, 3, noScore);
      expect([...alone.coef]).toEqual([...joint.coef.subarray(m * 13, m * 13 + 13)]);
      expect(alone.intercept[0]).toBe(joint.intercept[m]);
      maxIter = Math.max(maxIter, alone.nIter);
    }
    // n_iter_ of a one-vs-all fit is the largest of its models' (scikit-learn).
    expect(joint.nIter).toBe(maxIter);
  });

  it('the fused fast path (l2, batch 1, sgd: models four at a time) equals each class trained alone', () => {
    // digits: 10 classes = two groups of four models plus a remainder of two, so every branch of the pass runs.
    const digits = loadDataset('digits');
    const rows = 400;
    const cols = digits.X[0].length;
    const X = Float64Array.from(digits.X.slice(0, rows).flat());
    applyScaler(X, rows, cols, fitScaler(X, rows, cols));
    const mark = kernels.arena.mark();
    try {
      const side: FoldSide = { ptr: kernels.arena.allocF64(X), rows, cols, y: Float64Array.from(digits.y.slice(0, rows)) };
      const classes = [...new Set(digits.y)].sort((a, b) => a - b);
      const K = classes.length;
      expect(K).toBe(10);
      const yIdx = Int32Array.from(digits.y.slice(0, rows), (v) => classes.indexOf(v));
      const targets = new Float64Array(rows * K);
      for (let i = 0; i < rows; i++) for (let m = 0; m < K; m++) targets[i * K + m] = yIdx[i] === m ? 1 : -1;
      const s = sgdSettings({ loss: 'log_loss', penalty: 'l2', alpha: 1e-3, epochs: 15, batchSize: 1, optimizer: 'sgd' }, sgdClassifier.hyperparameters);
      const joint = trainSgd(kernels, side, targets, K, s, 23, yIdx, K, noScore);
      for (let m = 0; m < K; m++) {
        const own = Float64Array.from({ length: rows }, (_, i) => targets[i * K + m]);
        const alone = trainSgd(kernels, side, own, 1, s, 23, yIdx, K, noScore);
        const jointCoef = joint.coef.subarray(m * cols, m * cols + cols);
        // Same arithmetic per model whether it runs in a group of four or alone (the sign of an exact zero aside).
        for (let c = 0; c < cols; c++) expect(alone.coef[c] + 0, `class ${m}, feature ${c}`).toBe(jointCoef[c] + 0);
        expect(alone.intercept[0]).toBe(joint.intercept[m]);
      }
    } finally {
      kernels.arena.release(mark);
    }
  });
});

describe('stopping rules', () => {
  // tol so large that no epoch counts as an improvement: the first epoch sets the best loss, every later one stalls.
  const stall = { loss: 'log_loss', tol: 1e9, learningRate: 'constant', eta0: 0.01, epochs: 100 };

  it('stops after nIterNoChange epochs without improvement (scikit-learn counts from the second epoch)', () => {
    expect(fitClf(bcSide, Float64Array.of(0, 1), { ...stall, nIterNoChange: 3 }).nIter).toBe(4);
    expect(fitClf(bcSide, Float64Array.of(0, 1), { ...stall, nIterNoChange: 1 }).nIter).toBe(2);
  });

  it("'adaptive' divides eta by 5 on each stall while eta > 1e-6, then stops", () => {
    // 0.01 -> 0.002 -> 4e-4 -> 8e-5 -> 1.6e-5 -> 3.2e-6 -> 6.4e-7 (six divisions at epochs 2..7), stop at epoch 8.
    const adaptive = fitClf(bcSide, Float64Array.of(0, 1), { ...stall, learningRate: 'adaptive', nIterNoChange: 1 });
    expect(adaptive.nIter).toBe(8);
  });

  it('with the default tol a converging run stops before its epoch budget', () => {
    const fit = fitClf(bcSide, Float64Array.of(0, 1), { loss: 'log_loss', epochs: 1000 });
    expect(fit.nIter as number).toBeLessThan(1000);
    expect(fit.nIter as number).toBeGreaterThan(5);
  });

  it('early stopping holds out validation rows and stops on their score', () => {
    const params = { loss: 'log_loss', epochs: 1000, earlyStopping: true, validationFraction: 0.2, nIterNoChange: 3 };
    const fit = fitClf(bcSide, Float64Array.of(0, 1), params);
    expect(fit.nIter as number).toBeLessThan(1000);
    expect(fit.nIter as number).toBeGreaterThanOrEqual(4);
    const reg = sgdRegressor.trainer.fit(ctx(1, null), bcSide, { epochs: 1000, earlyStopping: true });
    expect(reg.nIter as number).toBeLessThan(1000);
  });

  it('an impossible validation split fails with a clear message', () => {
    const tiny: FoldSide = { ...bcSide, rows: 4, y: bcSide.y!.subarray(0, 4) };
    expect(() => sgdRegressor.trainer.fit(ctx(1, null), tiny, { earlyStopping: true, validationFraction: 0.99 })).toThrow(
      /validationFraction=0.99 of 4 training rows leaves 4 validation and 0 training rows/,
    );
  });

  it("'optimal' refuses alpha = 0 (its rate is 1 / (alpha (t0 + t)))", () => {
    expect(() => fitClf(bcSide, Float64Array.of(0, 1), { alpha: 0, learningRate: 'optimal' })).toThrow(/needs alpha > 0/);
    expect(() => fitClf(bcSide, Float64Array.of(0, 1), { alpha: 0, learningRate: 'constant', epochs: 2 })).not.toThrow();
  });

  it('divergence throws with the epoch and the advice', () => {
    const raw: FoldSide = { ptr: kernels.arena.allocF64(Float64Array.from(bc.X.flat())), rows: bc.X.length, cols: 30, y: Float64Array.from(bc.y) };
    expect(() => sgdRegressor.trainer.fit(ctx(1, null), raw, { learningRate: 'constant', eta0: 1 })).toThrow(
      /^SGD diverged at epoch 1; lower eta0 or use learningRate 'optimal'\/'adaptive'$/,
    );
  });
});

describe('validationSplit', () => {
  it('stratified: ceil(fraction n) rows, each class in proportion, disjoint from training rows', () => {
    const strata = Int32Array.from({ length: 100 }, (_, i) => (i < 70 ? 0 : i < 90 ? 1 : 2));
    const { train, val } = validationSplit(createRng(1), 100, 0.25, strata, 3);
    expect(val.length).toBe(25);
    expect(train.length).toBe(75);
    expect(new Set([...train, ...val]).size).toBe(100);
    const counts = [0, 0, 0];
    for (const i of val) counts[strata[i]]++;
    // 70/20/10 x 25 = 17.5 / 5 / 2.5: floors 17, 5, 2 and the one left over goes to the largest remainder (0.5 tie:
    // the lower class).
    expect(counts).toEqual([18, 5, 2]);
    expect([...val]).toEqual([...val].sort((a, b) => a - b));
  });

  it('unstratified: a seeded shuffle split', () => {
    const a = validationSplit(createRng(2), 50, 0.1, null, 0);
    const b = validationSplit(createRng(3), 50, 0.1, null, 0);
    expect(a.val.length).toBe(5);
    expect([...a.val]).not.toEqual([...b.val]);
  });
});

describe('classifier outputs (scikit-learn decision rules and probabilities)', () => {
  it('binary: classes[1] when the decision is > 0; log_loss proba = [1 - expit, expit]', () => {
    const out = classifierOutputs(Float64Array.of(2, 0, -1), 3, Float64Array.of(5, 7), 'log_loss');
    expect([...out.yPred]).toEqual([7, 5, 5]);
    const e = 1 / (1 + Math.exp(-2));
    expect(out.proba![0]).toBeCloseTo(1 - e, 15);
    expect(out.proba![1]).toBeCloseTo(e, 15);
    expect([out.proba![2], out.proba![3]]).toEqual([0.5, 0.5]);
  });

  it('one-vs-all: first largest decision wins; modified_huber proba clips, normalises, and is uniform when all 0', () => {
    const dec = Float64Array.of(0.5, 0.5, -3, -2, -2, -5);
    const out = classifierOutputs(dec, 2, Float64Array.of(1, 2, 3), 'modified_huber');
    expect([...out.yPred]).toEqual([1, 1]);
    // Row 0: (clip + 1) / 2 = 0.75, 0.75, 0 -> 0.5, 0.5, 0. Row 1: all 0 -> uniform.
    expect([...out.proba!].map((v) => +v.toFixed(12))).toEqual([0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3].map((v) => +v.toFixed(12)));
  });

  it('hinge gives labels only', () => {
    expect(classifierOutputs(Float64Array.of(1), 1, Float64Array.of(0, 1), 'hinge').proba).toBeUndefined();
    expect(sgdClassifier.supportsProba!({ loss: 'hinge' })).toBe(false);
    expect(sgdClassifier.supportsProba!({ loss: 'modified_huber' })).toBe(true);
    expect(sgdClassifier.supportsProba!({})).toBe(false); // scikit-learn's default loss is hinge
  });

  it('main-thread predict agrees with the worker-side evaluation', () => {
    const params = { loss: 'log_loss', epochs: 10 };
    const learned = fitClf(wineSide, wineClasses, params, 21);
    const pred = sgdClassifier.trainer.evaluate(ctx(21, wineClasses), wineSide, wineSide, params);
    const X = { values: kernels.arena.f64(wineSide.ptr, wineSide.rows * 13).slice(), rows: wineSide.rows, cols: 13 };
    const main = sgdClassifier.predict(learned, X, params);
    expect([...main.yPred]).toEqual([...pred.yPred]);
    main.proba!.forEach((v, i) => expect(v).toBeCloseTo(pred.proba![i], 12));
  });
});
