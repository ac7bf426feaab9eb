/**
 * gaussian-nb's priors (scikit-learn 1.2.1 GaussianNB(priors=...)): the rules (length = classes, >= 0, sum 1 as
 * np.isclose), refused before any work; parity with scikit-learn through the same folds (scores through tune(),
 * per-fold probabilities through the trainer, the refit through result.model); the sorted label order; a fold without
 * a class; adaptive search; and the Optuna journal (array choices stored as JSON texts, read by Python Optuna).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tune, createPool, float, TuneError } from '../../../../src/index.node';
import { prepareSearch } from '../../../../src/tune';
import { gaussianNb } from '../../../../src/estimators/naive_bayes/gaussian-nb';
import { checkFoldPriors, checkPriors } from '../../../../src/estimators/naive_bayes/gnb-priors';
import { loadDataset, loadReference, type ReferenceCase } from '../../../helpers/fixtures';
import { expectParity, runReferenceCase } from '../../../helpers/parity';
import { debugKernels } from '../../../helpers/debug-kernels';
import { thrown } from '../../../helpers/thrown';
import { hasOptuna, requireComponent, runPython } from '../../../helpers/components';

interface PriorsCandidate {
  params: { priors: number[] | null; var_smoothing: number };
  fold_scores: Record<string, number[]>;
  mean: Record<string, number>;
  class_prior: number[][];
  predict_proba: number[][][];
  predict: number[][];
  full: { class_prior: number[]; predict_proba: number[][]; predict: number[] };
}
type PriorsCase = Omit<ReferenceCase, 'candidates'> & { classes: number[]; proba_rows: number[][]; candidates: PriorsCandidate[] };
const fixture = loadReference('wave2/gnb_priors') as unknown as { sklearn: string; cases: PriorsCase[] };

const pool = createPool({ workers: 2 });
const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-gnb-priors-'));
afterAll(async () => {
  await pool.dispose();
  rmSync(dir, { recursive: true, force: true });
});
const iris = loadDataset('iris');
const TOL = 1e-7;

describe('checkPriors: scikit-learn 1.2.1 rules, with the fix in the message', () => {
  const classes = [0, 1, 2];
  it('accepts null and probabilities that sum to 1 within np.isclose (|sum - 1| <= 1e-8 + 1e-5)', () => {
    for (const ok of [null, [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3], [0, 0.5, 0.5], [0.1, 0.1, 0.800001], [0.2, 0.3, 0.5 + 1.0009e-5]]) {
      expect(() => checkPriors(ok, classes)).not.toThrow();
    }
  });

  it('a length other than the number of classes names the classes in their order', () => {
    const e = thrown(() => checkPriors([0.5, 0.5], classes), 'INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/has 2 entries, but the number of priors must match the number of classes: the data has 3 \(0, 1, 2\)/);
    expect(e.message).toMatch(/one prior per class in this order \(the sorted labels\), e\.g\. \[0\.333333, 0\.333333, 0\.333333\]/);
    expect(thrown(() => checkPriors([0.2, 0.3, 0.5], ['no', 'yes']), 'INVALID_HYPERPARAMETER').message).toContain('("no", "yes")');
  });

  it('a sum other than 1 (np.isclose) is refused with the rescaled priors', () => {
    const e = thrown(() => checkPriors([0.2, 0.3, 0.4], classes), 'INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/sums to 0\.9\d*, but the sum of the priors should be 1/);
    expect(e.message).toContain('e.g. [0.222222, 0.333333, 0.444444]');
    // Just outside np.isclose's tolerance: numpy says False for 1 + 1.002e-5.
    thrown(() => checkPriors([0.2, 0.3, 0.5 + 1.002e-5], classes), 'INVALID_HYPERPARAMETER');
  });

  it('a negative entry is refused (after the sum, as scikit-learn orders its checks), naming its class', () => {
    const e = thrown(() => checkPriors([-0.1, 0.6, 0.5], ['a', 'b', 'c']), 'INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/entry 0 \(class "a"\) is -0\.1, but priors must be non-negative/);
    expect(thrown(() => checkPriors([-0.1, 0.6, 0.6], classes), 'INVALID_HYPERPARAMETER').message).toMatch(/sum of the priors/);
  });

  it('non-finite, empty and non-array values', () => {
    expect(thrown(() => checkPriors([Number.NaN, 0.5, 0.5], classes), 'INVALID_HYPERPARAMETER').message).toMatch(/entry 0 is NaN/);
    expect(thrown(() => checkPriors([], classes), 'INVALID_HYPERPARAMETER').message).toMatch(/an empty array/);
    expect(thrown(() => checkPriors(0.5, classes), 'INVALID_HYPERPARAMETER').message).toMatch(/priors: \[null, \[0\.2, 0\.3, 0\.5\]\]/);
  });

  it('on a fold: a class with a positive prior but no training rows is refused; a prior of 0 for it is accepted', () => {
    const counts = Float64Array.from([10, 0, 5]);
    const e = thrown(() => checkFoldPriors([0.2, 0.3, 0.5], counts, [0, 1, 2]), 'INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/position 1 of the sorted labels a prior of 0\.3.*no rows of that class/);
    expect(() => checkFoldPriors([0.5, 0, 0.5], counts, [0, 1, 2])).not.toThrow();
  });
});

describe('priors refused before any work, through tune()', () => {
  const base = { model: 'gaussian-nb' as const, data: { X: iris.X, y: iris.y } };
  const code = (space: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    try {
      prepareSearch({ ...base, space, ...extra } as never);
    } catch (e) {
      expect(e).toBeInstanceOf(TuneError);
      return e as TuneError;
    }
    throw new Error(`expected a TuneError for ${JSON.stringify(space)}`);
  };

  it('every listed value is checked up front, also those a random or TPE search might never draw', () => {
    const e = code({ priors: [null, [0.5, 0.5]] });
    expect(e.code).toBe('INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/the data has 3 \(0, 1, 2\)/);
    for (const strategy of ['random', 'tpe'] as const) {
      const r = code({ priors: [null, [0.2, 0.3, 0.4]], varSmoothing: float(1e-10, 1e-2, { log: true }) }, { search: { strategy, trials: 1 } });
      expect(r.message).toMatch(/sum of the priors should be 1/);
    }
    expect(code({ priors: [[-0.1, 0.6, 0.5]] }).message).toMatch(/>= 0.*Entry 0 \(-0\.1\) is out of range/);
  });

  it('plain numbers where arrays belong, and ranges, are refused with the way to write them', () => {
    expect(code({ priors: [0.2, 0.3, 0.5] }).message).toContain('Write [[0.2, 0.3, 0.5]] for one candidate with this array, or [null, [0.2, 0.3, 0.5]]');
    expect(code({ priors: float(0, 1) }, { search: { strategy: 'random', trials: 2 } }).message).toMatch(/list the candidates, e\.g\. \[null, \[0\.2, 0\.8\]\]/);
  });

  it('string labels: the message lists them sorted, the order priors follow', () => {
    const names = ['virginica?', 'setosa', 'versicolor'];
    const y = iris.y.map((c) => names[c]);
    const e = code({ priors: [[0.5, 0.5]] }, { data: { X: iris.X, y } });
    expect(e.message).toContain('("setosa", "versicolor", "virginica?")');
  });

  it('tune() rejects without starting a worker', async () => {
    const fresh = createPool({ workers: 1 });
    try {
      const err = await tune({ ...base, space: { priors: [[0.5, 0.5]] }, pool: fresh }).catch((x: unknown) => x);
      expect((err as TuneError).code).toBe('INVALID_HYPERPARAMETER');
      expect(fresh.liveWorkers).toBe(0);
    } finally {
      await fresh.dispose();
    }
  });
});

describe('gaussian-nb priors: parity with scikit-learn 1.2.1 through the same folds', () => {
  it('the fixture is scikit-learn 1.2.1', () => expect(fixture.sklearn).toBe('1.2.1'));
  for (const ref of fixture.cases) {
    const data = loadDataset(ref.dataset);
    it(`${ref.case}: every candidate's fold scores through tune() within ${TOL}`, async () => {
      const result = await runReferenceCase(tune, ref as unknown as ReferenceCase, data, 'gaussian-nb', { pool });
      expect(result.trials).toHaveLength(ref.candidates.length);
      for (const t of result.trials) expect(t.status, t.error ?? '').toBe('ok');
      expectParity(result, ref as unknown as ReferenceCase, TOL);
      // The best candidate's refit: its learned priors are the given ones, its probabilities scikit-learn's.
      const best = ref.candidates.find((c) => JSON.stringify(c.params.priors) === JSON.stringify(result.best!.params.priors) && c.params.var_smoothing === result.best!.params.varSmoothing)!;
      expect(Array.from(result.model!.parameters.classPrior as Float64Array)).toEqual(best.full.class_prior);
    });

    it(`${ref.case}: per fold, the trainer's class priors, predictions and probabilities match (${TOL})`, () => {
      const kernels = debugKernels();
      const classes = Float64Array.from(ref.classes);
      const d = data.X[0].length;
      for (let k = 0; k < ref.n_folds; k++) {
        const trainIdx = ref.fold_ids.flatMap((f, i) => (f === k ? [] : [i]));
        const rows = ref.proba_rows[k];
        const side = (idx: number[]) => ({
          ptr: kernels.arena.allocF64(Float64Array.from(idx.flatMap((i) => data.X[i]))),
          rows: idx.length,
          cols: d,
          y: Float64Array.from(idx.map((i) => data.y[i])),
        });
        const train = side(trainIdx);
        const test = side(rows);
        const ctx = { kernels, foldCache: new Map<string, unknown>(), seed: 1, hints: {}, classes };
        for (const c of ref.candidates) {
          const params = { priors: c.params.priors, varSmoothing: c.params.var_smoothing };
          const learned = gaussianNb.trainer.fit(ctx, train, params);
          const prior = Array.from(learned.classPrior as Float64Array);
          if (c.params.priors) expect(prior).toEqual(c.params.priors);
          prior.forEach((p, j) => expect(Math.abs(p - c.class_prior[k][j])).toBeLessThanOrEqual(1e-15));
          const p = gaussianNb.trainer.evaluate(ctx, train, test, params);
          const where = `${JSON.stringify(c.params)} fold ${k}`;
          expect(Array.from(p.yPred), where).toEqual(c.predict[k]);
          c.predict_proba[k].flat().forEach((v, j) => expect(Math.abs(p.proba![j] - v), `${where} proba ${j}`).toBeLessThanOrEqual(TOL));
        }
      }
    });
  }

  it('the refit model of each priors candidate (result.model) predicts as scikit-learn fitted on all rows', async () => {
    const ref = fixture.cases.find((c) => c.dataset === 'wine')!;
    const wine = loadDataset('wine');
    for (const c of ref.candidates.filter((x) => x.params.var_smoothing === 1e-9)) {
      const result = await tune({
        model: 'gaussian-nb', data: { X: wine.X, y: wine.y }, space: { priors: [c.params.priors], varSmoothing: [1e-9] },
        cv: { foldIds: ref.fold_ids }, pool,
      });
      const model = result.model!;
      expect(Array.from(model.parameters.classPrior as Float64Array)).toEqual(c.full.class_prior);
      const rows = wine.X.slice(0, c.full.predict.length);
      expect(Array.from(model.predict(rows))).toEqual(c.full.predict);
      c.full.predict_proba.flat().forEach((v, j) => expect(Math.abs(model.predictProba(rows)[j] - v)).toBeLessThanOrEqual(TOL));
    }
  });
});

describe('gaussian-nb priors in a search', () => {
  it('priors follow the sorted labels: string labels in another order give the same fits as the numbers', async () => {
    // 0 -> 'c', 1 -> 'a', 2 -> 'b': sorted labels a, b, c are numeric classes 1, 2, 0.
    const names = ['c', 'a', 'b'];
    const cv = { folds: 5, shuffle: true, seed: 3 };
    const byName = await tune({ model: 'gaussian-nb', data: { X: iris.X, y: iris.y.map((c) => names[c]) }, space: { priors: [[0.5, 0.3, 0.2]] }, cv, pool });
    const byNumber = await tune({ model: 'gaussian-nb', data: { X: iris.X, y: iris.y }, space: { priors: [[0.2, 0.5, 0.3]] }, cv, pool });
    expect(byName.trials[0].foldScores).toEqual(byNumber.trials[0].foldScores);
    expect(Array.from(byName.model!.parameters.classPrior as Float64Array)).toEqual([0.5, 0.3, 0.2]);
    const rows = iris.X.slice(45, 110);
    expect(byName.model!.predict(rows)).toEqual(Array.from(byNumber.model!.predict(rows)).map((c) => names[c]));
  });

  it('a training fold without a class that has a positive prior fails that trial with the reason; the worker lives on', async () => {
    const one = createPool({ workers: 1 });
    try {
      // Fold 0 tests every class-2 row, so its training rows have none; fold 1 is ordinary.
      const foldIds = iris.y.map((c, i) => (c === 2 ? 0 : i % 2));
      const r = await tune({
        model: 'gaussian-nb', data: { X: iris.X, y: iris.y }, space: { priors: [[0.2, 0.3, 0.5], [0.5, 0.5, 0]] },
        cv: { foldIds }, pool: one, refit: false,
      });
      expect(r.trials.map((t) => t.status)).toEqual(['failed', 'ok']);
      expect(r.trials[0].error).toMatch(/position 2 of the sorted labels a prior of 0\.5.*no rows of that class/);
      expect(one.liveWorkers).toBe(1);
      const again = await tune({ model: 'gaussian-nb', data: { X: iris.X, y: iris.y }, space: { priors: [[0.2, 0.3, 0.5]] }, pool: one });
      expect(again.trials[0].status).toBe('ok');
    } finally {
      await one.dispose();
    }
  });

  it('TPE over priors x varSmoothing: every trial runs, params hold the listed arrays, results serialise them', async () => {
    const choices = [null, [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]];
    const r = await tune({
      model: 'gaussian-nb', data: { X: iris.X, y: iris.y },
      space: { priors: choices, varSmoothing: float(1e-10, 1e-1, { log: true }) },
      search: { strategy: 'tpe', trials: 12 }, seed: 4, pool,
    });
    expect(r.trials).toHaveLength(12);
    for (const t of r.trials) {
      expect(t.status, t.error ?? '').toBe('ok');
      expect(choices).toContainEqual(t.params.priors);
    }
    const json = JSON.parse(JSON.stringify(r.toJSON())) as { trials: { params: { priors: unknown } }[] };
    expect(json.trials.map((t) => t.params.priors)).toEqual(r.trials.map((t) => t.params.priors));
    expect(r.toCSV()).toMatch(/"\[0\.2,0\.3,0\.5\]"|"\[0\.3333333333333333,0\.3333333333333333,0\.3333333333333333\]"/);
  });
});

describe('gaussian-nb priors in an Optuna journal', () => {
  const space = { priors: [null, [0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]], varSmoothing: [1e-9, 1e-3] };
  const base = { model: 'gaussian-nb' as const, data: { X: iris.X, y: iris.y }, cv: { folds: 3, shuffle: true, seed: 2 }, pool, refit: false };

  it('array choices are stored as JSON texts; a resumed grid skips what it completed', async () => {
    const storage = join(dir, 'gnb.log');
    const first = await tune({ ...base, space, search: { strategy: 'grid', trials: 4 }, study: { name: 'gnb', storage } });
    expect(first.trials).toHaveLength(4);
    const second = await tune({ ...base, space, study: { name: 'gnb', storage } });
    expect(second.trials).toHaveLength(2);
    const all = [...first.trials, ...second.trials].map((t) => JSON.stringify([t.params.priors, t.params.varSmoothing]));
    expect(new Set(all).size).toBe(6);
    const lines = readFileSync(storage, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const text = JSON.stringify(lines);
    expect(text).toContain('hyperwasm:json_choices');
    expect(text).toContain(JSON.stringify('[0.2, 0.3, 0.5]').slice(1, -1));
  });

  it('Python Optuna 3.1 loads the study and decodes the priors', async (ctx) => {
    if (!requireComponent('python3-optuna', hasOptuna())) return ctx.skip();
    const storage = join(dir, 'gnb-py.log');
    const r = await tune({ ...base, space, study: { name: 'gnb', storage } });
    const script = [
      'import json, sys, optuna',
      'optuna.logging.set_verbosity(optuna.logging.WARNING)',
      's = optuna.load_study(study_name="gnb", storage=optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(sys.argv[1])))',
      'names = s.system_attrs["hyperwasm:json_choices"]',
      'print(json.dumps({"names": names, "trials": [{"params": {k: (json.loads(v) if k in names else v) for k, v in t.params.items()}, "value": t.value} for t in s.trials]}))',
    ].join('\n');
    const out = JSON.parse(runPython(script, [storage])) as { names: string[]; trials: { params: { priors: unknown; varSmoothing: number }; value: number }[] };
    expect(out.names).toEqual(['priors']);
    // Trials are numbered as they finished (two workers): compare as sorted lists.
    const key = (x: unknown[]) => JSON.stringify(x);
    expect(out.trials.map((t) => key([t.params.priors, t.params.varSmoothing, t.value])).sort()).toEqual(
      r.trials.map((t) => key([t.params.priors, t.params.varSmoothing, t.meanScore])).sort(),
    );
  });
});
