/** tests/fixtures/generated/gmm_reference.json (scripts/fixtures/gmm_reference.py) and helpers to run our EM on it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../../helpers/fixtures';
import type { FoldSide } from '../../../../src/estimators/types';
import type { Kernels } from '../../../../src/worker/kernels';

export interface FixedCase {
  dataset: 'iris_std' | 'blobs';
  covariance_type: 'full' | 'tied' | 'diag' | 'spherical';
  n_components: number;
  run: string;
  tol: number;
  max_iter: number;
  reg_covar: number;
  init_weights: number[];
  init_means: number[];
  init_precisions_cholesky: number[];
  weights: number[];
  means: number[];
  covariances: number[];
  precisions_cholesky: number[];
  lower_bound: number;
  n_iter: number;
  converged: boolean;
  score: number;
  bic: number;
  aic: number;
  n_parameters: number;
  predict: number[];
  predict_proba_rows: number;
  predict_proba: number[];
}

export interface BicChoice {
  dataset: 'iris' | 'wine';
  covariance_type: 'full' | 'tied' | 'diag' | 'spherical';
  n_init: number;
  n_components: number[];
  bic: number[];
  chosen: number;
}

export const gmmReference = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/generated/gmm_reference.json', import.meta.url)), 'utf8'),
) as { blobs: number[]; blobs_cols: number; fixed: FixedCase[]; bic_choice: BicChoice[] };

/** Columns standardised on all rows (population std), as the generator does. */
export function standardised(rows: number[][]): number[][] {
  const d = rows[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, f) => (mean[f] += v / rows.length));
  const sd = new Array<number>(d).fill(0);
  for (const r of rows) r.forEach((v, f) => (sd[f] += (v - mean[f]) ** 2 / rows.length));
  return rows.map((r) => r.map((v, f) => (v - mean[f]) / Math.sqrt(sd[f])));
}

export function datasetRows(name: string): number[][] {
  if (name === 'blobs') {
    const c = gmmReference.blobs_cols;
    const out: number[][] = [];
    for (let i = 0; i < gmmReference.blobs.length; i += c) out.push(gmmReference.blobs.slice(i, i + c));
    return out;
  }
  return standardised(loadDataset(name.replace(/_std$/, '')).X);
}

/** The rows as a side in the kernels' memory. */
export function sideOf(kernels: Kernels, rows: number[][]): FoldSide {
  const values = Float64Array.from(rows.flat());
  return { ptr: kernels.arena.allocF64(values), rows: rows.length, cols: rows[0].length, y: null };
}
