import { describe, expect, it } from 'vitest';
import { checkHalvingOptions, checkHyperbandOptions, checkResourceForModel } from '../../../../src/search/halving';
import { checkPrunerOption } from '../../../../src/search/pruners';

const code = (c: string) => expect.objectContaining({ name: 'TuneError', code: c });

describe('search options for halving and hyperband', () => {
  it("fills scikit-learn's defaults", () => {
    expect(checkHalvingOptions({ strategy: 'halving' })).toEqual({
      strategy: 'halving',
      factor: 3,
      resource: 'rows',
      minResource: 'exhaust',
      aggressiveElimination: false,
      resume: true,
    });
    expect(checkHyperbandOptions({ strategy: 'hyperband', resource: 'epochs', maxResource: 81 })).toEqual({
      strategy: 'hyperband',
      factor: 3,
      resource: 'epochs',
      maxResource: 81,
      minResource: 1,
      resume: true,
    });
    expect(checkHalvingOptions({ strategy: 'halving', resume: false }).resume).toBe(false);
  });
  it('rejects bad input with a code and a fix', () => {
    expect(() => checkHalvingOptions({ strategy: 'halving', factor: 1 })).toThrow(code('INVALID_FACTOR'));
    expect(() => checkHalvingOptions({ strategy: 'halving', resource: 'epoch' })).toThrow(/Did you mean 'epochs'/);
    expect(() => checkHalvingOptions({ strategy: 'halving', minResource: 50, maxResource: 10 })).toThrow(code('MIN_RESOURCE_TOO_LARGE'));
    expect(() => checkHalvingOptions({ strategy: 'halving', minResource: 'least' })).toThrow(code('INVALID_MIN_RESOURCE'));
    expect(() => checkHalvingOptions({ strategy: 'halving', factr: 3 })).toThrow(code('UNKNOWN_OPTION'));
    expect(() => checkHyperbandOptions({ strategy: 'hyperband', resource: 'epochs' })).toThrow(code('INVALID_MAX_RESOURCE'));
    expect(() => checkHyperbandOptions({ strategy: 'hyperband', resource: 'epochs', maxResource: 9, minResource: 10 })).toThrow(
      code('MIN_RESOURCE_TOO_LARGE'),
    );
    expect(() => checkResourceForModel('epochs', 'knn-classifier', [])).toThrow(code('RESOURCE_NOT_SUPPORTED'));
    expect(() => checkResourceForModel('epochs', 'sgd-classifier', ['epochs'])).not.toThrow();
  });
  it('checks search.pruner', () => {
    expect(checkPrunerOption(undefined)).toEqual({ kind: 'none' });
    expect(checkPrunerOption('median')).toEqual({ kind: 'median' });
    expect(() => checkPrunerOption('percentile')).toThrow(code('INVALID_PRUNER'));
    expect(() => checkPrunerOption('mediam')).toThrow(/Did you mean 'median'/);
    expect(() => checkPrunerOption({ kind: 'median', warmupStep: 3 })).toThrow(code('UNKNOWN_OPTION'));
    expect(() => checkPrunerOption({ kind: 'percentile', percentile: -1 })).toThrow(code('INVALID_PRUNER'));
    expect(() => checkPrunerOption({ kind: 'median', percentile: 30 })).toThrow(code('INVALID_PRUNER'));
    expect(checkPrunerOption({ kind: 'percentile', percentile: 25, warmupSteps: 2 })).toEqual({ kind: 'percentile', percentile: 25, warmupSteps: 2 });
  });
});
