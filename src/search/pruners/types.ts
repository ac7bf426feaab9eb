/**
 * The pruner contract: a pure rule over intermediate values (Optuna 3.1's BasePruner.prune(study, trial)).
 *
 * Determinism (for the search loop): a pruner's answer depends only on the trial's values and on the trials it
 * is given, so the loop must pass a set fixed by candidate indices (e.g. the completed trials with index < t - L,
 * or the trials of the previous batch), never "whatever finished first"; then the decision is the same with 1, 2
 * or 4 workers and under any timing. The loop asks at every reported step, as Optuna's trial.should_prune().
 */

/** Intermediate values by step: a Map (any steps, Optuna's dict), or an array where index i is step i. */
export type IntermediateValues = ReadonlyMap<number, number> | readonly number[];

export interface PrunerTrial {
  readonly intermediate: IntermediateValues;
  /**
   * Only 'complete' trials (or trials without a state) count as references, as Optuna's pruners read
   * study.get_trials(states=(COMPLETE,)); pruned, failed and running ones are ignored.
   */
  readonly state?: 'complete' | 'pruned' | 'failed' | 'running';
}

export interface Pruner {
  /** True when `trial`, at its last reported step, should stop, judged against `others`. */
  shouldPrune(trial: PrunerTrial, others: readonly PrunerTrial[]): boolean;
}

export type PrunerKind = 'median' | 'percentile' | 'none';

export interface PrunerOptions {
  kind: PrunerKind;
  /** percentile only: 0..100; keeps trials in the top `percentile` percent (Optuna's PercentilePruner). */
  percentile?: number;
  /** No pruning until this many trials have completed. Default 5 (Optuna). */
  startupTrials?: number;
  /** No pruning before this step (steps start at 0). Default 0. */
  warmupSteps?: number;
  /** Check only at warmupSteps + k * intervalSteps (or the first step reported after it). Default 1. */
  intervalSteps?: number;
  /** Need at least this many completed trials with a value at the step to judge. Default 1. */
  minTrials?: number;
  /** tune() only: what a step is. 'folds' (default): the mean of the folds scored so far, a candidate's folds run one
   *  after another; 'epochs': each fold's test score after every training epoch (SGD, MLP), the folds in parallel. */
  resource?: 'folds' | 'epochs';
}

export type Direction = 'maximize' | 'minimize';
