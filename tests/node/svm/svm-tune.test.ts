import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, TuneError, type TuneOptions } from '../../../src/index.node';
import { createKernels } from '../../../src/worker/kernels';
import { svc } from '../../../src/estimators/svm/svc';
import { svr } from '../../../src/estimators/svm/svr';
import { numpyVar } from '../../../src/estimators/svm/params';
import { solveSub } from '../../../src/estimators/svm/solve';
import type { FoldSide, TrainContext } from '../../../src/estimators/types';
import { loadDataset } from '../../helpers/fixtures';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());
const iris = loadDataset('iris');
const bc = loadDataset('breast_cancer');
const diabetes = loadDataset('diabetes');

/** A worker-free context with the given rows resident, for calling the trainers directly. */
function sides(X: number[][], y: number[], trainRows: number[], testRows: number[]) {
  const kernels = createKernels();
  const cols = X[0].length;
  const put = (idx: number[]): FoldSide => {
    const v = new Float64Array(idx.length * cols);
    idx.forEach((r, q) => v.set(X[r], q * cols));
    return { ptr: kernels.arena.allocF64(v), rows: idx.length, cols, y: Float64Array.from(idx, (r) => y[r]) };
  };
  const train = put(trainRows);
  const test = put(testRows);
  const ctx: TrainContext = { kernels, foldCache: new Map(), seed: 7, hints: {}, classes: Float64Array.from(new Set(y)).sort(), needsProba: false };
  const values = kernels.arena.f64(train.ptr, train.rows * cols).slice();
  return { ctx, train, test, values, cols };
}

describe("gamma 'scale' is computed from each fit's own training rows", () => {
  it('svr: scale on a fold equals the numeric 1 / (cols * var) of that fold, not of all rows', () => {
    const n = diabetes.X.length;
    const all = Array.from({ length: n }, (_, i) => i);
    for (const [trainRows, testRows] of [
      [all.filter((i) => i % 3 !== 0), all.filter((i) => i % 3 === 0)],
      [all.slice(0, 200), all.slice(200)],
    ]) {
      const { ctx, train, test, values, cols } = sides(diabetes.X, diabetes.y, trainRows, testRows);
      const g = 1 / (cols * numpyVar(values));
      const scale = svr.trainer.evaluate(ctx, train, test, { kernel: 'rbf', C: 100, gamma: 'scale', epsilon: 5 }).yPred;
      const numeric = svr.trainer.evaluate(ctx, train, test, { kernel: 'rbf', C: 100, gamma: g, epsilon: 5 }).yPred;
      expect(Array.from(scale)).toEqual(Array.from(numeric));
      const learned = svr.trainer.fit(ctx, train, { kernel: 'rbf', C: 100, gamma: 'scale', epsilon: 5 });
      expect(learned.fittedGamma).toBe(g);
    }
  });
  it('the two folds above get different gammas (so a per-dataset gamma would be caught)', () => {
    const n = diabetes.X.length;
    const gammaOf = (rows: number[]) => {
      const { values, cols } = sides(diabetes.X, diabetes.y, rows, rows.slice(0, 1));
      return 1 / (cols * numpyVar(values));
    };
    const a = gammaOf(Array.from({ length: 200 }, (_, i) => i));
    const b = gammaOf(Array.from({ length: n - 200 }, (_, i) => i + 200));
    expect(a).not.toBe(b);
  });
});

describe('classWeight through tune()', () => {
  it("'balanced' changes an imbalanced fit (iris rows 0..119: 50 / 50 / 20)", async () => {
    const base: TuneOptions = {
      model: 'svc',
      data: { X: iris.X.slice(0, 120), y: iris.y.slice(0, 120) },
      space: { C: [0.05], classWeight: [null, 'balanced'] },
      cv: { folds: 4, shuffle: true, seed: 3 },
      scoring: ['balancedAccuracy'],
      pool,
    };
    const r = await tune(base);
    const [plain, balanced] = [null, 'balanced'].map((w) => r.trials.find((t) => t.params.classWeight === w)!);
    expect(plain.status).toBe('ok');
    expect(balanced.status).toBe('ok');
    // With a small C the unweighted fit lets the minority class lose; balancing recovers it.
    expect(balanced.meanScore).toBeGreaterThan(plain.meanScore);
  });
});

describe('probability (Platt scaling with an internal 5-fold CV)', () => {
  it('calibrated, normalised probabilities; deterministic for a seed', async () => {
    const opts: TuneOptions = {
      model: 'svc',
      data: { X: bc.X, y: bc.y },
      space: { C: [1], probability: [true] },
      cv: { folds: 3, shuffle: true, seed: 1 },
      scoring: ['logLoss', 'accuracy'],
      preprocess: 'standardize',
      seed: 5,
      pool,
    };
    const a = await tune(opts);
    const b = await tune(opts);
    const t = a.trials[0];
    expect(t.status, t.error ?? '').toBe('ok');
    // A useful calibration: far better than the 0.66 of the class prior and than log 2.
    expect(t.metrics.logLoss.mean).toBeLessThan(0.15);
    expect(t.metrics.accuracy.mean).toBeGreaterThan(0.95);
    expect(b.trials[0].metrics.logLoss.folds).toEqual(t.metrics.logLoss.folds);
    const model = a.model!;
    const probA = model.parameters.probA as Float64Array;
    expect(probA).toHaveLength(1);
    expect(probA[0]).toBeLessThan(0);
    const P = model.predictProba(bc.X.slice(0, 50));
    const rows = P.length / 2;
    for (let r = 0; r < rows; r++) {
      expect(P[2 * r] + P[2 * r + 1]).toBeCloseTo(1, 12);
      expect(P[2 * r]).toBeGreaterThan(0);
      expect(P[2 * r]).toBeLessThan(1);
    }
  });
  it('three classes: pairwise coupling gives a distribution per row', async () => {
    const r = await tune({
      model: 'svc',
      data: { X: iris.X, y: iris.y },
      space: { probability: [true] },
      cv: { folds: 3, shuffle: true, seed: 2 },
      scoring: ['logLoss'],
      seed: 9,
      pool,
    });
    expect(r.trials[0].status, r.trials[0].error ?? '').toBe('ok');
    expect(r.trials[0].meanScore).toBeLessThan(0.4);
    const P = r.model!.predictProba(iris.X);
    for (let i = 0; i < iris.X.length; i++) expect(P[3 * i] + P[3 * i + 1] + P[3 * i + 2]).toBeCloseTo(1, 6);
  });
});

describe('bad input', () => {
  const base = (space: TuneOptions['space']): TuneOptions => ({
    model: 'svc', data: { X: iris.X, y: iris.y }, space, cv: { folds: 3 }, pool,
  });
  it.each([
    [{ C: [0] }, /C/],
    [{ C: [-1] }, /C/],
    [{ gamma: [-0.1] }, /gamma/],
    [{ gamma: ['medium'] }, /gamma/],
    [{ degree: [0] }, /degree/],
    [{ kernel: ['gaussian'] }, /kernel/],
  ])('%j is rejected up front with a TuneError', async (space, pattern) => {
    const err = await tune(base(space as TuneOptions['space'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('INVALID_HYPERPARAMETER');
    expect((err as TuneError).message).toMatch(pattern);
  });
  it('probability with a class of fewer than 5 training rows fails the trial with the rule and the fix', async () => {
    const X = iris.X.slice(0, 104);
    const y = iris.y.slice(0, 104); // classes 0, 1 and 4 rows of class 2
    const r = await tune({ ...base({ probability: [true] }), data: { X, y }, cv: { folds: 2, shuffle: true, seed: 1 } });
    expect(r.trials[0].status).toBe('failed');
    expect(r.trials[0].error).toMatch(/SVM_PROBA_TOO_FEW_ROWS|probability/);
    expect(r.trials[0].error).toMatch(/set probability to false/);
    const err = await tune({ ...base({ probability: [true] }), data: { X, y }, cv: { folds: 2, shuffle: true, seed: 1 }, errorScore: 'raise' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
  });
  it("breakTies with decisionFunctionShape 'ovo' fails as in scikit-learn", async () => {
    const r = await tune(base({ breakTies: [true], decisionFunctionShape: ['ovo'] }));
    expect(r.trials[0].status).toBe('failed');
    expect(r.trials[0].error).toMatch(/decisionFunctionShape/);
  });
  it('a sub-problem whose two kernel rows exceed the row cache is a TuneError, before any allocation', () => {
    const { ctx } = sides(iris.X, iris.y, [0, 1], [2]);
    const huge = { length: 2 ** 25 } as unknown as Int32Array;
    const call = () => solveSub(ctx, { kPtr: 0, dPtr: 0, xPtr: 0, N: 0, cols: 4, xsqPtr: 0 }, { kind: 2, gamma: 1, coef0: 0, degree: 3 },
      huge, new Int32Array(0), new Float64Array(0), new Float64Array(0), new Int32Array(0), 1e-3, true, -1);
    expect(call).toThrow(TuneError);
    try {
      call();
    } catch (e) {
      expect((e as TuneError).code).toBe('SVM_KERNEL_TOO_LARGE');
      expect((e as TuneError).message).toMatch(/fewer/);
    }
  });
});

describe('maxIter', () => {
  it('stops the solver and reports converged: false', () => {
    const all = Array.from({ length: 150 }, (_, i) => i);
    const { ctx, train } = sides(iris.X, iris.y, all, [0]);
    const stopped = svc.trainer.fit(ctx, train, { kernel: 'rbf', C: 10, maxIter: 2 });
    expect(stopped.converged).toBe(false);
    expect(stopped.nIter).toBe(2);
    const full = svc.trainer.fit(ctx, train, { kernel: 'rbf', C: 10 });
    expect(full.converged).toBe(true);
  });
});

describe('kernel rows: cached matrix, dot products, rows from X, and a two-row LRU cache give the same solution', () => {
  it('bit-identical alphas and rho on every path', () => {
    const rows = Array.from({ length: 100 }, (_, i) => i); // iris classes 0 and 1
    const { ctx, train } = sides(iris.X, iris.y, rows, [0]);
    const { wasm, arena } = ctx.kernels;
    const N = train.rows;
    const cols = train.cols;
    const spec = { kind: 2, gamma: 0.3, coef0: 0, degree: 3 };
    const mark = arena.mark();
    const xsqPtr = arena.alloc(N * 8);
    wasm.svmRowSquares(train.ptr, N, cols, xsqPtr);
    const dPtr = arena.alloc(N * N * 8);
    const xtPtr = arena.alloc(N * cols * 8);
    wasm.svmGram(train.ptr, N, cols, xtPtr, dPtr);
    const kPtr = arena.alloc(N * N * 4);
    wasm.svmKernelMatrix(dPtr, N, xsqPtr, spec.kind, spec.gamma, spec.coef0, spec.degree, kPtr);
    const rowIdx = Int32Array.from(rows);
    const y = Int32Array.from(rows, (r) => (iris.y[r] === 0 ? 1 : -1));
    const p = new Float64Array(N).fill(-1);
    const C = new Float64Array(N).fill(5);
    const base = Int32Array.from(rows);
    const run = (kP: number, dP: number, bytes?: number) =>
      solveSub(ctx, { kPtr: kP, dPtr: dP, xPtr: train.ptr, N, cols, xsqPtr }, spec, rowIdx, y, p, C, base, 1e-3, true, -1, bytes);
    const ref = run(kPtr, 0);
    for (const other of [run(0, dPtr), run(0, 0), run(0, 0, 8), run(kPtr, 0, 8)]) {
      expect(Array.from(other.alpha)).toEqual(Array.from(ref.alpha));
      expect(other.rho).toBe(ref.rho);
    }
    expect(ref.alpha.some((a) => a > 0)).toBe(true);
    arena.release(mark);
  });
});
