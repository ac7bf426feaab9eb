import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tune, createPool, TuneError } from '../../../../src/index.node';
import { loadDataset, loadReference } from '../../../helpers/fixtures';
import { expectParity, runReferenceCase } from '../../../helpers/parity';
import { gnbModel, gnbStats, jointLogLikelihood, predictFromJll } from '../../../../src/estimators/naive_bayes/gnb-core';
import { debugKernels } from '../../../helpers/debug-kernels';

interface GnbFit {
  dataset: string;
  var_smoothing: number;
  classes: number[];
  class_prior: number[];
  theta: number[][];
  var: number[][];
  epsilon: number;
  predict_rows: number;
  predict: number[];
  predict_proba: number[][];
}
const fits = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/generated/gnb_fits.json', import.meta.url)), 'utf8')) as {
    cases: GnbFit[];
  }
).cases;

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

function flat(rows: number[][]): Float64Array {
  return Float64Array.from(rows.flat());
}

describe('gaussian-nb: statistics by hand', () => {
  it('two classes, one feature: means, population variances, epsilon from the largest feature variance', () => {
    // class 0: 0, 2 (mean 1, var 1); class 1: 4, 4, 7 (mean 5, var 2); all rows: mean 3.4, var 27.2 / 5 = 5.44
    const X = Float64Array.from([0, 2, 4, 4, 7]);
    const s = gnbStats(X, 5, 1, Int32Array.from([0, 0, 1, 1, 1]), 2);
    expect(Array.from(s.theta)).toEqual([1, 5]);
    expect(Array.from(s.rawVar)).toEqual([1, 2]);
    expect(s.maxVar).toBeCloseTo(5.44, 12);
    const m = gnbModel(s, 0.5);
    expect(m.epsilon).toBeCloseTo(2.72, 12);
    expect(Array.from(m.var)).toEqual([1 + m.epsilon, 2 + m.epsilon]);
    expect(Array.from(m.classPrior)).toEqual([0.4, 0.6]);
  });

  it('the wasm kernel and the main-thread formula agree (to 1e-13: the two Math.log may differ in the last bit)', () => {
    const iris = loadDataset('iris');
    const X = flat(iris.X);
    const classes = Float64Array.from([0, 1, 2]);
    const s = gnbStats(X, 150, 4, Int32Array.from(iris.y), 3);
    const m = gnbModel(s, 1e-9);
    const ours = jointLogLikelihood(X, 150, 4, 3, m.theta, m.var, m.logPrior);
    const { wasm, arena } = debugKernels();
    const x = arena.allocF64(X);
    const th = arena.allocF64(m.theta);
    const va = arena.allocF64(m.var);
    const lp = arena.allocF64(m.logPrior);
    const out = arena.alloc(150 * 3 * 8);
    wasm.gnbJointLogLikelihood(x, 150, 4, 3, th, va, lp, out);
    arena.f64(out, 450).forEach((v, i) => expect(Math.abs(v - ours[i])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(ours[i]))));
    expect(predictFromJll(ours, 150, classes).yPred.length).toBe(150);
  });
});

describe('gaussian-nb: statistics shared across candidates', () => {
  it('one fold cache: the class statistics are computed once and serve every varSmoothing', async () => {
    const { gaussianNb } = await import('../../../../src/estimators/naive_bayes/gaussian-nb');
    const iris = loadDataset('iris');
    const kernels = debugKernels();
    const side = { ptr: kernels.arena.allocF64(flat(iris.X)), rows: 150, cols: 4, y: Float64Array.from(iris.y) };
    const foldCache = new Map<string, unknown>();
    const ctx = { kernels, foldCache, seed: 1, hints: {}, classes: Float64Array.from([0, 1, 2]) };
    gaussianNb.trainer.evaluate(ctx, side, side, { varSmoothing: 1e-9 });
    const stats = foldCache.get('gnb:stats');
    expect(stats).toBeDefined();
    const p = gaussianNb.trainer.evaluate(ctx, side, side, { varSmoothing: 0.5 });
    expect(foldCache.get('gnb:stats')).toBe(stats);
    expect(foldCache.size).toBe(1);
    expect(p.proba).toHaveLength(450);
  });
});

describe('gaussian-nb: learned parameters and probabilities as scikit-learn 1.2.1', () => {
  for (const c of fits) {
    it(`${c.dataset}, varSmoothing=${c.var_smoothing}`, async () => {
      const data = loadDataset(c.dataset);
      const result = await tune({
        model: 'gaussian-nb',
        data: { X: data.X, y: data.y },
        space: { varSmoothing: [c.var_smoothing] },
        cv: { folds: 2 },
        pool,
      });
      const p = result.model!.parameters;
      const close = (a: ArrayLike<number>, b: number[], rel: number) =>
        Array.from(a).forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b[i]))));
      close(p.classPrior as Float64Array, c.class_prior, 1e-15);
      close(p.theta as Float64Array, c.theta.flat(), 1e-12);
      close(p.var as Float64Array, c.var.flat(), 1e-12);
      expect(Math.abs((p.epsilon as number) - c.epsilon)).toBeLessThanOrEqual(1e-12 * Math.max(1, c.epsilon));
      const rows = data.X.slice(0, c.predict_rows);
      expect(Array.from(result.model!.predict(rows))).toEqual(c.predict);
      close(result.model!.predictProba(rows), c.predict_proba.flat(), 1e-9);
    });
  }
});

describe('gaussian-nb: parity with scikit-learn through tune() (every candidate within 1e-7)', () => {
  for (const [caseName, dataset] of [
    ['wave2/gnb_iris', 'iris'],
    ['wave2/gnb_bc', 'breast_cancer'],
  ] as const) {
    it(caseName, async () => {
      const ref = loadReference(caseName);
      const result = await runReferenceCase(tune, ref, loadDataset(dataset), 'gaussian-nb', { pool });
      expect(result.trials).toHaveLength(ref.candidates.length);
      for (const t of result.trials) expect(t.status, t.error ?? '').toBe('ok');
      expectParity(result, ref, 1e-7);
    });
  }
});

describe('gaussian-nb: bad input', () => {
  const iris = loadDataset('iris');
  it('rejects a negative varSmoothing and priors of the wrong length (iris has 3 classes) with TuneErrors', async () => {
    for (const space of [{ varSmoothing: [-1] }, { priors: [[0.5, 0.5]] }]) {
      const err = await tune({ model: 'gaussian-nb', data: { X: iris.X, y: iris.y }, space: space as never, pool }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TuneError);
    }
  });
  it('a zero variance that varSmoothing cannot fix fails the trial with a message (no NaN scores)', async () => {
    const X = [[1, 5], [1, 5], [1, 5], [1, 5]];
    const r = await tune({ model: 'gaussian-nb', data: { X, y: [0, 0, 1, 1] }, space: {}, cv: { folds: 2 }, pool });
    expect(r.trials[0].status).toBe('failed');
    expect(r.trials[0].error).toMatch(/zero variance.*raise varSmoothing/);
    expect(() => gnbModel(gnbStats(Float64Array.from([1, 2, 3, 4]), 4, 1, Int32Array.from([0, 0, 1, 1]), 2), 0)).not.toThrow();
    expect(() => gnbModel(gnbStats(Float64Array.from([1, 1, 3, 4]), 4, 1, Int32Array.from([0, 0, 1, 1]), 2), 0)).toThrow(/class 0/);
  });

  it('rejects a target that is not given', async () => {
    const err = await tune({ model: 'gaussian-nb', data: { X: iris.X }, space: {}, pool }).catch((e: unknown) => e);
    expect((err as TuneError).code).toBe('DATA_MISSING_Y');
  });
});
