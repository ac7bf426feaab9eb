/**
 * Seed s starts a Gaussian mixture where scikit-learn's GaussianMixture(random_state=s) starts, for every initParams
 * (src/estimators/mixture/init.ts draws from numpy's RandomState port in scikit-learn's order), so the fits agree:
 * BIC, AIC and the mean log-likelihood to 1e-9 relative, and the refit model's weights and means to 1e-6.
 * Fixture: tests/fixtures/generated/gmm_seeded.json (scripts/fixtures/gmm_seeded.py).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tune, createPool } from '../../../../src/index.node';
import { datasetRows } from './reference';

interface SeededCase {
  dataset: 'iris' | 'wine';
  init_params: string;
  seed: number;
  n_init: number;
  covariance_type: string;
  n_components: number;
  bic: number;
  aic: number;
  score: number;
  weights: number[];
  means: number[];
}

const { cases } = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/generated/gmm_seeded.json', import.meta.url)), 'utf8'),
) as { cases: SeededCase[] };

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('seeded starts: the same fits as scikit-learn 1.2.1 GaussianMixture(random_state=seed)', () => {
  for (const dataset of ['iris', 'wine'] as const) {
    for (const seed of [0, 42]) {
      it(`${dataset} standardised, seed ${seed}: every initParams x nInit {1, 3} x {full, diag} x k 2..4`, async () => {
        const X = datasetRows(`${dataset}_std`);
        const result = await tune({
          model: 'gaussian-mixture',
          data: { X },
          space: {
            nComponents: [2, 3, 4],
            covarianceType: ['full', 'diag'],
            initParams: ['kmeans', 'k-means++', 'random', 'random_from_data'],
            nInit: [1, 3],
          },
          cv: false,
          scoring: ['bic', 'aic', 'logLikelihood'],
          seed,
          pool,
        });
        const refs = cases.filter((c) => c.dataset === dataset && c.seed === seed);
        expect(refs).toHaveLength(48);
        const off: string[] = [];
        for (const ref of refs) {
          const t = result.trials.find(
            (x) =>
              x.params.nComponents === ref.n_components && x.params.covarianceType === ref.covariance_type &&
              x.params.initParams === ref.init_params && x.params.nInit === ref.n_init,
          )!;
          expect(t.status, t.error ?? '').toBe('ok');
          const got = [t.metrics.bic.mean, t.metrics.aic.mean, t.metrics.logLikelihood.mean];
          const want = [ref.bic, ref.aic, ref.score];
          if (got.some((g, i) => !(rel(g, want[i]) < 1e-9))) {
            off.push(`${ref.init_params} nInit ${ref.n_init} ${ref.covariance_type} k=${ref.n_components}: bic ${got[0]} vs ${ref.bic}`);
          }
        }
        expect(off).toEqual([]);
        // The refit model (best by BIC) learned the same weights and means as scikit-learn's fit of that candidate.
        const best = result.best!.params;
        const ref = refs.find(
          (c) => c.n_components === best.nComponents && c.covariance_type === best.covarianceType &&
            c.init_params === best.initParams && c.n_init === best.nInit,
        )!;
        const p = result.model!.parameters;
        Array.from(p.weights as Float64Array).forEach((w, i) => expect(Math.abs(w - ref.weights[i])).toBeLessThan(1e-6));
        Array.from(p.means as Float64Array).forEach((m, i) => expect(Math.abs(m - ref.means[i])).toBeLessThan(1e-6));
      });
    }
  }
});
