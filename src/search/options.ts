/** Validation of the `search` option: every strategy's keys, types and ranges, with a fix in each message. */
import { TuneError, closestName, unknownNameError } from '../errors';
import { STRATEGY_NAMES, type HistoryTrial, type SearchOptions } from './types';
import { checkPrunerOption } from './pruners/options';
import { checkHalvingOptions, checkHyperbandOptions } from './halving/options';

/** Keys each strategy takes (a misspelt key, e.g. `trails`, would otherwise be ignored silently). */
const KEYS: Record<string, readonly string[]> = {
  grid: ['strategy', 'trials', 'patience'],
  random: ['strategy', 'trials', 'patience', 'history', 'pruner', 'lag'],
  tpe: ['strategy', 'trials', 'patience', 'history', 'pruner', 'lag', 'startupTrials', 'eiCandidates', 'multivariate', 'considerEndpoints', 'priorWeight'],
  gp: ['strategy', 'trials', 'patience', 'history', 'pruner', 'lag', 'startupTrials'],
};

/**
 * Default fixed lag of adaptive strategies in tune(): up to lag + 1 candidates in flight, each with all its folds
 * (3 x 5 fold tasks keep 2-4 workers busy), whatever the worker count. Every step of lag costs sample efficiency
 * (a proposal misses the latest results), so it is small; optimize() uses concurrency - 1 (capped at this).
 */
export const DEFAULT_LAG = 2;

function checkInteger(name: string, v: unknown, min: number, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw new TuneError(
      name === 'trials' ? 'INVALID_TRIALS' : 'INVALID_SEARCH',
      `search.${name} must be an integer >= ${min} (${what}), got ${String(v)}.`,
      { option: name, value: v },
    );
  }
  return v;
}

function checkBool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') {
    throw new TuneError('INVALID_SEARCH', `search.${name} must be true or false, got ${String(v)}.`, { option: name, value: v });
  }
  return v;
}

function checkHistory(v: unknown): readonly HistoryTrial[] {
  if (!Array.isArray(v)) {
    throw new TuneError(
      'INVALID_HISTORY',
      'search.history must be an array of earlier trials such as [{ params: { alpha: 0.1 }, value: 0.42 }] ' +
        '(result.trials of an earlier tune() works as it is).',
    );
  }
  v.forEach((t: unknown, i) => {
    const rec = t as { params?: unknown } | null;
    if (!rec || typeof rec !== 'object' || !rec.params || typeof rec.params !== 'object') {
      throw new TuneError('INVALID_HISTORY', `search.history[${i}] needs a params object, got ${JSON.stringify(t)}.`, { index: i });
    }
  });
  return v as HistoryTrial[];
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
  const o = options as Record<string, unknown>;
  const strategy = o.strategy;
  if (strategy === 'halving') return checkHalvingOptions(o) as unknown as SearchOptions;
  if (strategy === 'hyperband') return checkHyperbandOptions(o) as unknown as SearchOptions;
  if (typeof strategy !== 'string' || !Object.hasOwn(KEYS, strategy)) {
    const suggestion = closestName(String(strategy), STRATEGY_NAMES);
    throw new TuneError(
      'UNKNOWN_STRATEGY',
      `Unknown strategy '${String(strategy)}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} ` +
        `Valid strategies: ${STRATEGY_NAMES.join(', ')}.`,
      { value: strategy, suggestion },
    );
  }
  const keys = KEYS[strategy];
  for (const key of Object.keys(o)) {
    if (!keys.includes(key)) throw unknownNameError('UNKNOWN_OPTION', `${strategy} search option`, key, keys);
  }
  const out: Record<string, unknown> = { strategy };
  if (o.trials !== undefined) out.trials = checkInteger('trials', o.trials, 1, 'the number of candidates to evaluate');
  else if (strategy !== 'grid') {
    throw new TuneError(
      'INVALID_TRIALS',
      `${strategy === 'random' ? 'Random search' : `The ${strategy} strategy`} needs a number of trials: pass ` +
        `{ strategy: '${strategy}', trials: 60 } (any integer >= 1).`,
    );
  }
  if (o.patience !== undefined) out.patience = checkInteger('patience', o.patience, 1, 'trials without improvement before the search stops');
  if (o.history !== undefined) out.history = checkHistory(o.history);
  if (o.pruner !== undefined) out.pruner = checkPrunerOption(o.pruner);
  if (o.lag !== undefined) out.lag = checkInteger('lag', o.lag, 0, 'how many of the latest candidates a proposal may not have seen');
  if (o.startupTrials !== undefined) out.startupTrials = checkInteger('startupTrials', o.startupTrials, 0, 'random trials before the model-based ones');
  if (o.eiCandidates !== undefined) out.eiCandidates = checkInteger('eiCandidates', o.eiCandidates, 1, 'draws from l(x) per proposal');
  if (o.multivariate !== undefined) out.multivariate = checkBool('multivariate', o.multivariate);
  if (o.considerEndpoints !== undefined) out.considerEndpoints = checkBool('considerEndpoints', o.considerEndpoints);
  if (o.priorWeight !== undefined) {
    if (typeof o.priorWeight !== 'number' || !(o.priorWeight > 0) || !Number.isFinite(o.priorWeight)) {
      throw new TuneError('INVALID_SEARCH', `search.priorWeight must be a finite number > 0 (Optuna's default is 1), got ${String(o.priorWeight)}.`);
    }
    out.priorWeight = o.priorWeight;
  }
  return out as SearchOptions;
}
