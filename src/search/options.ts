/** Validation of the `search` option. */
import { TuneError, closestName, unknownNameError } from '../errors';
import { STRATEGY_NAMES, type SearchOptions } from './types';

const SEARCH_KEYS = ['strategy', 'trials'] as const;

function checkTrials(trials: unknown): number {
  if (typeof trials !== 'number' || !Number.isSafeInteger(trials) || trials < 1) {
    throw new TuneError(
      'INVALID_TRIALS',
      `search.trials must be an integer >= 1 (the number of candidates to evaluate), got ${String(trials)}.`,
      { value: trials },
    );
  }
  return trials;
}

/** Returns a normalised copy of valid options; throws TuneError otherwise. */
export function checkSearchOptions(options: unknown): SearchOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TuneError(
      'INVALID_SEARCH',
      "search must be an object such as { strategy: 'grid' } or { strategy: 'random', trials: 60 }, " +
        `got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`,
    );
  }
  // A misspelt key (e.g. `trails`) would otherwise be ignored silently and the search would run without its cap.
  for (const key of Object.keys(options)) {
    if (!(SEARCH_KEYS as readonly string[]).includes(key)) throw unknownNameError('UNKNOWN_OPTION', 'search option', key, SEARCH_KEYS);
  }
  const { strategy, trials } = options as { strategy?: unknown; trials?: unknown };
  if (strategy === 'grid') {
    return trials === undefined ? { strategy } : { strategy, trials: checkTrials(trials) };
  }
  if (strategy === 'random') {
    if (trials === undefined) {
      throw new TuneError(
        'INVALID_TRIALS',
        "Random search needs a number of trials: pass { strategy: 'random', trials: 60 } (any integer >= 1).",
      );
    }
    return { strategy, trials: checkTrials(trials) };
  }
  const suggestion = closestName(String(strategy), STRATEGY_NAMES);
  throw new TuneError(
    'UNKNOWN_STRATEGY',
    `Unknown strategy '${String(strategy)}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
      `Valid strategies: ${STRATEGY_NAMES.join(', ')}.`,
    { value: strategy, suggestion },
  );
}
