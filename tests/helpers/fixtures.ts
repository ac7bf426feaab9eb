/**
 * Test fixtures that live in the repo (tests/fixtures): the classic datasets as CSV (header row, target last) and
 * scikit-learn's reference results. Node-only (reads files); browser tests import the CSVs with `?raw`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv, type CsvData } from './csv';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function loadDataset(name: string): CsvData {
  return parseCsv(readFileSync(`${root}datasets/${name}.csv`, 'utf8'));
}

export interface ReferenceCase {
  case: string;
  dataset: string;
  standardize_per_fold: boolean;
  n_folds: number;
  fold_ids: number[];
  scoring: string[];
  candidates: { params: Record<string, number | string | boolean>; fold_scores: Record<string, number[]>; mean: Record<string, number> }[];
  best_index: number;
  best_params: Record<string, unknown>;
}

export function loadReference(name: string): ReferenceCase {
  return JSON.parse(readFileSync(`${root}reference/${name}.json`, 'utf8')) as ReferenceCase;
}

/** scikit-learn parameter name -> ours (snake_case -> camelCase; C stays C). */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** scikit-learn scorer name -> { our metric, sign to apply to our value to get sklearn's }. */
export function metricFor(scorer: string): { metric: string; sign: number } {
  const neg = scorer.startsWith('neg_');
  const base = neg ? scorer.slice(4) : scorer;
  const map: Record<string, string> = {
    accuracy: 'accuracy',
    f1_macro: 'f1Macro',
    log_loss: 'logLoss',
    mean_squared_error: 'mse',
    mean_absolute_error: 'mae',
    r2: 'r2',
  };
  const metric = map[base];
  if (!metric) throw new Error(`no mapping for scorer ${scorer}`);
  return { metric, sign: neg ? -1 : 1 };
}
