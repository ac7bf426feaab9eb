/**
 * search.pruner for optimize() and createStudy(): Optuna 3.1's median / percentile rules (src/search/pruners) over
 * a trial's reported values. Which trials it is judged against is the study's business (see Study.open): for
 * optimize(), the complete trials numbered below the trial's own number minus the lag, all of them finished before
 * it was proposed, so the decision is the same under any timing or concurrency.
 */
import { createPruner } from '../search/pruners/index';
import { checkPrunerOption } from '../search/pruners/options';
import { TuneError } from '../errors';
import type { SearchOptions } from '../search/index';
import type { PruneRule } from './study';
import type { Direction, StudyTrial } from './types';

const toPrunerTrial = (t: StudyTrial) => ({
  intermediate: new Map(t.intermediate),
  state: t.state,
});

export function createPrunerRule(search: SearchOptions | undefined, direction: Direction | undefined): PruneRule | undefined {
  const o = checkPrunerOption((search as { pruner?: unknown } | undefined)?.pruner);
  if (o.resource !== undefined) {
    throw new TuneError(
      'INVALID_PRUNER',
      "search.pruner resource is for tune() (folds or epochs of a built-in model); in optimize() and createStudy() a step is whatever your code passes to trial.report(step, value): remove resource.",
    );
  }
  if (o.kind === 'none') return undefined;
  const pruner = createPruner(o, direction ?? 'minimize');
  return (trial, references) => pruner.shouldPrune(toPrunerTrial(trial), references.map(toPrunerTrial));
}
