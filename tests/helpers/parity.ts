/**
 * Runs a scikit-learn reference case through the public tune() with the case's own fold ids and returns, per
 * candidate, our fold scores next to scikit-learn's (sign-adjusted so both mean the same thing).
 */
import { expect } from 'vitest';
import type { TuneOptions, TuneResult } from '../../src/public';
import { camel, metricFor, type ReferenceCase } from './reference';
import type { CsvData } from './csv';

type Tune = (o: TuneOptions) => Promise<TuneResult>;

/** Array values (gaussian-nb's priors) are compared by content, scalars as they are. */
const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) || Array.isArray(b) ? JSON.stringify(a) === JSON.stringify(b) : a === b;

export async function runReferenceCase(
  tune: Tune,
  ref: ReferenceCase,
  data: CsvData,
  model: string,
  extra: Partial<TuneOptions> = {},
): Promise<TuneResult> {
  const names = Object.keys(ref.candidates[0].params);
  const space: Record<string, unknown> = {};
  for (const n of names) {
    const values: unknown[] = [];
    for (const c of ref.candidates) if (!values.some((v) => sameValue(v, c.params[n]))) values.push(c.params[n]);
    space[camel(n)] = values;
  }
  return tune({
    model: model as TuneOptions['model'],
    data: { X: data.X, y: data.y },
    space: space as TuneOptions['space'],
    search: { strategy: 'grid' },
    cv: { foldIds: ref.fold_ids },
    scoring: ref.scoring.map((s) => metricFor(s).metric),
    preprocess: ref.standardize_per_fold ? 'standardize' : 'none',
    ...extra,
  });
}

/** Finds our trial for each reference candidate (by hyperparameter values). */
export function matchTrials(result: TuneResult, ref: ReferenceCase) {
  return ref.candidates.map((c) => {
    const trial = result.trials.find((t) => Object.entries(c.params).every(([k, v]) => sameValue(t.params[camel(k)], v)));
    if (!trial) throw new Error(`no trial for reference candidate ${JSON.stringify(c.params)}`);
    return { ref: c, trial };
  });
}

/** Asserts every candidate's mean (and each fold's) score agrees with the reference within `tol`. */
export function expectParity(result: TuneResult, ref: ReferenceCase, tol: number): void {
  for (const { ref: c, trial } of matchTrials(result, ref)) {
    for (const scorer of ref.scoring) {
      const { metric, sign } = metricFor(scorer);
      const ours = trial.metrics[metric];
      expect(ours, `${metric} for ${JSON.stringify(c.params)}`).toBeDefined();
      expect(sign * ours.mean).toBeCloseTo(c.mean[scorer], -Math.log10(tol));
      c.fold_scores[scorer].forEach((v, f) => {
        expect(Math.abs(sign * ours.folds[f] - v), `${scorer} fold ${f} of ${JSON.stringify(c.params)}`).toBeLessThanOrEqual(tol);
      });
    }
  }
}
