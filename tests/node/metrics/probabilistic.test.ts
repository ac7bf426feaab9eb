import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMetric, LOG_LOSS_EPS, type MetricInput } from '../../../src/metrics';
import { expectClose, expectTuneError, f64 } from './helpers';

const logLoss = (input: MetricInput): number => getMetric('logLoss').compute(input);
const rocAuc = (input: MetricInput): number => getMetric('rocAuc').compute(input);

/** Binary input from the positive-class scores (column classes[1]); yPred is unused by these metrics. */
function binary(yTrue: number[], pos: number[], classes = [0, 1]): MetricInput {
  return {
    yTrue: f64(yTrue),
    yPred: f64(yTrue),
    proba: f64(pos.flatMap((p) => [1 - p, p])),
    classes: f64(classes),
  };
}

describe('logLoss, hand-checked', () => {
  it('mean of -ln(probability of the true class)', () => {
    // rows: true 0 with P(0) = 0.8, true 1 with P(1) = 0.6 -> (-ln 0.8 - ln 0.6) / 2
    expectClose(logLoss(binary([0, 1], [0.2, 0.6])), -(Math.log(0.8) + Math.log(0.6)) / 2, 1e-15);
  });

  it('renormalises rows that do not sum to 1, after clipping (as sklearn 1.2)', () => {
    // row [0.1, 0.3] for true class 0 -> 0.1 / 0.4 = 0.25
    const input = { yTrue: f64([0]), yPred: f64([0]), proba: f64([0.1, 0.3]), classes: f64([0, 1]) };
    expectClose(logLoss(input), -Math.log(0.25), 1e-15);
    // row [2, 6]: both clipped to 1 - eps first, so the renormalised row is [0.5, 0.5]
    expectClose(logLoss({ ...input, proba: f64([2, 6]) }), Math.LN2, 1e-15);
  });

  it('clips to [eps, 1 - eps] with eps = 2^-52: a confident miss costs 52 ln 2, not Infinity', () => {
    expect(LOG_LOSS_EPS).toBe(2 ** -52);
    // true class 1 with P(1) = 0 -> clipped to eps; row sum (1 - eps) + eps = 1 -> -ln(2^-52) = 52 ln 2
    expectClose(logLoss(binary([1], [0])), 52 * Math.LN2, 1e-12);
    // a confident hit: P = 1 -> 1 - eps -> -ln(1 - eps) ~ eps, tiny but positive
    const hit = logLoss(binary([1], [1]));
    expect(hit).toBeGreaterThan(0);
    expect(hit).toBeLessThan(1e-15);
  });

  it('multiclass: the column of the true label in classes order', () => {
    // classes [3, 7, 9]; row 0 true 7 -> 0.5, row 1 true 9 -> 0.25
    const input = {
      yTrue: f64([7, 9]),
      yPred: f64([7, 7]),
      proba: f64([0.25, 0.5, 0.25, 0.5, 0.25, 0.25]),
      classes: f64([3, 7, 9]),
    };
    expectClose(logLoss(input), -(Math.log(0.5) + Math.log(0.25)) / 2, 1e-15);
  });

  it('a true label outside classes is an input error (no column to score)', () => {
    expectTuneError(() => logLoss(binary([0, 2], [0.5, 0.5])), 'METRIC_UNKNOWN_LABEL', /true label 2 .*classes/);
  });
});

describe('rocAuc, hand-checked', () => {
  it('the classic example: yTrue [0,0,1,1], scores [0.1,0.4,0.35,0.8] -> 0.75', () => {
    // positive/negative pairs ranked right: (0.35 > 0.1), (0.8 > 0.1), (0.8 > 0.4); wrong: (0.35 < 0.4) -> 3/4
    expectClose(rocAuc(binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])), 0.75, 1e-15);
  });

  it('ties between a positive and a negative count one half', () => {
    expect(rocAuc(binary([0, 1], [0.5, 0.5]))).toBe(0.5);
    // yTrue [0,1,1,0], scores [0.2,0.5,0.5,0.5]: each positive beats the 0.2 negative (2 pairs = 2) and ties the
    // 0.5 negative (2 pairs = 1) -> 3/4
    expectClose(rocAuc(binary([0, 1, 1, 0], [0.2, 0.5, 0.5, 0.5])), 0.75, 1e-15);
  });

  it('binary uses the column of classes[1] as the positive score', () => {
    // labels {4, 9}: positive is 9; perfect ranking of 9 above 4 -> 1
    expect(rocAuc(binary([4, 9, 4, 9], [0.1, 0.9, 0.2, 0.8], [4, 9]))).toBe(1);
    expect(rocAuc(binary([9, 4, 9, 4], [0.1, 0.9, 0.2, 0.8], [4, 9]))).toBe(0);
  });

  it('multiclass is one-vs-rest, unweighted mean over classes', () => {
    /*
     * classes [0,1,2], yTrue [0,1,2,0], rows [.6,.3,.1] [.2,.5,.3] [.3,.3,.4] [.3,.4,.3]
     * class 0: positives .6, .3 vs negatives .2, .3 -> 1 + 1 + 1 + 0.5 = 3.5 / 4 = 0.875
     * class 1: positive .5 vs .3, .3, .4 -> 1;  class 2: positive .4 vs .1, .3, .3 -> 1
     * macro = (0.875 + 1 + 1) / 3
     */
    const input = {
      yTrue: f64([0, 1, 2, 0]),
      yPred: f64([0, 1, 2, 1]),
      proba: f64([0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4, 0.3, 0.4, 0.3]),
      classes: f64([0, 1, 2]),
    };
    expectClose(rocAuc(input), 2.875 / 3, 1e-15);
  });

  it('is NaN when a class has no positive or no negative row (sklearn raises), or a score is NaN', () => {
    expect(rocAuc(binary([1, 1, 1], [0.2, 0.5, 0.9]))).toBeNaN();
    expect(rocAuc(binary([0, 1], [NaN, 0.4]))).toBeNaN();
    const noClass2 = {
      yTrue: f64([0, 1]),
      yPred: f64([0, 1]),
      proba: f64([0.8, 0.1, 0.1, 0.1, 0.8, 0.1]),
      classes: f64([0, 1, 2]),
    };
    expect(rocAuc(noClass2)).toBeNaN();
  });
});

/** Binary labels with both classes present and positive-class probabilities from a coarse grid (forces ties). */
const binaryCase = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 10 })), { minLength: 2, maxLength: 60 })
  .filter((rows) => rows.some(([y]) => y === 0) && rows.some(([y]) => y === 1))
  .map((rows) => ({ y: rows.map(([y]) => y), p: rows.map(([, s]) => s / 10) }));

describe('probabilistic properties', () => {
  it('rocAuc equals the pairwise win rate (ties 1/2), and reversing the scores gives 1 - auc', () => {
    fc.assert(
      fc.property(binaryCase, ({ y, p }) => {
        let wins = 0;
        let pairs = 0;
        for (let i = 0; i < y.length; i++) {
          for (let j = 0; j < y.length; j++) {
            if (y[i] !== 1 || y[j] !== 0) continue;
            pairs++;
            wins += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
          }
        }
        const auc = rocAuc(binary(y, p));
        expectClose(auc, wins / pairs, 1e-12);
        expectClose(rocAuc(binary(y, p.map((v) => 1 - v))), 1 - auc, 1e-12);
      }),
    );
  });

  it('logLoss is >= 0 and rises when probability moves away from the true class', () => {
    fc.assert(
      fc.property(binaryCase, ({ y, p }) => {
        const base = logLoss(binary(y, p));
        expect(base).toBeGreaterThanOrEqual(0);
        // halve every probability given to the true class (towards 0 for positives, towards 1 for negatives)
        const worse = p.map((v, i) => (y[i] === 1 ? v / 2 : (1 + v) / 2));
        expect(logLoss(binary(y, worse))).toBeGreaterThanOrEqual(base);
      }),
    );
  });
});
