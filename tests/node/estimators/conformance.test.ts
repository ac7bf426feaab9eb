/**
 * One conformance suite over every registered estimator (scikit-learn's parametrize_with_checks in spirit): each model
 * runs through the public tune() with its defaults and must give finite scores, a refit model whose predictions have
 * the right shape and label space, learned parameters kept apart from hyperparameters, identical results for the same
 * seed, and a TuneError for every invalid hyperparameter value its schema can express.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, listModels, TuneError, type ModelInfo, type TuneOptions } from '../../../src/index.node';
import type { HyperparameterSchema } from '../../../src/estimators/types';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const diabetes = loadDataset('diabetes');
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

function baseOptions(m: ModelInfo): TuneOptions {
  const data = m.kind === 'regressor' ? diabetes : iris;
  return {
    model: m.id,
    data: { X: data.X, y: m.kind === 'clusterer' ? undefined : data.y },
    space: {},
    cv: m.kind === 'clusterer' ? undefined : { folds: 3, shuffle: true, seed: 5 },
    // Gradient methods and KNN on raw diabetes/iris units are fine; standardising keeps every model well conditioned.
    preprocess: 'standardize',
    seed: 11,
    pool,
  };
}

/** Values the schema forbids, one per rule it states. */
function invalidValues(s: HyperparameterSchema): unknown[] {
  switch (s.type) {
    case 'enum':
      return ['definitely-not-a-valid-value'];
    case 'bool':
      return ['yes'];
    case 'int':
      return [1.5, ...(s.min !== undefined ? [s.min - 1] : []), ...(s.max !== undefined ? [s.max + 1] : [])];
    case 'float':
      return [
        Infinity,
        ...(s.min !== undefined ? [s.exclusiveMin ? s.min : s.min - 1] : []),
        ...(s.max !== undefined ? [s.exclusiveMax ? s.max : s.max + 1] : []),
      ];
    case 'int-array':
      // Plain numbers are wrapped once more: a space's [x] lists x, so [[]] is the candidate [], [[0]] the candidate [0].
      return [[], [s.min - 1], [1.5], 64];
    case 'float-array':
      // As for int-array, a space's [x] lists x: [[]] is the candidate [], 0.5 a plain number where an array belongs.
      return [
        [], [Infinity], 0.5,
        ...(s.min !== undefined ? [[s.min - 1]] : []),
        ...(s.max !== undefined ? [[s.max + 1]] : []),
        ...(s.nullable ? [] : [null]),
      ];
  }
}

const models = listModels();

describe('estimator conformance', () => {
  it('covers every model id', () => {
    expect(models.map((m) => m.id).sort()).toEqual(
      ['decision-tree-classifier', 'decision-tree-regressor', 'elastic-net', 'gaussian-mixture', 'gaussian-nb', 'kmeans', 'knn-classifier', 'knn-regressor', 'lasso', 'linear-regression', 'logistic-regression', 'mlp-classifier', 'mlp-regressor', 'random-forest-classifier', 'random-forest-regressor', 'ridge', 'sgd-classifier', 'sgd-regressor', 'svc', 'svr'].sort(),
    );
  });

  for (const m of models) {
    describe(m.id, () => {
      it('tunes with its defaults: finite scores, a refit model with the right output shape', async () => {
        const opts = baseOptions(m);
        const result = await tune(opts);
        expect(result.trials).toHaveLength(1);
        const t = result.trials[0];
        expect(t.status, t.error ?? '').toBe('ok');
        expect(Number.isFinite(t.meanScore)).toBe(true);
        const X = (opts.data.X as number[][]).slice(0, 20);
        const model = result.model!;
        const pred = model.predict(X);
        expect(pred).toHaveLength(20);
        expect(pred.every(Number.isFinite)).toBe(true);
        if (m.kind === 'classifier') {
          for (const p of pred) expect([0, 1, 2]).toContain(p);
          const proba = (() => {
            try {
              return model.predictProba(X);
            } catch (e) {
              expect((e as TuneError).code).toBe('NO_PROBABILITIES');
              return null;
            }
          })();
          if (proba) {
            expect(proba).toHaveLength(20 * 3);
            for (let r = 0; r < 20; r++) expect(proba[r * 3] + proba[r * 3 + 1] + proba[r * 3 + 2]).toBeCloseTo(1, 12);
          }
        }
        if (m.kind === 'clusterer') {
          for (const p of pred) expect(Number.isInteger(p) && p >= 0).toBe(true);
        }
        expect(() => model.predict([[1, 2]])).toThrow(TuneError); // wrong feature count
      });

      it('keeps learned parameters apart from hyperparameters, and both JSON-serialisable', async () => {
        const result = await tune(baseOptions(m));
        const model = result.model!;
        expect(model.hyperparameters).toEqual(result.best!.params);
        const learned = Object.keys(model.parameters);
        expect(learned.length).toBeGreaterThan(0);
        for (const name of learned) expect(Object.keys(m.hyperparameters), `${name} is both`).not.toContain(name);
        const json = JSON.parse(JSON.stringify(model.toJSON())) as { model: string; parameters: Record<string, unknown> };
        expect(json.model).toBe(m.id);
        expect(Object.keys(json.parameters).sort()).toEqual([...learned].sort());
      });

      it('is deterministic for a seed: same scores and same learned parameters', async () => {
        const [a, b] = [await tune(baseOptions(m)), await tune(baseOptions(m))];
        expect(a.trials[0].foldScores).toEqual(b.trials[0].foldScores);
        expect(a.model!.toJSON()).toEqual(b.model!.toJSON());
      });

      it('rejects every invalid hyperparameter value with a TuneError before any work', async () => {
        for (const [name, schema] of Object.entries(m.hyperparameters)) {
          for (const bad of invalidValues(schema)) {
            const err = await tune({ ...baseOptions(m), space: { [name]: [bad] } as TuneOptions['space'] }).then(
              () => null,
              (e: unknown) => e,
            );
            expect(err, `${m.id}.${name} = ${String(bad)}`).toBeInstanceOf(TuneError);
            expect((err as TuneError).code, `${m.id}.${name} = ${String(bad)}`).toMatch(/INVALID_HYPERPARAMETER|INVALID_SPACE_VALUE|EXCEEDS_TRAINING_ROWS/);
            expect((err as TuneError).message).toContain(name);
          }
        }
      });
    });
  }
});
