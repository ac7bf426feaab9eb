/** Search strategies as pure functions of (space, history, rng); they never know about workers. */
export { createStrategy } from './create';
export { checkSearchOptions } from './options';
export { STRATEGY_NAMES } from './types';
export type { SearchOptions, SearchStrategy, StrategyName, TrialRecord } from './types';
