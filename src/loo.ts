/**
 * cv: 'loo' for ridge and linear-regression: exact leave-one-out scores of every candidate from one decomposition per
 * dataset (per fitIntercept value), as scikit-learn's RidgeCV (gcv mode). It runs on the calling thread (a p x p or
 * n x n eigen-decomposition, then O(n r) per alpha: no worker is needed) and returns a normal TuneResult.
 *
 * Scores: each metric is computed once over the n leave-one-out predictions (RidgeCV's convention; a per-row r2 is
 * undefined), so every trial has one value in foldScores and std 0; cv reports n folds. Options are validated as for
 * tune() (prepareSearch). Models without an exact closed form, and per-fold standardisation (which would change the
 * decomposition in every fold), are refused with a TuneError.
 */
import { TuneError } from './errors';
import { prepareSearch, type TuneOptions } from './tune';
import { FittedModel } from './model';
import { getMetric } from './metrics/index';
import { makeResult, pickBest, rankTrials, timing, type TrialResult, type TuneResult } from './results';
import { decompose, looPredictions, ridgeCoefficients, type LooDecomposition } from './estimators/linear_model/ridge-loo';
import { leastSquaresLearned } from './estimators/linear-regression';
import type { Label } from './data/labels';

/** Models whose leave-one-out has an exact closed form here. */
export const EXACT_LOO_MODELS = ['ridge', 'linear-regression'] as const;

export async function tuneLoo(opts: TuneOptions<Label>): Promise<TuneResult<Label>> {
  const started = performance.now();
  // Validate everything as tune() does; the 2-fold plan only stands in for the leave-one-out one (never run).
  const prep = prepareSearch({ ...opts, cv: { folds: 2 } });
  const unsupported = prep.book.all.find((r) => !(EXACT_LOO_MODELS as readonly string[]).includes(r.def.id));
  if (unsupported) {
    throw new TuneError(
      'LOO_NOT_EXACT',
      `cv: 'loo' (exact leave-one-out from one decomposition) exists for ${EXACT_LOO_MODELS.join(' and ')} only; ` +
        `${unsupported.def.id} has no exact form. Use cv: { folds: 5 } (or cv: { folds: n } for a literal leave-one-out, ` +
        'which fits the model n times).',
      { model: unsupported.def.id },
    );
  }
  if (prep.settings.preprocess === 'standardize') {
    throw new TuneError(
      'LOO_NEEDS_RAW_FEATURES',
      "cv: 'loo' decomposes X once, but preprocess: 'standardize' rescales the features differently in every fold. " +
        "Standardise X yourself before tuning (as RidgeCV users do) and pass preprocess: 'none'.",
    );
  }
  const { dataset, scoring, candidates, settings } = prep;
  const resolved = prep.book.all;
  const n = dataset.rows;
  if (n < 3) throw new TuneError('TOO_FEW_ROWS', `cv: 'loo' needs at least 3 rows, got ${n}.`, { rows: n });
  const y = dataset.y!;
  const decompositions = new Map<boolean, LooDecomposition>();
  const decompositionOf = (fitIntercept: boolean): LooDecomposition => {
    let d = decompositions.get(fitIntercept);
    if (!d) decompositions.set(fitIntercept, (d = decompose(dataset.X!, n, dataset.cols, y, fitIntercept)));
    return d;
  };
  const alphaOf = (i: number): number => (resolved[i].def.id === 'ridge' ? (resolved[i].full.alpha as number) : 0);

  const trials: TrialResult[] = candidates.map((params, i) => {
    const t0 = performance.now();
    const pred = looPredictions(decompositionOf(resolved[i].full.fitIntercept !== false), alphaOf(i));
    const t1 = performance.now();
    const metrics: TrialResult['metrics'] = {};
    for (const name of scoring) {
      const v = getMetric(name).compute({ yTrue: y, yPred: pred });
      metrics[name] = { mean: v, std: 0, folds: [v] };
    }
    const score = metrics[scoring[0]].mean;
    const ok = Number.isFinite(score);
    const trial: TrialResult = {
      index: i, params, meanScore: ok ? score : Number(settings.errorScore === 'raise' ? NaN : settings.errorScore),
      stdScore: ok ? 0 : NaN, foldScores: [score], rank: 0, metrics, fitMs: t1 - t0, scoreMs: performance.now() - t1,
      status: ok ? 'ok' : 'failed',
      error: ok ? null : `${scoring[0]} of the leave-one-out predictions is not finite (a row alone determines a direction of X).`,
      // On the calling thread (no pool worker): worker -1.
      ...timing([{ fold: 0, worker: -1, startedAt: t0 - started, finishedAt: performance.now() - started }]),
    };
    if (!ok && settings.errorScore === 'raise') {
      throw new TuneError('TRIAL_FAILED', `Trial ${i} (${JSON.stringify(params)}) failed: ${trial.error}`, { candidate: i, params });
    }
    opts.onTrial?.(trial);
    return trial;
  });
  rankTrials(trials, scoring[0]);
  const best = pickBest(trials);
  let model: FittedModel<Label> | null = null;
  if (settings.refit && best) {
    const t0 = performance.now();
    const chosen = resolved[best.index];
    const sol = ridgeCoefficients(decompositionOf(chosen.full.fitIntercept !== false), alphaOf(best.index));
    const learned = leastSquaresLearned({ ...sol, solver: 'eigen', nIter: 0 }, dataset.cols);
    model = new FittedModel(chosen.def, chosen.hp, learned, null, performance.now() - t0, prep.labels);
  }
  return makeResult({
    best, trials, scoring, model: model as FittedModel | null,
    stoppedBecause: prep.capped ? 'trials' : 'completed',
    cv: { description: `leave-one-out (exact, ${n} folds; scores over the pooled predictions)`, folds: n, repeats: 1 },
    elapsedMs: performance.now() - started,
    workers: 0,
  }) as unknown as TuneResult<Label>;
}
