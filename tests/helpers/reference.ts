/**
 * The shape of a scikit-learn reference case (tests/fixtures/reference/*.json) and the name mappings, with no Node
 * imports so browser tests can use them too (they import the JSON directly).
 */
export interface ReferenceCase {
  case: string;
  dataset: string;
  standardize_per_fold: boolean;
  n_folds: number;
  fold_ids: number[];
  scoring: string[];
  candidates: { params: Record<string, number | string | boolean | null | number[]>; fold_scores: Record<string, number[]>; mean: Record<string, number> }[];
  best_index: number;
  best_params: Record<string, unknown>;
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
