import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMetric, type MetricInput, type MetricName } from '../../../src/metrics';
import { expectClose, f64 } from './helpers';

const score = (name: MetricName, input: MetricInput): number => getMetric(name).compute(input);

/*
 * Multiclass fixture, by hand:
 *   yTrue = [0, 0, 0, 1, 1, 2], yPred = [0, 0, 1, 1, 2, 2]
 *   confusion (row true, col pred): [[2,1,0],[0,1,1],[0,0,1]]; correct = 4 of 6
 *   support (row sums) [3,2,1], predicted (col sums) [2,2,2]
 *   precision = [2/2, 1/2, 1/2]   recall = [2/3, 1/2, 1/1]
 *   f1 = [2*1*(2/3)/(5/3) = 4/5, 1/2, 2*(1/2)*1/(3/2) = 2/3]
 *   f1Macro = (4/5 + 1/2 + 2/3) / 3 = 59/90; f1Weighted = (3*4/5 + 2*1/2 + 1*2/3) / 6 = 61/90; f1Micro = 4/6
 *   precision (macro) = 2/3; recall (macro) = balancedAccuracy = (2/3 + 1/2 + 1) / 3 = 13/18
 *   matthews: t.p = 3*2+2*2+1*2 = 12, p.p = 12, t.t = 14, n = 6:
 *     (4*6 - 12) / sqrt((36 - 14) * (36 - 12)) = 12 / sqrt(528)
 */
const multi: MetricInput = { yTrue: f64([0, 0, 0, 1, 1, 2]), yPred: f64([0, 0, 1, 1, 2, 2]) };

/*
 * Binary fixture, by hand (positive label 1):
 *   yTrue = [0, 1, 1, 0, 1, 0], yPred = [1, 1, 0, 1, 1, 0]
 *   tp = 2 (rows 1, 4), predicted positive = 4 (rows 0, 1, 3, 4), true positive = 3 (rows 1, 2, 4), tn = 1 (row 5)
 *   precision = 2/4, recall = 2/3, f1 = 2 * (1/2)(2/3) / (7/6) = 4/7, accuracy = 3/6
 *   matthews = (tp*tn - fp*fn) / sqrt(...) = (2*1 - 2*1) / ... = 0
 */
const bin: MetricInput = { yTrue: f64([0, 1, 1, 0, 1, 0]), yPred: f64([1, 1, 0, 1, 1, 0]) };

describe('classification, hand-checked multiclass', () => {
  const cases: [MetricName, number][] = [
    ['accuracy', 4 / 6],
    ['balancedAccuracy', 13 / 18],
    ['f1Macro', 59 / 90],
    ['f1Weighted', 61 / 90],
    ['f1Micro', 4 / 6],
    ['f1', 59 / 90],
    ['precision', 2 / 3],
    ['recall', 13 / 18],
    ['matthews', 12 / Math.sqrt(528)],
  ];
  for (const [name, expected] of cases) {
    it(`${name} = ${expected}`, () => expectClose(score(name, multi), expected, 1e-12, name));
  }
});

describe('classification, hand-checked binary', () => {
  it('f1 / precision / recall score the greater label as positive', () => {
    expectClose(score('precision', bin), 1 / 2, 1e-12);
    expectClose(score('recall', bin), 2 / 3, 1e-12);
    expectClose(score('f1', bin), 4 / 7, 1e-12);
    expectClose(score('accuracy', bin), 1 / 2, 1e-12);
    expect(score('matthews', bin)).toBe(0);
  });

  it('labels {2, 5} behave as {0, 1}: the positive label is 5, not "1"', () => {
    const relabel = (y: Float64Array): Float64Array => y.map((v) => (v === 1 ? 5 : 2));
    const input = { yTrue: relabel(bin.yTrue!), yPred: relabel(bin.yPred) };
    expectClose(score('f1', input), 4 / 7, 1e-12);
    expectClose(score('precision', input), 1 / 2, 1e-12);
  });

  it('f1Macro on binary data averages both classes', () => {
    // class 0: tp = 1 (row 5), predicted 2 (rows 2, 5), support 3 (rows 0, 3, 5): p = 1/2, r = 1/3, f1 = 2/5
    // class 1: f1 = 4/7 (above). Macro = (2/5 + 4/7) / 2 = 17/35.
    expectClose(score('f1Macro', bin), 17 / 35, 1e-12);
  });

  it('zero division gives 0: no positive predicted and none true', () => {
    const input = { yTrue: f64([0, 0, 0]), yPred: f64([0, 0, 0]), classes: f64([0, 1]) };
    // positive label 1 (from classes): tp = 0, predicted positive 0, true positive 0 -> 0/0 -> 0 everywhere
    expect(score('precision', input)).toBe(0);
    expect(score('recall', input)).toBe(0);
    expect(score('f1', input)).toBe(0);
    // without classes the single observed label 0 is the positive one: perfect
    expect(score('f1', { yTrue: input.yTrue, yPred: input.yPred })).toBe(1);
  });

  it('a constant prediction gives matthews 0 (sklearn) rather than NaN', () => {
    expect(score('matthews', { yTrue: f64([0, 1, 1]), yPred: f64([1, 1, 1]) })).toBe(0);
  });

  it('three training classes but two in the fold: plain f1 averages over the labels present (macro)', () => {
    const input = { ...bin, classes: f64([0, 1, 2]) };
    expectClose(score('f1', input), 17 / 35, 1e-12);
  });

  it('balancedAccuracy ignores labels that are only predicted', () => {
    // true label 0 recall 1/2 (rows 0, 1), label 1 recall 1 (row 2); label 7 only predicted: skipped
    const input = { yTrue: f64([0, 0, 1]), yPred: f64([0, 7, 1]) };
    expectClose(score('balancedAccuracy', input), 3 / 4, 1e-12);
  });

  it('empty input gives NaN', () => {
    for (const name of ['accuracy', 'balancedAccuracy', 'f1', 'f1Macro', 'matthews'] as const) {
      expect(score(name, { yTrue: f64([]), yPred: f64([]) })).toBeNaN();
    }
  });
});

/** Equal-length label vectors over a few classes. */
const labelPairs = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([t, p]): MetricInput => ({ yTrue: f64(t), yPred: f64(p) }));

describe('classification properties', () => {
  it('accuracy is in [0, 1] and 1 when yPred = yTrue', () => {
    fc.assert(
      fc.property(labelPairs, (input) => {
        const a = score('accuracy', input);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(score('accuracy', { yTrue: input.yTrue, yPred: input.yTrue! })).toBe(1);
      }),
    );
  });

  it('f1, precision, recall, balancedAccuracy are in [0, 1]; matthews in [-1, 1]', () => {
    fc.assert(
      fc.property(labelPairs, (input) => {
        for (const name of ['f1', 'f1Macro', 'f1Weighted', 'precision', 'recall', 'balancedAccuracy'] as const) {
          const v = score(name, input);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
        const m = score('matthews', input);
        expect(Math.abs(m)).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it('f1Micro equals accuracy (single-label data)', () => {
    fc.assert(
      fc.property(labelPairs, (input) => {
        expectClose(score('f1Micro', input), score('accuracy', input), 1e-12);
      }),
    );
  });

  it('perfect predictions score 1 everywhere (matthews too when two or more labels occur)', () => {
    fc.assert(
      fc.property(labelPairs, ({ yTrue }) => {
        const input = { yTrue, yPred: yTrue! };
        for (const name of ['f1', 'f1Macro', 'f1Weighted', 'precision', 'recall', 'balancedAccuracy'] as const) {
          expectClose(score(name, input), 1, 1e-12, name);
        }
        const distinct = new Set(yTrue).size;
        expect(score('matthews', input)).toBe(distinct >= 2 ? 1 : 0);
      }),
    );
  });

  it('scores do not depend on row order', () => {
    fc.assert(
      fc.property(labelPairs, fc.integer(), (input, shift) => {
        const n = input.yPred.length;
        const s = ((shift % n) + n) % n;
        const rot = (y: Float64Array): Float64Array => f64([...y.subarray(s), ...y.subarray(0, s)]);
        const rotated = { yTrue: rot(input.yTrue!), yPred: rot(input.yPred) };
        for (const name of ['f1', 'f1Weighted', 'balancedAccuracy', 'matthews'] as const) {
          expectClose(score(name, rotated), score(name, input), 1e-12, name);
        }
      }),
    );
  });
});
