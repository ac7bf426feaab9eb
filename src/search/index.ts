/** Search strategies as pure functions of (space, history, rng); they never know about workers. */
export { createStrategy } from './create';
export { checkSearchOptions, DEFAULT_LAG } from './options';
export { STRATEGY_NAMES, EMPTY_VIEW } from './types';
export { SearchLoop } from './loop';
export type { Proposal, LoopStopReason, LoopOptions } from './loop';
export type { SearchOptions, SearchStrategy, StrategyName, TrialRecord, TrialState, StrategyView, HistoryTrial } from './types';
