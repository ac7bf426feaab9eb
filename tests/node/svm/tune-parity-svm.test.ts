import { describe, it, expect, afterAll } from 'vitest';
import { tune, createPool, type TuneOptions } from '../../../src/index.node';
import { loadDataset, loadReference, metricFor, camel } from '../../helpers/fixtures';
import { matchTrials } from '../../helpers/parity';

/**
 * SVC / SVR parity with scikit-learn 1.2.1 (tests/fixtures/reference/wave2, copied from the shared references):
 * through the public tune() with the cases' own fold ids, at least `share` (90%) of the candidates must have a mean
 * score within `tolerance` of scikit-learn's (1e-7 accuracy, 1e-4 R2 for SVR), and the best candidate must be the same.
 * The kernel is fixed per case (its name says which); the reference's own hyperparameters are the grid.
 */
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

interface WaveCase {
  rows: number | null;
  tolerance: number;
  share: number;
}

async function checkCase(caseName: string, model: 'svc' | 'svr', kernel: string) {
  const ref = loadReference(`wave2/${caseName}`);
  const extra = ref as unknown as WaveCase;
  const data = loadDataset(ref.dataset);
  const rows = extra.rows ?? data.X.length;
  const space: Record<string, unknown[]> = { kernel: [kernel] };
  for (const n of Object.keys(ref.candidates[0].params)) space[camel(n)] = [...new Set(ref.candidates.map((c) => c.params[n]))];
  const result = await tune({
    model,
    data: { X: data.X.slice(0, rows), y: data.y.slice(0, rows) },
    space: space as TuneOptions['space'],
    search: { strategy: 'grid' },
    cv: { foldIds: ref.fold_ids },
    scoring: ref.scoring.map((s) => metricFor(s).metric),
    preprocess: ref.standardize_per_fold ? 'standardize' : 'none',
    pool,
  });
  expect(result.trials).toHaveLength(ref.candidates.length);
  const scorer = ref.scoring[0];
  const { metric, sign } = metricFor(scorer);
  let within = 0;
  const diffs: number[] = [];
  for (const { ref: c, trial } of matchTrials(result, ref)) {
    expect(trial.status, trial.error ?? '').toBe('ok');
    const d = Math.abs(sign * trial.metrics[metric].mean - c.mean[scorer]);
    diffs.push(d);
    if (d <= extra.tolerance) within++;
  }
  expect(within / ref.candidates.length, `mean-score differences ${diffs.map((d) => d.toExponential(1)).join(', ')}`).toBeGreaterThanOrEqual(extra.share);
  const best = ref.candidates[ref.best_index].params;
  for (const [k, v] of Object.entries(best)) expect(result.best!.params[camel(k)]).toBe(v);
  console.log(`${caseName}: ${within}/${ref.candidates.length} within ${extra.tolerance}; largest difference ${Math.max(...diffs).toExponential(1)}`);
  return { result, diffs };
}

describe('parity with scikit-learn: SVC and SVR (fold ids given)', () => {
  it('svc rbf on iris: C x gamma with scale, auto and a number', async () => {
    await checkCase('svc_rbf_iris', 'svc', 'rbf');
  });
  it('svc linear on wine, standardised per fold', async () => {
    await checkCase('svc_linear_wine_std', 'svc', 'linear');
  });
  it('svc rbf on the first 500 digits (10 classes, 45 pairs)', async () => {
    await checkCase('svc_rbf_digits_500', 'svc', 'rbf');
  });
  it('svc sigmoid on breast cancer, standardised per fold', async () => {
    await checkCase('svc_sigmoid_bc_std', 'svc', 'sigmoid');
  });
  it('svr linear on diabetes, standardised per fold', async () => {
    await checkCase('svr_linear_diabetes_std', 'svr', 'linear');
  });
});
