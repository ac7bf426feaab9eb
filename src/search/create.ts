/** createStrategy: the one entry point the facades call. */
import { TuneError } from '../errors';
import { createRng, deriveSeed } from '../rng';
import type { CompiledSpace } from '../space';
import { createGridStrategy } from './grid';
import { DEFAULT_LAG, checkSearchOptions } from './options';
import { createRandomStrategy } from './random';
import { createTpeStrategy } from './tpe/strategy';
import { createGpStrategy } from './gp-strategy';
import type { SearchOptions, SearchStrategy } from './types';

/**
 * Stream tag for the search's own generator, so its draws are independent of the per-trial streams derived from
 * (seed, candidate, fold).
 */
const SEARCH_STREAM = 0x5ea4c4;

/**
 * Validates `options` (UNKNOWN_STRATEGY, INVALID_TRIALS, INVALID_SEARCH) and returns the strategy over `space`.
 * Same (options, space, seed) -> same proposals. Grid search throws CONTINUOUS_IN_GRID / SPACE_TOO_LARGE here,
 * the GP GP_UNSUPPORTED_SPACE.
 */
export function createStrategy(options: SearchOptions, space: CompiledSpace, seed: number): SearchStrategy {
  const checked = checkSearchOptions(options);
  if (!Number.isSafeInteger(seed)) {
    throw new TuneError('INVALID_SEED', `seed must be an integer, got ${String(seed)}.`, { value: seed });
  }
  const searchSeed = deriveSeed(seed, SEARCH_STREAM);
  switch (checked.strategy) {
    case 'grid':
      return createGridStrategy(space, checked.trials);
    case 'random':
      return createRandomStrategy(space, checked.trials, createRng(searchSeed));
    case 'tpe':
      return createTpeStrategy(
        space,
        {
          trials: checked.trials,
          lag: checked.lag ?? DEFAULT_LAG,
          startupTrials: checked.startupTrials ?? 10,
          eiCandidates: checked.eiCandidates ?? 24,
          multivariate: checked.multivariate ?? false,
          considerEndpoints: checked.considerEndpoints ?? false,
          priorWeight: checked.priorWeight ?? 1,
        },
        searchSeed,
      );
    case 'halving':
    case 'hyperband':
      throw new TuneError(
        'STRATEGY_NOT_SUPPORTED',
        `The '${checked.strategy}' strategy gives candidates resources (rows, epochs, folds) that only tune() controls. ` +
          "For optimize() and createStudy(), stop bad trials with search.pruner: 'median' and trial.report().",
      );
    case 'gp':
      return createGpStrategy(space, { trials: checked.trials, lag: checked.lag ?? DEFAULT_LAG, startupTrials: checked.startupTrials ?? 10 }, searchSeed);
  }
}
