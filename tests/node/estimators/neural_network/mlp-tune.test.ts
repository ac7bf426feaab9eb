/**
 * The MLP through the public tune(): statistical match with scikit-learn on wine (mlp_wine_std.json: scikit-learn's
 * own initialisation and shuffles, so compared within the case's tolerance), array-valued hyperLayerSizes in a grid,
 * the learned parameters in result.model, and the bad-input rules that reach the user as TuneErrors or failed trials.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tune, createPool, TuneError } from '../../../../src/index.node';
import { loadDataset } from '../../../helpers/fixtures';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

interface WineCase {
  fold_ids: number[];
  candidates: { params: { alpha: number; hidden_layer_sizes: number[] }; mean: { accuracy: number } }[];
  best_index: number;
  tolerance: number;
  share: number;
}
const ref = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/reference/wave2/mlp_wine_std.json', import.meta.url)), 'utf8'),
) as WineCase;
const wine = loadDataset('wine');
const iris = loadDataset('iris');

interface SeedsCase {
  candidates: { params: { alpha: number; hidden_layer_sizes: number[] }; mean: number; std: number }[];
}
/** scikit-learn over random_state 0..7 on the same case (scripts/fixtures/mlp_wine_seeds.py). */
const seeds = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/reference/wave2/mlp_wine_seeds.json', import.meta.url)), 'utf8'),
) as SeedsCase;

/**
 * Random streams differ from scikit-learn's, so the match is statistical. mlp_wine_std.json is a single draw of
 * scikit-learn's streams, and a lucky one: its best candidate scores 0.983, while scikit-learn itself averages
 * 0.963 +- 0.009 over random_state 0..7 (mlp_wine_seeds.json); one seed of ours can no more hit 0.983 within 0.01
 * than scikit-learn's other seeds do (scikit-learn's own seeds 0..7 put only 69% of their candidate scores within
 * the case's 0.02 of it, below the case's share of 0.75). So our scores averaged over the same 8 seeds are compared
 * (1) with the case itself: at least `share` of the candidates within `tolerance` of its means; (2) with
 * scikit-learn's 8-seed averages within the tolerance for every candidate; the best candidate must be the
 * reference's, and the averaged best score within 0.01 of scikit-learn's averaged best.
 */
describe('mlp-classifier on wine against scikit-learn (statistical)', () => {
  it('seed-averaged accuracies within the tolerance, the same best candidate, best within 0.01', async () => {
    const sums = new Map<string, number>();
    const key = (alpha: unknown, h: unknown) => `${String(alpha)} ${JSON.stringify(h)}`;
    const ourSeeds = [0, 1, 2, 3, 4, 5, 6, 7];
    for (const seed of ourSeeds) {
      const result = await tune({
        model: 'mlp-classifier',
        data: { X: wine.X, y: wine.y },
        space: { alpha: [0.0001, 0.1], hiddenLayerSizes: [[10], [20, 10]] },
        search: { strategy: 'grid' },
        cv: { foldIds: ref.fold_ids },
        scoring: 'accuracy',
        preprocess: 'standardize',
        seed,
        pool,
      });
      expect(result.trials).toHaveLength(4);
      for (const t of result.trials) {
        expect(t.status, t.error ?? '').toBe('ok');
        const k = key(t.params.alpha, t.params.hiddenLayerSizes);
        sums.set(k, (sums.get(k) ?? 0) + t.meanScore / ourSeeds.length);
      }
    }
    const near = ref.candidates.filter((c) => Math.abs(sums.get(key(c.params.alpha, c.params.hidden_layer_sizes))! - c.mean.accuracy) <= ref.tolerance);
    expect(near.length / ref.candidates.length).toBeGreaterThanOrEqual(ref.share);
    let bestOurs = { k: '', v: -1 };
    let bestRef = { k: '', v: -1 };
    for (const c of seeds.candidates) {
      const k = key(c.params.alpha, c.params.hidden_layer_sizes);
      const ours = sums.get(k)!;
      expect(Math.abs(ours - c.mean), `${k}: ours ${ours}, scikit-learn ${c.mean}`).toBeLessThanOrEqual(ref.tolerance);
      if (ours > bestOurs.v) bestOurs = { k, v: ours };
      if (c.mean > bestRef.v) bestRef = { k, v: c.mean };
    }
    expect(JSON.parse(bestOurs.k.split(' ')[1])).toEqual(ref.candidates[ref.best_index].params.hidden_layer_sizes);
    expect(Math.abs(bestOurs.v - bestRef.v)).toBeLessThanOrEqual(0.01);
  }, 120_000);
});

describe('mlp through tune()', () => {
  it('returns per-layer weights, the loss curve and validation scores as learned parameters', async () => {
    const result = await tune({
      model: 'mlp-classifier',
      data: { X: iris.X, y: iris.y },
      space: { hiddenLayerSizes: [[6, 4]], maxIter: 30, earlyStopping: true, learningRateInit: 0.01 },
      cv: { folds: 3, shuffle: true, seed: 1 },
      preprocess: 'standardize',
      seed: 3,
      pool,
    });
    const p = result.model!.parameters;
    expect(Array.from(p.layerSizes as Int32Array)).toEqual([4, 6, 4, 3]);
    expect((p.coef0 as Float64Array).length).toBe(24);
    expect((p.intercept0 as Float64Array).length).toBe(6);
    expect((p.coef1 as Float64Array).length).toBe(24);
    expect((p.coef2 as Float64Array).length).toBe(12);
    expect((p.intercept2 as Float64Array).length).toBe(3);
    const n = p.nIter as number;
    expect((p.lossCurve as Float64Array).length).toBe(n);
    expect((p.validationScores as Float64Array).length).toBe(n);
    expect(result.toCSV()).toContain('"[6,4]"');
  }, 30_000);

  it('rejects bad layer sizes and dropout before any work, with the rule in the message', async () => {
    const base = { model: 'mlp-classifier' as const, data: { X: iris.X, y: iris.y }, pool };
    const bad: [unknown, RegExp][] = [
      [{ hiddenLayerSizes: [[]] }, /hiddenLayerSizes must be an array of at least 1 integer >= 1/],
      [{ hiddenLayerSizes: [[0]] }, /at least 1 integer >= 1 \(e.g. \[100\]\), got \[0\]/],
      [{ hiddenLayerSizes: [[10, 2.5]] }, /got \[10, 2.5\]/],
      [{ hiddenLayerSizes: [64, 32] }, /Write \[\[64, 32\]\] for one candidate/],
      [{ dropout: [1] }, /dropout must be a number >= 0 and < 1/],
      [{ dropout: [-0.1] }, /dropout must be a number >= 0 and < 1/],
      [{ dropout: [[0.5, 1]] }, /dropout must be a number >= 0 and < 1 \(or an array of such numbers, one per hidden layer\), got \[0.5, 1\]/],
      [{ dropout: [[]] }, /dropout must be a number/],
      [{ hiddenLayerSizes: [[8, 4]], dropout: [[0.5]] }, /dropout \[0.5\] gives 1 rate, but hiddenLayerSizes \[8,4\] has 2 hidden layers/],
      [{ hiddenLayerSizes: [[8]], dropout: [0, [0.5, 0.2]] }, /gives 2 rates, but hiddenLayerSizes \[8\] has 1 hidden layer/],
      [{ hiddenLayerSizes: [[8, 4]], solver: ['lbfgs'], dropout: [[0, 0.2]] }, /solver 'lbfgs' cannot train with dropout \(got dropout \[0,0.2\]\)/],
    ];
    for (const [space, pattern] of bad) {
      const err = await tune({ ...base, space: space as never }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(TuneError);
      expect((err as TuneError).message).toMatch(pattern);
    }
  });

  it('dropout per hidden layer: arrays as candidates next to numbers, one rate per layer, 1 and 2 workers alike', async () => {
    const opts = {
      model: 'mlp-classifier' as const,
      data: { X: iris.X, y: iris.y },
      space: { hiddenLayerSizes: [[8, 6]], dropout: [0, 0.3, [0.3, 0.3], [0.5, 0]], maxIter: [15] },
      cv: { folds: 3 },
      seed: 2,
    };
    const one = createPool({ workers: 1 });
    try {
      const a = await tune({ ...opts, pool });
      const b = await tune({ ...opts, pool: one });
      expect(a.trials.map((t) => t.foldScores)).toEqual(b.trials.map((t) => t.foldScores));
      for (const t of a.trials) expect(t.status, t.error ?? '').toBe('ok');
      // The arrays come back as the candidates' values (the per-layer bit-for-bit rules are in mlp-behaviour.test.ts:
      // here each candidate has its own seed, so [0.3, 0.3] and 0.3 are different draws).
      expect(a.trials.map((t) => t.params.dropout)).toEqual([0, 0.3, [0.3, 0.3], [0.5, 0]]);
    } finally {
      await one.dispose();
    }
  }, 60_000);

  it('a diverging run fails its trial with a message (the other trials are unaffected)', async () => {
    const result = await tune({
      model: 'mlp-regressor',
      data: { X: iris.X.map((r) => r.map((v) => v * 1e6)), y: iris.y.map((v) => v * 1e6) },
      space: { solver: 'sgd', activation: 'identity', learningRateInit: [10, 1e-30], momentum: 0, maxIter: 50, hiddenLayerSizes: [[4]] },
      cv: { folds: 2 },
      seed: 1,
      pool,
    });
    const byRate = (r: number) => result.trials.find((t) => t.params.learningRateInit === r)!;
    expect(byRate(10).status).toBe('failed');
    expect(byRate(10).error).toMatch(/diverged at epoch \d+.*lower learningRateInit/);
    expect(byRate(1e-30).status).toBe('ok');
  }, 30_000);
});
