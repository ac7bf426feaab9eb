/**
 * Validation rules that need an estimator double: the probability check asks `supportsProba` with every default
 * filled in, and names the settings that would give probabilities.
 */
import { describe, expect, it } from 'vitest';
import { checkProbaSupport, validateCandidate, withDefaults } from '../../../src/validate';
import { knnClassifier } from '../../../src/estimators/knn-classifier';
import type { EstimatorDef } from '../../../src/estimators/types';
import type { Params } from '../../../src/types';
import { TuneError } from '../../../src/errors';

/** knn-classifier as if it gave probabilities only with uniform weights. */
function fakeDef(calls: Params[]): EstimatorDef {
  return {
    ...knnClassifier,
    supportsProba(params) {
      calls.push(params);
      return params.weights === 'uniform';
    },
  };
}

const ctx = { minTrainRows: 100, split: 'test split' };

function thrown(fn: () => void): TuneError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TuneError);
    return e as TuneError;
  }
  throw new Error('expected a TuneError');
}

describe('probability metrics and supportsProba', () => {
  it('rejects a candidate without probabilities when a metric needs them, naming the fix', () => {
    const calls: Params[] = [];
    const def = fakeDef(calls);
    const e = thrown(() => validateCandidate(def, { weights: 'distance' }, ctx, ['accuracy', 'logLoss']));
    expect(e.code).toBe('METRIC_NEEDS_PROBA');
    expect(e.message).toBe(
      "Metric 'logLoss' scores predicted probabilities, but knn-classifier gives none with these hyperparameters. " +
        'Set weights to "uniform" (it is "distance") in the space, or rank by a label metric such as accuracy instead.',
    );
    // Asked with every default filled in.
    expect(Object.keys(calls[0]).sort()).toEqual(['nNeighbors', 'p', 'weights']);
    expect(calls[0]).toEqual({ nNeighbors: 5, weights: 'distance', p: 2 });
  });

  it('accepts candidates with probabilities, and any candidate when no metric needs them', () => {
    const def = fakeDef([]);
    expect(() => validateCandidate(def, { weights: 'uniform' }, ctx, ['rocAuc'])).not.toThrow();
    expect(() => validateCandidate(def, {}, ctx, ['logLoss'])).not.toThrow(); // default weights: uniform
    expect(() => validateCandidate(def, { weights: 'distance' }, ctx, ['accuracy', 'f1Macro'])).not.toThrow();
  });

  it('an estimator without supportsProba is taken to give probabilities', () => {
    expect(knnClassifier.supportsProba).toBeUndefined();
    expect(() => checkProbaSupport(knnClassifier, withDefaults(knnClassifier, {}), ['logLoss'])).not.toThrow();
  });

  it('withDefaults puts the candidate over every default', () => {
    expect(withDefaults(knnClassifier, { nNeighbors: 3 })).toEqual({ nNeighbors: 3, weights: 'uniform', p: 2 });
  });
});
