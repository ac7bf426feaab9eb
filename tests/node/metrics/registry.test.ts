import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareScores,
  getMetric,
  isBetter,
  METRIC_NAMES,
  METRICS,
  type MetricInput,
  type MetricName,
} from '../../../src/metrics';
import { expectTuneError, f64, matrix } from './helpers';

/** The documented direction of every metric: true = greater is better. */
const GREATER_IS_BETTER: Record<MetricName, boolean> = {
  accuracy: true,
  balancedAccuracy: true,
  f1: true,
  f1Macro: true,
  f1Weighted: true,
  f1Micro: true,
  precision: true,
  recall: true,
  logLoss: false,
  rocAuc: true,
  matthews: true,
  r2: true,
  mse: false,
  rmse: false,
  mae: false,
  explainedVariance: true,
  silhouette: true,
  calinskiHarabasz: true,
  daviesBouldin: false,
  inertia: false,
  adjustedRand: true,
  nmi: true,
  bic: false,
  aic: false,
  logLikelihood: true,
};

/** Scores from a probabilistic model's own likelihood: need neither labels nor X. */
const LIKELIHOOD: MetricName[] = ['bic', 'aic', 'logLikelihood'];

describe('registry', () => {
  it('holds exactly the 25 documented names, each under its own name', () => {
    expect(METRIC_NAMES).toHaveLength(25);
    expect(Object.keys(METRICS).sort()).toEqual([...METRIC_NAMES].sort());
    expect(Object.keys(GREATER_IS_BETTER).sort()).toEqual([...METRIC_NAMES].sort());
    for (const name of METRIC_NAMES) expect(getMetric(name).name).toBe(name);
  });

  it('declares each direction as documented', () => {
    for (const name of METRIC_NAMES) expect(getMetric(name).greaterIsBetter, name).toBe(GREATER_IS_BETTER[name]);
  });

  it('declares tasks and needs', () => {
    const names = (pred: (n: MetricName) => boolean): MetricName[] => METRIC_NAMES.filter(pred);
    expect(names((n) => METRICS[n].needsProba)).toEqual(['logLoss', 'rocAuc']);
    expect(names((n) => METRICS[n].needsX)).toEqual(['silhouette', 'calinskiHarabasz', 'daviesBouldin', 'inertia']);
    expect(names((n) => !METRICS[n].needsLabels)).toEqual([...names((n) => METRICS[n].needsX), ...LIKELIHOOD]);
    expect(names((n) => METRICS[n].task === 'regression')).toEqual(['r2', 'mse', 'rmse', 'mae', 'explainedVariance']);
    expect(names((n) => METRICS[n].task === 'clustering')).toEqual([
      'silhouette',
      'calinskiHarabasz',
      'daviesBouldin',
      'inertia',
      'adjustedRand',
      'nmi',
      ...LIKELIHOOD,
    ]);
  });

  it("rejects unknown names with UNKNOWN_METRIC and a suggestion ('acuracy' -> 'accuracy')", () => {
    const err = expectTuneError(() => getMetric('acuracy'), 'UNKNOWN_METRIC', /Did you mean 'accuracy'\?/);
    expect(err.details?.suggestion).toBe('accuracy');
    expectTuneError(() => getMetric('neg_log_loss'), 'UNKNOWN_METRIC', /Unknown metric 'neg_log_loss'/);
    // names are exact: no snake_case aliases, no prototype keys
    expectTuneError(() => getMetric('f1_macro'), 'UNKNOWN_METRIC', /Did you mean 'f1Macro'\?/);
    expectTuneError(() => getMetric('toString'), 'UNKNOWN_METRIC', /Valid metrics: accuracy, /);
  });
});

describe('isBetter / compareScores', () => {
  const acc = getMetric('accuracy');
  const mse = getMetric('mse');

  it('follows the direction', () => {
    expect(isBetter(acc, 0.9, 0.8)).toBe(true);
    expect(isBetter(acc, 0.8, 0.9)).toBe(false);
    expect(isBetter(mse, 0.8, 0.9)).toBe(true);
    expect(isBetter(mse, 0.9, 0.8)).toBe(false);
    expect(isBetter(acc, 0.5, 0.5)).toBe(false);
  });

  it('ranks NaN worst in both directions', () => {
    for (const m of [acc, mse]) {
      expect(isBetter(m, NaN, 0.5)).toBe(false);
      expect(isBetter(m, 0.5, NaN)).toBe(true);
      expect(isBetter(m, -Infinity, NaN)).toBe(true);
      expect(isBetter(m, Infinity, NaN)).toBe(true);
      expect(isBetter(m, NaN, NaN)).toBe(false);
    }
  });

  it('compareScores sorts best first with NaN last, for either direction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constant(NaN))),
        fc.constantFrom(...METRIC_NAMES),
        (scores, name) => {
          const m = getMetric(name);
          const sorted = [...scores].sort((a, b) => compareScores(m, a, b));
          for (let i = 1; i < sorted.length; i++) expect(isBetter(m, sorted[i], sorted[i - 1])).toBe(false);
          const firstNaN = sorted.findIndex((v) => Number.isNaN(v));
          if (firstNaN >= 0) expect(sorted.slice(firstNaN).every((v) => Number.isNaN(v))).toBe(true);
        },
      ),
    );
  });
});

/*
 * Direction checks: for each metric a good and a bad input over the same rows; the good one must win under
 * isBetter. Classification: perfect vs partly wrong; regression: close vs far; clustering: the natural split of
 * two separated groups vs a split that mixes them.
 */
const yTrue = f64([0, 0, 1, 1, 2, 2]);
const X = matrix([[0], [1], [10], [11], [20], [21]]);
const CLASSES = f64([0, 1, 2]);
/** Each row puts `hit` on the given class, the rest spread evenly. */
const probaFor = (labels: number[], hit: number): Float64Array =>
  f64(labels.flatMap((c) => [0, 1, 2].map((j) => (j === c ? hit : (1 - hit) / 2))));

const GOOD: MetricInput = {
  yTrue,
  yPred: f64([0, 0, 1, 1, 2, 2]),
  proba: probaFor([0, 0, 1, 1, 2, 2], 0.8),
  classes: CLASSES,
  X,
  // What a mixture would report: the better fit has the higher mean log-likelihood (same parameter count).
  logLikelihood: -1,
  nParameters: 5,
};
const BAD: MetricInput = {
  yTrue,
  yPred: f64([0, 1, 1, 2, 2, 0]),
  proba: probaFor([0, 1, 1, 2, 2, 0], 0.8),
  classes: CLASSES,
  X,
  logLikelihood: -3,
  nParameters: 5,
};
const REG_GOOD: MetricInput = { yTrue: f64([1, 2, 3, 4]), yPred: f64([1.1, 2, 2.9, 4.2]) };
const REG_BAD: MetricInput = { yTrue: f64([1, 2, 3, 4]), yPred: f64([3, 1, 4, 1]) };

describe('direction: a better prediction scores better for every metric', () => {
  for (const name of METRIC_NAMES) {
    it(name, () => {
      const m = getMetric(name);
      const [good, bad] = m.task === 'regression' ? [REG_GOOD, REG_BAD] : [GOOD, BAD];
      const g = m.compute(good);
      const b = m.compute(bad);
      expect(Number.isFinite(g) && Number.isFinite(b), `${g} / ${b}`).toBe(true);
      expect(isBetter(m, g, b), `${name}: good ${g} vs bad ${b}`).toBe(true);
    });
  }
});

describe('input errors name the rule', () => {
  it('supervised metrics need yTrue of yPred length', () => {
    for (const name of ['accuracy', 'r2', 'logLoss', 'nmi'] as const) {
      expectTuneError(
        () => getMetric(name).compute({ yTrue: null, yPred: f64([1]) }),
        'METRIC_NEEDS_LABELS',
        new RegExp(`'${name}'.*pass yTrue`),
      );
      expectTuneError(
        () => getMetric(name).compute({ yTrue: f64([1, 2]), yPred: f64([1]) }),
        'METRIC_LENGTH_MISMATCH',
        /equal length, got 2 and 1/,
      );
    }
  });

  it('probability metrics need proba and classes of matching size', () => {
    const base = { yTrue: f64([0, 1]), yPred: f64([0, 1]) };
    expectTuneError(() => getMetric('rocAuc').compute(base), 'METRIC_NEEDS_PROBA', /pass proba .* and classes/);
    expectTuneError(
      () => getMetric('logLoss').compute({ ...base, proba: f64([0.5, 0.5, 0.5]), classes: f64([0, 1]) }),
      'METRIC_LENGTH_MISMATCH',
      /rows \* classes = 2 \* 2, got 3/,
    );
  });

  it('feature metrics need X with one row per prediction', () => {
    expectTuneError(
      () => getMetric('silhouette').compute({ yTrue: null, yPred: f64([0, 1, 1]) }),
      'METRIC_NEEDS_X',
      /pass X/,
    );
    expectTuneError(
      () => getMetric('inertia').compute({ yTrue: null, yPred: f64([0, 1, 1]), X: matrix([[0], [1]]) }),
      'METRIC_LENGTH_MISMATCH',
      /one X row per prediction/,
    );
  });

  it('labels must be finite numbers', () => {
    expectTuneError(
      () => getMetric('f1').compute({ yTrue: f64([0, 1]), yPred: f64([0, NaN]) }),
      'METRIC_BAD_LABEL',
      /got NaN in yPred at index 1/,
    );
    expectTuneError(
      () => getMetric('daviesBouldin').compute({ yTrue: null, yPred: f64([0, Infinity]), X: matrix([[0], [1]]) }),
      'METRIC_BAD_LABEL',
      /got Infinity in yPred/,
    );
  });

  it('never mutates its input', () => {
    const snapshot = (i: MetricInput): number[][] =>
      [i.yTrue!, i.yPred, i.proba!, i.classes!, i.X!.values].map((a) => Array.from(a));
    const before = snapshot(GOOD);
    for (const name of METRIC_NAMES) {
      if (getMetric(name).task !== 'regression') getMetric(name).compute(GOOD);
    }
    expect(snapshot(GOOD)).toEqual(before);
  });
});
