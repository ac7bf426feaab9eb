/** createStrategy: the one entry point the facade calls. */
import { TuneError } from '../errors';
import { createRng, deriveSeed } from '../rng';
import type { CompiledSpace } from '../space';
import { createGridStrategy } from './grid';
import { checkSearchOptions } from './options';
import { createRandomStrategy } from './random';
import type { SearchOptions, SearchStrategy } from './types';

/**
 * Stream tag for the search's own generator, so its draws are independent of the per-trial streams derived from
 * (seed, candidate, fold).
 */
const SEARCH_STREAM = 0x5ea4c4;

/**
 * Validates `options` (UNKNOWN_STRATEGY, INVALID_TRIALS, INVALID_SEARCH) and returns the strategy over `space`.
 * Same (options, space, seed) -> same proposals. Grid search throws CONTINUOUS_IN_GRID / SPACE_TOO_LARGE here.
 */
export function createStrategy(options: SearchOptions, space: CompiledSpace, seed: number): SearchStrategy {
  const checked = checkSearchOptions(options);
  if (!Number.isSafeInteger(seed)) {
    throw new TuneError('INVALID_SEED', `seed must be an integer, got ${String(seed)}.`, { value: seed });
  }
  if (checked.strategy === 'grid') return createGridStrategy(space, checked.trials);
  return createRandomStrategy(space, checked.trials, createRng(deriveSeed(seed, SEARCH_STREAM)));
}
