/** Bad tree and forest settings are rejected up front with a TuneError that names the rule and the fix. */
import { describe, it, expect } from 'vitest';
import { tune, TuneError, type TuneOptions } from '../../../../src/index.node';
import { loadDataset } from '../../../helpers/fixtures';

const iris = loadDataset('iris');
const diabetes = loadDataset('diabetes');

async function rejection(opts: Partial<TuneOptions>): Promise<TuneError> {
  const err = await tune({
    model: 'decision-tree-classifier',
    data: { X: iris.X, y: iris.y },
    space: {},
    cv: { folds: 3 },
    ...opts,
  } as TuneOptions).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TuneError);
  return err as TuneError;
}

describe('trees and forests: bad input', () => {
  it.each([
    ['maxDepth', 0, /maxDepth/],
    ['maxDepth', 2.5, /integer >= 1, or null/],
    ['minSamplesLeaf', 0, /minSamplesLeaf/],
    ['minSamplesLeaf', 0.7, /fraction in \(0, 0\.5\]/],
    ['minSamplesLeaf', 1.5, /integer >= 1/],
    ['minSamplesSplit', 1.5, /integer >= 2/],
    ['maxFeatures', 'sqroot', /'sqrt', "log2"|"sqrt", "log2"/],
    ['maxFeatures', 2.5, /integer count > 1/],
    ['criterion', 'squared_error', /one of "gini", "entropy", "log_loss"/],
  ])('%s = %s', async (name, value, message) => {
    const err = await rejection({ space: { [name]: [value] } as TuneOptions['space'] });
    expect(err.code).toBe('INVALID_HYPERPARAMETER');
    expect(err.message).toMatch(message);
    expect(err.message).toContain(name);
    expect(err.message).toMatch(/Change the space/);
  });

  it('a classifier on a continuous target: TARGET_NOT_LABELS, pointing at the regressor', async () => {
    for (const model of ['decision-tree-classifier', 'random-forest-classifier'] as const) {
      const err = await rejection({ model, data: { X: diabetes.X, y: diabetes.y.map((v) => v / 7) } });
      expect(err.code).toBe('TARGET_NOT_LABELS');
      expect(err.message).toContain(model.replace('classifier', 'regressor'));
    }
  });

  it('forests: oobScore or maxSamples without bootstrap, and a bad maxSamples', async () => {
    const forest = { model: 'random-forest-classifier' as const };
    for (const space of [{ bootstrap: [false], oobScore: [true] }, { bootstrap: [false], maxSamples: [0.5] }, { maxSamples: [1.5] }]) {
      const err = await rejection({ ...forest, space: space as unknown as TuneOptions['space'] });
      expect(err.code).toBe('INVALID_HYPERPARAMETER');
      expect(err.message).toMatch(/bootstrap|maxSamples/);
    }
  });
});
