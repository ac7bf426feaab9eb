/**
 * SGD per-epoch curves and continuing a run from a checkpoint (TrainContext.checkpoint, used by halving / Hyperband
 * on epochs): a run of 3 epochs kept and continued to 9 must equal a fresh run of 9 epochs bit for bit, in every
 * mode that carries state across epochs (shuffled order, adam / momentum buffers, the adaptive rate, early stopping,
 * L1's cumulative penalty, one-vs-all models stopping apart).
 */
import { describe, it, expect } from 'vitest';
import { createKernels, type Kernels } from '../../../../src/worker/kernels';
import { sgdClassifier } from '../../../../src/estimators/sgd-classifier';
import { sgdRegressor } from '../../../../src/estimators/sgd-regressor';
import type { EstimatorDef, FoldSide, Learned, TrainContext } from '../../../../src/estimators/types';
import type { Params } from '../../../../src/types';
import { fitScaler, applyScaler } from '../../../../src/worker/standardize';
import { loadDataset } from '../../../helpers/fixtures';

const kernels: Kernels = createKernels();

function side(name: string): { side: FoldSide; classes: Float64Array } {
  const d = loadDataset(name);
  const rows = d.X.length;
  const cols = d.X[0].length;
  const X = Float64Array.from(d.X.flat());
  applyScaler(X, rows, cols, fitScaler(X, rows, cols));
  const classes = Float64Array.from([...new Set(d.y)].sort((a, b) => a - b));
  return { side: { ptr: kernels.arena.allocF64(X), rows, cols, y: Float64Array.from(d.y) }, classes };
}
const wine = side('wine');
const diabetes = side('diabetes');

function ctx(seed: number, classes: Float64Array | null, checkpoint?: TrainContext['checkpoint']): TrainContext {
  return { kernels, foldCache: new Map(), seed, hints: {}, classes, ...(checkpoint ? { checkpoint } : {}) };
}

/** A fresh fit to `epochs`, and one that runs `first` epochs, keeps its state, and continues to `epochs`. */
function freshAndResumed(def: EstimatorDef, data: { side: FoldSide; classes: Float64Array }, params: Params, first: number, epochs: number) {
  const classes = def.kind === 'classifier' ? data.classes : null;
  const fresh = def.trainer.fit(ctx(7, classes), data.side, { ...params, epochs });
  const cp1: TrainContext['checkpoint'] = { from: null, keep: true };
  const partial = def.trainer.fit(ctx(7, classes, cp1), data.side, { ...params, epochs: first });
  expect(cp1.out).toBeDefined();
  const cp2: TrainContext['checkpoint'] = { from: structuredClone(cp1.out), keep: false };
  const resumed = def.trainer.fit(ctx(7, classes, cp2), data.side, { ...params, epochs });
  expect(cp2.out).toBeUndefined();
  return { fresh, partial, resumed };
}

const arr = (v: Learned[string]) => Array.from(v as Float64Array);

function expectSameFit(a: Learned, b: Learned): void {
  expect(arr(b.coef)).toEqual(arr(a.coef));
  expect(b.intercept instanceof Float64Array ? arr(b.intercept) : b.intercept).toEqual(a.intercept instanceof Float64Array ? arr(a.intercept) : a.intercept);
  expect(arr(b.lossCurve)).toEqual(arr(a.lossCurve));
  expect(b.validationScores === undefined ? undefined : arr(b.validationScores)).toEqual(a.validationScores === undefined ? undefined : arr(a.validationScores));
  expect(b.nIter).toBe(a.nIter);
}

const everyEpoch = { tol: 0, nIterNoChange: 1000 };

describe('continuing an SGD run from a checkpoint equals a fresh run', () => {
  const cases: [string, EstimatorDef, typeof wine, Params][] = [
    ['classifier, shuffled hinge, optimal rate', sgdClassifier, wine, { ...everyEpoch }],
    ['classifier, log_loss + adam + minibatch', sgdClassifier, wine, { ...everyEpoch, loss: 'log_loss', optimizer: 'adam', batchSize: 16, learningRate: 'constant', eta0: 0.01 }],
    ['classifier, momentum + elasticnet (cumulative L1)', sgdClassifier, wine, { ...everyEpoch, optimizer: 'momentum', penalty: 'elasticnet', l1Ratio: 0.5, learningRate: 'invscaling', eta0: 0.05 }],
    ['classifier, adaptive rate dividing on stalls', sgdClassifier, wine, { learningRate: 'adaptive', eta0: 0.5, tol: 10, nIterNoChange: 2 }],
    ['classifier, early stopping (validation split, best scores)', sgdClassifier, wine, { earlyStopping: true, tol: 0, nIterNoChange: 1000, validationFraction: 0.2 }],
    ['regressor, plain SGD', sgdRegressor, diabetes, { ...everyEpoch, eta0: 0.001 }],
  ];
  for (const [name, def, data, params] of cases) {
    it(name, () => {
      const { fresh, partial, resumed } = freshAndResumed(def, data, params, 3, 9);
      expectSameFit(fresh, resumed);
      // The partial run really stopped early, so the continuation trained epochs of its own.
      expect(partial.nIter).toBe(3);
      expect(arr(partial.lossCurve)).toEqual(arr(fresh.lossCurve).slice(0, 3));
    });
  }

  it('a run that converged before the first rung ended stays converged', () => {
    const { fresh, partial, resumed } = freshAndResumed(sgdClassifier, wine, { tol: 1e6, nIterNoChange: 1 }, 5, 20);
    expect(partial.nIter).toBe(2); // epoch 1 sets the best loss, epoch 2 fails to beat it by tol: stop
    expectSameFit(fresh, resumed);
  });

  it("a checkpoint of other settings is refused, not silently continued", () => {
    const cp: TrainContext['checkpoint'] = { from: null, keep: true };
    sgdClassifier.trainer.fit(ctx(7, wine.classes, cp), wine.side, { epochs: 2 });
    expect(() => sgdClassifier.trainer.fit(ctx(7, wine.classes, { from: cp.out, keep: false }), wine.side, { epochs: 4, alpha: 0.01 })).toThrow(/checkpoint/);
    expect(() => sgdClassifier.trainer.fit(ctx(8, wine.classes, { from: cp.out, keep: false }), wine.side, { epochs: 4 })).toThrow(/checkpoint/);
  });
});

describe('SGD loss and validation curves per epoch', () => {
  it('hand-checked: hinge, constant rate 0.1, two rows, no shuffle, no intercept', () => {
    // x = [1] (class 1, target +1) and [-1] (class 0, target -1); w starts at 0. Each row's hinge loss is taken
    // before its update w += 0.1 y x: epoch 1 sees losses 1 (w 0 -> 0.1) and 0.9 (-> 0.2), epoch 2 sees 0.8 and 0.7.
    const ptr = kernels.arena.allocF64(Float64Array.of(1, -1));
    const two: FoldSide = { ptr, rows: 2, cols: 1, y: Float64Array.of(1, 0) };
    const learned = sgdClassifier.trainer.fit(ctx(1, Float64Array.of(0, 1)), two, {
      loss: 'hinge', penalty: null, learningRate: 'constant', eta0: 0.1, fitIntercept: false, shuffle: false, epochs: 2, tol: 0, nIterNoChange: 100,
    });
    const curve = arr(learned.lossCurve);
    expect(curve).toHaveLength(2);
    expect(curve[0]).toBeCloseTo(0.95, 12);
    expect(curve[1]).toBeCloseTo(0.75, 12);
    expect(arr(learned.coef)[0]).toBeCloseTo(0.4, 12);
    expect(learned.validationScores).toBeUndefined();
  });

  it('one value per epoch run; validation scores only with early stopping, within [0, 1] for accuracy', () => {
    const plain = sgdClassifier.trainer.fit(ctx(3, wine.classes), wine.side, { loss: 'log_loss', epochs: 12, ...everyEpoch });
    expect(arr(plain.lossCurve)).toHaveLength(12);
    expect(arr(plain.lossCurve).at(-1)!).toBeLessThan(arr(plain.lossCurve)[0]);
    const es = sgdClassifier.trainer.fit(ctx(3, wine.classes), wine.side, { earlyStopping: true, epochs: 50 });
    const scores = arr(es.validationScores);
    expect(scores).toHaveLength(es.nIter as number);
    expect(arr(es.lossCurve)).toHaveLength(es.nIter as number);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('the epoch hook sees every epoch and can stop the run', () => {
    const seen: number[] = [];
    const c: TrainContext = { ...ctx(3, wine.classes), onEpoch: (epoch) => (seen.push(epoch), epoch < 4) };
    const learned = sgdClassifier.trainer.fit(c, wine.side, { epochs: 30, ...everyEpoch });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(learned.nIter).toBe(4);
  });
});
