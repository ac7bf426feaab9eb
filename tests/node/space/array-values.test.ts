/**
 * Array-valued hyperparameters (hiddenLayerSizes [[64], [128, 64]]): listing, validation, grid indexing, content
 * comparison, sampling, the repeat key, the results' CSV/JSON, and the int-array schema's messages.
 */
import { describe, expect, it } from 'vitest';
import { choice, compileSpace, type SpaceSpec } from '../../../src/space';
import { paramsKey } from '../../../src/search/params-key';
import { createRng } from '../../../src/rng';
import { trialsToCSV, makeResult } from '../../../src/results';
import { validateCandidate, validateSpaceValues } from '../../../src/validate';
import type { EstimatorDef } from '../../../src/estimators/types';
import type { TrialResult } from '../../../src/results';
import { TuneError } from '../../../src/errors';
import { thrown } from '../../helpers/thrown';

describe('array values in a space', () => {
  it('a plain array of arrays lists array values; a plain array of scalars lists scalars', () => {
    const s = compileSpace({ hiddenLayerSizes: [[64], [128, 64]], alpha: [0.1, 1] });
    expect(s.gridSize()).toBe(4);
    expect([0, 1, 2, 3].map((i) => s.gridAt(i))).toEqual([
      // Names sorted (alpha, hiddenLayerSizes), the last varying fastest.
      { hiddenLayerSizes: [64], alpha: 0.1 },
      { hiddenLayerSizes: [128, 64], alpha: 0.1 },
      { hiddenLayerSizes: [64], alpha: 1 },
      { hiddenLayerSizes: [128, 64], alpha: 1 },
    ]);
    expect(compileSpace({ a: [64, 32] }).gridSize()).toBe(2);
    expect(compileSpace({ a: [[64, 32]] }).gridAt(0)).toEqual({ a: [64, 32] });
  });

  it('choice() takes arrays too, and the values are frozen copies', () => {
    const input = [64, 32];
    const c = choice([input, [8]]);
    input[0] = 1;
    expect(c.values).toEqual([[64, 32], [8]]);
    expect(Object.isFrozen(c.values[0])).toBe(true);
    const s = compileSpace({ h: c });
    expect(s.gridAt(0)).toEqual({ h: [64, 32] });
  });

  it('compares arrays by content: repeats are rejected, indexOf finds an equal array of another identity', () => {
    expect(thrown(() => compileSpace({ h: [[64], [32], [64]] }), 'DUPLICATE_CHOICE').message).toMatch(/\[64\] is at positions 0 and 2/);
    expect(thrown(() => choice([[1, 2], [1, 2]]), 'DUPLICATE_CHOICE')).toBeInstanceOf(TuneError);
    const dim = compileSpace({ h: [[64], [128, 64]] }).subspaces[0].dimensions[0];
    expect(dim.indexOf([128, 64])).toBe(1);
    expect(dim.indexOf([64, 128])).toBe(-1);
    expect(dim.indexOf(64)).toBe(-1);
    expect(dim.indexOf('[64]')).toBe(-1);
    // [0] and [-0] are one value, as 0 and -0 are.
    expect(thrown(() => compileSpace({ h: [[0], [-0]] }), 'DUPLICATE_CHOICE')).toBeInstanceOf(TuneError);
  });

  it('rejects nested arrays and non-finite elements, naming the position', () => {
    expect(thrown(() => compileSpace({ h: [[[64]]] } as unknown as SpaceSpec), 'INVALID_SPACE_VALUE').message).toMatch(
      /space\.h\[0\]\[0\].*got an array/,
    );
    expect(thrown(() => compileSpace({ h: [[64, Number.NaN]] }), 'INVALID_SPACE_VALUE').message).toMatch(/space\.h\[0\]\[1\].*NaN/);
  });

  it('overlapping sub-spaces are found through array values', () => {
    expect(thrown(() => compileSpace([{ h: [[64], [32]] }, { h: [[8], [32]] }]), 'OVERLAPPING_SUBSPACES').message).toMatch(/h: \[32\]/);
    expect(compileSpace([{ h: [[64]] }, { h: [[64, 64]] }]).gridSize()).toBe(2);
  });

  it('random sampling draws each array value, and sample agrees with gridAt(sampleIndex)', () => {
    const s = compileSpace({ h: [[64], [128, 64], [32, 32, 32]], a: [1, 2] });
    const seen = new Set<string>();
    const r1 = createRng(3);
    const r2 = createRng(3);
    for (let i = 0; i < 200; i++) {
      const p = s.sample(r1);
      expect(p).toEqual(s.gridAt(s.sampleIndex(r2)));
      seen.add(JSON.stringify(p.h));
    }
    expect(seen.size).toBe(3);
  });

  it('paramsKey tells arrays apart by content and joins equal ones', () => {
    expect(paramsKey({ h: [64, 32], a: 1 })).toBe(paramsKey({ a: 1, h: [64, 32] }));
    expect(paramsKey({ h: [64, 32] })).not.toBe(paramsKey({ h: [32, 64] }));
    expect(paramsKey({ h: [64] })).not.toBe(paramsKey({ h: 64 }));
  });
});

describe('array values in results', () => {
  const trial = (index: number, h: readonly number[]): TrialResult =>
    ({
      index, rank: index + 1, status: 'ok', params: { hiddenLayerSizes: h, alpha: 0.1 }, meanScore: 0.9, stdScore: 0,
      foldScores: [0.9], metrics: { accuracy: { mean: 0.9, std: 0, folds: [0.9] } }, fitMs: 1, scoreMs: 1, error: null,
    }) as unknown as TrialResult;

  it('toCSV writes an array value as its JSON in one quoted cell', () => {
    const csv = trialsToCSV([trial(0, [128, 64]), trial(1, [8])], ['accuracy']);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/param_alpha,param_hiddenLayerSizes/);
    expect(lines[1]).toContain('0.1,"[128,64]"');
    expect(lines[2]).toContain('0.1,[8]');
  });

  it('toJSON keeps arrays as arrays and survives a JSON round trip', () => {
    const r = makeResult({
      best: { index: 0, params: { hiddenLayerSizes: [128, 64] }, score: 0.9, metrics: {} },
      trials: [trial(0, [128, 64])],
      scoring: ['accuracy'],
      model: null,
    } as unknown as Parameters<typeof makeResult>[0]);
    const json = r.toJSON();
    expect(json.trials[0].params.hiddenLayerSizes).toEqual([128, 64]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(json);
  });
});

describe("the 'int-array' schema", () => {
  const def = {
    id: 'mlp-classifier',
    hyperparameters: {
      hiddenLayerSizes: { type: 'int-array', minLength: 1, min: 1, default: [100], doc: '' },
    },
  } as unknown as EstimatorDef;
  const ctx = { minTrainRows: 100, split: 'no cross-validation' };
  const check = (v: unknown) => () => validateCandidate(def, { hiddenLayerSizes: v as number[] }, ctx, []);
  const checkSpace = (spec: SpaceSpec) => () =>
    validateSpaceValues(compileSpace(spec), { defs: [def], perSubspace: [[def]] }, ctx);

  it('accepts arrays of positive integers', () => {
    expect(check([64])).not.toThrow();
    expect(check([128, 64, 1])).not.toThrow();
    expect(checkSpace({ hiddenLayerSizes: [[64], [128, 64]] })).not.toThrow();
  });

  it('rejects empty lists, sizes < 1 and non-integers', () => {
    for (const bad of [[], [0], [64, -1], [1.5], ['64'], 'relu', null]) {
      const e = thrown(check(bad), 'INVALID_HYPERPARAMETER');
      expect(e.message).toMatch(/hiddenLayerSizes must be an array of at least 1 integer >= 1/);
    }
  });

  it('a plain array of numbers is rejected with the two ways to write what was meant', () => {
    const e = thrown(checkSpace({ hiddenLayerSizes: [64, 32] }), 'INVALID_HYPERPARAMETER');
    expect(e.message).toContain('lists plain numbers ([64, 32])');
    expect(e.message).toContain('Write [[64, 32]] for one candidate');
    expect(e.message).toContain('or [[64], [32]] for one candidate per number');
    expect(thrown(checkSpace({ hiddenLayerSizes: choice([64]) }), 'INVALID_HYPERPARAMETER').message).toContain('Write [[64]]');
    expect(thrown(check(64), 'INVALID_HYPERPARAMETER').message).toContain('[[64]] in a space');
  });

  it('a range is rejected: the candidates must be listed', () => {
    const e = thrown(checkSpace({ hiddenLayerSizes: { kind: 'int', low: 1, high: 4, step: 1, log: false } }), 'INVALID_HYPERPARAMETER');
    expect(e.message).toMatch(/list the candidates as arrays/);
  });
});
