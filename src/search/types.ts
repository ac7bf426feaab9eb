/** The contract between the facade and the search strategies. */
import type { Params } from '../types';

/** A finished trial as a strategy sees it; the facade may pass richer objects. */
export interface TrialRecord {
  readonly params: Params;
  readonly score: number;
}

/**
 * Proposes candidates from (space, history, rng) and nothing else: it never knows about workers, folds or
 * models (scikit-learn's `_run_search(evaluate_candidates)`). Proposals form one seeded sequence: how the caller
 * batches its `propose` calls does not change which candidates come out, nor their order.
 */
export interface SearchStrategy {
  /** Up to `max` new candidates given the finished history; [] once exhausted. Each call returns fresh objects. */
  propose(max: number, history: readonly TrialRecord[]): Params[];
  /**
   * How many candidates the strategy will produce when known: grid, min(gridSize, trials); random, trials, or the
   * grid size when a discrete space is smaller. Random search over a continuous range too narrow to hold `trials`
   * distinct numbers stops early, so there it is an upper bound.
   */
  readonly total: number | undefined;
}

export type StrategyName = 'grid' | 'random';

export const STRATEGY_NAMES: readonly StrategyName[] = ['grid', 'random'];

export type SearchOptions =
  | { strategy: 'grid'; /** Caps the grid at its first `trials` points. */ trials?: number }
  | { strategy: 'random'; trials: number };
