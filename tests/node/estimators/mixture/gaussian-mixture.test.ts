/**
 * gaussian-mixture through tune(): nComponents chosen by BIC as scikit-learn chooses it, the learned parameters,
 * k-means initialisations shared across covariance types, and bad input.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, TuneError } from '../../../../src/index.node';
import { datasetRows, gmmReference } from './reference';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

/**
 * The fixture's fits use random_state=0 and ours seed 0: the starts are drawn from the same numpy RandomState stream
 * (src/estimators/mixture/init.ts), so every covariance type and nInit picks the same k, with BIC to 1e-9.
 */
describe('nComponents chosen by BIC, as scikit-learn 1.2.1 (init kmeans, no CV, seed 0 = random_state 0)', () => {
  for (const dataset of ['iris', 'wine'] as const) {
    it(`${dataset} standardised: full, tied, diag, spherical x nInit 1, 10`, async () => {
      const X = datasetRows(`${dataset}_std`);
      const result = await tune({
        model: 'gaussian-mixture',
        data: { X },
        space: { nComponents: [1, 2, 3, 4, 5, 6, 7, 8], covarianceType: ['full', 'tied', 'diag', 'spherical'], nInit: [1, 10] },
        cv: false,
        scoring: ['bic', 'aic', 'logLikelihood'],
        seed: 0,
        pool,
      });
      for (const t of result.trials) expect(t.status, t.error ?? '').toBe('ok');
      const refs = gmmReference.bic_choice.filter((c) => c.dataset === dataset);
      expect(refs).toHaveLength(8);
      for (const ref of refs) {
        const trials = result.trials.filter((t) => t.params.covarianceType === ref.covariance_type && t.params.nInit === ref.n_init);
        const bics = ref.n_components.map((k) => trials.find((t) => t.params.nComponents === k)!.metrics.bic.mean);
        const chosen = ref.n_components[bics.indexOf(Math.min(...bics))];
        const label = `${dataset} ${ref.covariance_type} nInit ${ref.n_init}`;
        expect(chosen, `${label}: ours ${bics.map((b) => b.toFixed(1))}`).toBe(ref.chosen);
        bics.forEach((b, i) => expect(Math.abs(b - ref.bic[i]) / ref.bic[i], `${label} k=${i + 1}`).toBeLessThan(1e-9));
      }
      // The default metric is bic and lower wins.
      const best = result.trials.find((t) => t.rank === 1)!;
      expect(best.meanScore).toBe(Math.min(...result.trials.map((t) => t.metrics.bic.mean)));
      const p = result.model!.parameters;
      expect(p.weights).toBeInstanceOf(Float64Array);
      expect((p.weights as Float64Array).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(typeof p.lowerBound).toBe('number');
      expect(typeof p.converged).toBe('boolean');
    });
  }
});

describe('gaussian-mixture: predictions of the refit model', () => {
  it('predict is the argmax of predictProba, rows of predictProba sum to 1, score(bic) matches the trial', async () => {
    const X = datasetRows('blobs');
    const result = await tune({ model: 'gaussian-mixture', data: { X }, space: { nComponents: [3] }, cv: false, seed: 1, pool });
    const model = result.model!;
    const labels = model.predict(X);
    const proba = model.predictProba(X);
    for (let i = 0; i < X.length; i++) {
      const row = Array.from(proba.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(labels[i]).toBe(row.indexOf(Math.max(...row)));
    }
    // No CV: the trial fits and scores all rows; the refit uses the same initialisation stream, so the same fit.
    expect(model.score(X, new Array<number>(X.length).fill(0), 'bic')).toBeCloseTo(result.best!.score, 6);
  });
});

describe('gaussian-mixture: work shared across candidates', () => {
  it('candidates differing only in covarianceType start from the same k-means partition (same seed stream)', async () => {
    const X = datasetRows('blobs');
    const run = (types: string[]) =>
      tune({ model: 'gaussian-mixture', data: { X }, space: { nComponents: [3], covarianceType: types }, cv: false, seed: 9, pool });
    const both = await run(['full', 'diag']);
    const alone = await run(['diag']);
    // The diag candidate's score does not depend on which other candidates are in the search.
    expect(both.trials.find((t) => t.params.covarianceType === 'diag')!.meanScore).toBe(alone.trials[0].meanScore);
  });
});

describe('gaussian-mixture: determinism', () => {
  it('the same trials and learned parameters with 1 and 2 workers (3-fold CV, random init, nInit 2)', async () => {
    const X = datasetRows('blobs');
    const opts = {
      model: 'gaussian-mixture' as const,
      data: { X },
      space: { nComponents: [2, 3, 4], covarianceType: ['full', 'spherical'], initParams: ['kmeans', 'random'], nInit: [2] },
      cv: { folds: 3, shuffle: true },
      scoring: ['bic', 'logLikelihood'],
      seed: 5,
    };
    const one = createPool({ workers: 1 });
    try {
      const a = await tune({ ...opts, pool: one });
      const b = await tune({ ...opts, pool });
      expect(a.trials.map((t) => [t.params, t.foldScores])).toEqual(b.trials.map((t) => [t.params, t.foldScores]));
      expect(a.model!.parameters).toEqual(b.model!.parameters);
    } finally {
      await one.dispose();
    }
  });
});

describe('gaussian-mixture: bad input', () => {
  const X = datasetRows('blobs').slice(0, 10);
  it('nComponents above the rows of a training fold is a TuneError before any work', async () => {
    const err = await tune({ model: 'gaussian-mixture', data: { X }, space: { nComponents: [2, 11] }, cv: false, pool }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('EXCEEDS_TRAINING_ROWS');
    expect((err as TuneError).message).toMatch(/nComponents/);
  });

  it('a singular covariance fails the trial with a message that says to raise regCovar', async () => {
    // Two identical rows per component: regCovar 0 leaves each full covariance exactly singular.
    const rows = [[0, 0], [0, 0], [5, 5], [5, 5]];
    const result = await tune({
      model: 'gaussian-mixture',
      data: { X: rows },
      space: { nComponents: [2], regCovar: [0, 1e-3] },
      cv: false,
      pool,
    });
    const failed = result.trials.find((t) => t.params.regCovar === 0)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/not positive definite.*Raise regCovar/);
    expect(result.trials.find((t) => t.params.regCovar === 1e-3)!.status).toBe('ok');
  });

  it('rejects an unknown covarianceType and a metric the model cannot give', async () => {
    const bad = await tune({ model: 'gaussian-mixture', data: { X }, space: { covarianceType: ['fulll'] }, pool }).catch((e: unknown) => e);
    expect((bad as TuneError).code).toMatch(/INVALID_HYPERPARAMETER|INVALID_SPACE_VALUE/);
    const err = await tune({ model: 'kmeans', data: { X }, space: { nClusters: [2] }, scoring: 'bic', pool }).catch((e: unknown) => e);
    expect((err as TuneError).code).toBe('METRIC_MISMATCH');
    expect((err as TuneError).message).toMatch(/own likelihood.*gaussian-mixture/);
  });
});
