/**
 * Parity helpers for the linear models: run a scikit-learn reference case through the public tune() and measure, for
 * every candidate, fold and scorer, how far our score is from scikit-learn's.
 */
import type { TuneOptions, TuneResult } from '../../../../src/public';
import { camel, loadDataset, loadReference, metricFor, type ReferenceCase } from '../../../helpers/fixtures';
import { matchTrials, runReferenceCase } from '../../../helpers/parity';

type Tune = (o: TuneOptions) => Promise<TuneResult>;

export interface Deviation {
  /** Largest |ours - sklearn| over candidates, folds and scorers (and means). */
  max: number;
  /** Largest |ours - sklearn| / max(1, |sklearn|). */
  maxRelative: number;
  /** Where max occurred. */
  where: string;
}

/** The reference case's grid as our space, plus fixed settings (e.g. the tight tol scikit-learn used). */
export function referenceSpace(ref: ReferenceCase, fixed: Record<string, unknown[]> = {}): Record<string, unknown[]> {
  const space: Record<string, unknown[]> = {};
  for (const n of Object.keys(ref.candidates[0].params)) {
    space[camel(n)] = [...new Set(ref.candidates.map((c) => c.params[n]))];
  }
  return { ...space, ...fixed };
}

export async function runCase(
  tune: Tune, caseName: string, model: string, fixed: Record<string, unknown[]> = {},
): Promise<{ ref: ReferenceCase; result: TuneResult }> {
  const ref = loadReference(caseName);
  const data = loadDataset(ref.dataset);
  const result = await runReferenceCase(tune, ref, data, model, {
    space: referenceSpace(ref, fixed) as TuneOptions['space'],
  });
  return { ref, result };
}

export function deviation(result: TuneResult, ref: ReferenceCase): Deviation {
  let max = 0;
  let maxRelative = 0;
  let where = '';
  for (const { ref: c, trial } of matchTrials(result, ref)) {
    if (trial.status !== 'ok') throw new Error(`trial ${JSON.stringify(c.params)} failed: ${trial.error}`);
    for (const scorer of ref.scoring) {
      const { metric, sign } = metricFor(scorer);
      const ours = trial.metrics[metric];
      const pairs: [number, number, string][] = c.fold_scores[scorer].map((v, f) => [sign * ours.folds[f], v, `fold ${f}`]);
      pairs.push([sign * ours.mean, c.mean[scorer], 'mean']);
      for (const [a, b, label] of pairs) {
        const d = Math.abs(a - b);
        // NaN compares false everywhere: make it the worst possible deviation instead.
        const dd = Number.isNaN(d) ? Infinity : d;
        if (dd > max) {
          max = dd;
          where = `${scorer} ${label} of ${JSON.stringify(c.params)}`;
        }
        maxRelative = Math.max(maxRelative, dd / Math.max(1, Math.abs(b)));
      }
    }
  }
  return { max, maxRelative, where };
}

/** Our best candidate's hyperparameters as scikit-learn names, to compare with ref.candidates[ref.best_index]. */
export function bestParams(result: TuneResult, ref: ReferenceCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of Object.keys(ref.candidates[0].params)) out[n] = result.best!.params[camel(n)];
  return out;
}
