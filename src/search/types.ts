/** The contract between the search loop and the strategies. */
import type { Params } from '../types';

/** How a finished trial ended: 'complete' has a value; 'pruned' stopped early (its last intermediate value counts,
 *  as in Optuna); 'failed' threw or gave a non-finite value and teaches a strategy nothing. */
export type TrialState = 'complete' | 'pruned' | 'failed';

/**
 * A finished trial as a strategy sees it. `value` is always to be MINIMISED (the loop negates greater-is-better
 * scores), so strategies never know the direction.
 */
export interface TrialRecord {
  /** Candidate number: proposal order, 0-based; warm-start history comes first. */
  readonly number: number;
  readonly params: Params;
  /** The value to minimise; NaN when failed. For pruned trials, the last intermediate value (or NaN). */
  readonly value: number;
  readonly state: TrialState;
  /** Pruned trials: the step of the last intermediate value (deeper steps rank before shallower ones). */
  readonly step?: number;
}

/**
 * What a proposal may condition on. The loop builds it from candidate numbers only (see SearchLoop): `told` is every
 * trial numbered below t - lag (all of them finished by then), in number order, and `pending` the params of the
 * candidates in [t - lag, t), whether or not they have finished meanwhile. So a proposal never depends on timing.
 */
export interface StrategyView {
  readonly told: readonly TrialRecord[];
  readonly pending: readonly Params[];
}

export const EMPTY_VIEW: StrategyView = Object.freeze({ told: [], pending: [] });

/**
 * Proposes candidates from (space, history, rng) and nothing else: it never knows about workers, folds or models
 * (scikit-learn's `_run_search(evaluate_candidates)`, Optuna's samplers). Candidate t comes from the t-th `ask`,
 * with randomness derived from (seed, t), so the same views give the same candidates in the same order.
 */
export interface SearchStrategy {
  /**
   * The next candidate given `view`, or undefined once exhausted (then every later ask is undefined too).
   * Each call returns a fresh object.
   */
  ask(view: StrategyView): Params | undefined;
  /**
   * Non-adaptive convenience: up to `max` candidates asked with an empty view; [] once exhausted. How the caller
   * batches these calls does not change which candidates come out, nor their order.
   */
  propose(max: number, history?: readonly TrialRecord[]): Params[];
  /**
   * How many candidates the strategy will produce when known: grid, min(gridSize, trials); random, trials, or the
   * grid size when a discrete space is smaller. Random search over a continuous range too narrow to hold `trials`
   * distinct numbers stops early, so there it is an upper bound. Adaptive strategies: trials (an upper bound on a
   * finite space, which they never repeat).
   */
  readonly total: number | undefined;
  /**
   * The determinism rule of an adaptive strategy (fixed lag): candidate t is asked only when every candidate numbered
   * below t - lag has been told, and it sees exactly those (the lag window in between is pending, handled by a
   * constant liar). Infinity: the strategy does not learn from results (grid, random), so everything may be asked
   * at once.
   */
  readonly lag: number;
}

export type StrategyName = 'grid' | 'random' | 'tpe' | 'gp' | 'halving' | 'hyperband';

export const STRATEGY_NAMES: readonly StrategyName[] = ['grid', 'random', 'tpe', 'gp', 'halving', 'hyperband'];

/** tune() only: scikit-learn's successive halving over grid candidates (or `trials` random ones). */
export interface HalvingOptions {
  strategy: 'halving';
  /** Random candidates to start with; omitted: every grid point. */
  trials?: number;
  /** Keep the best 1/factor of each rung, give them factor times the resource (default 3). */
  factor?: number;
  /** What a rung gives a candidate: training rows per fold (default), epochs (SGD, MLP) or folds. */
  resource?: 'rows' | 'epochs' | 'folds';
  /** scikit-learn's min_resources: 'exhaust' (default), 'smallest' or a number. */
  minResource?: number | 'exhaust' | 'smallest';
  /** Default: all rows, the model's epochs default, or all folds. */
  maxResource?: number;
  aggressiveElimination?: boolean;
  /**
   * resource 'epochs' with SGD / MLP: a promoted candidate continues the fit its previous rung ended with, so only
   * the new epochs are trained (default true). The result is the same either way; false retrains every rung from
   * scratch and keeps no training states (less memory).
   */
  resume?: boolean;
}

/** tune() only: Li et al.'s Hyperband brackets of successive halving with fresh random candidates. */
export interface HyperbandOptions {
  strategy: 'hyperband';
  resource: 'rows' | 'epochs' | 'folds';
  maxResource: number;
  minResource?: number;
  factor?: number;
  /** As HalvingOptions.resume (default true). */
  resume?: boolean;
}

/** Earlier trials for a warm start: their params and the value (tune(): score) they reached. */
export interface HistoryTrial {
  params: Params;
  /** optimize()/createStudy(): the objective's value. */
  value?: number;
  /** tune(): the mean CV score (TrialResult.meanScore is accepted too). */
  score?: number;
  meanScore?: number;
  /** 'complete' by default; failed trials are ignored by the samplers. */
  state?: TrialState | 'ok';
  status?: 'ok' | 'failed' | 'pruned';
  /** optimize()/createStudy(): what the trial reported, [step, value] (a pruner judges later trials against them;
   *  loadStudy() and a resumed study keep them from the journal). */
  intermediate?: readonly (readonly [number, number])[];
  /** optimize()/createStudy(): the trial's user attributes (kept by loadStudy() and resumed studies). */
  userAttrs?: Readonly<Record<string, unknown>>;
}

/** Options every adaptive strategy takes. */
export interface AdaptiveOptions {
  trials: number;
  /** Fixed lag of the determinism rule (default 4): candidate t sees the results of candidates < t - lag. */
  lag?: number;
  /** Stop after this many trials in a row (in candidate order) without improving on the best. */
  patience?: number;
  /** Earlier trials to learn from (they count toward the random start, as in Optuna). */
  history?: readonly HistoryTrial[];
  /** Stop bad trials early from what they report (optimize(): trial.report; Optuna's MedianPruner/PercentilePruner). */
  pruner?: PrunerSpec;
}

/** 'median' (Optuna's MedianPruner), 'none', or the rule with its options. */
export type PrunerSpec =
  | 'median'
  | 'none'
  | {
      kind: 'median' | 'percentile' | 'none';
      /** percentile only: keep trials in the best `percentile` percent at each step. */
      percentile?: number;
      /** No pruning until this many trials completed (default 5). */
      startupTrials?: number;
      /** No pruning before this step (default 0). */
      warmupSteps?: number;
      /** Check every intervalSteps steps after the warm-up (default 1). */
      intervalSteps?: number;
      /** Judge a step only when this many completed trials reported it (default 1). */
      minTrials?: number;
      /** tune() only: 'folds' (default) judges the running mean of the folds scored so far; 'epochs' judges each
       *  fold's test score after every training epoch (SGD and MLP models). optimize() refuses it. */
      resource?: 'folds' | 'epochs';
    };

export interface TpeOptions extends AdaptiveOptions {
  strategy: 'tpe';
  /** Random trials before TPE starts (Optuna: n_startup_trials = 10). */
  startupTrials?: number;
  /** Candidates drawn from l(x) per proposal (Optuna: n_ei_candidates = 24). */
  eiCandidates?: number;
  /** Joint Parzen estimator over each sub-space's hyperparameters (Optuna's multivariate=True, group=True). */
  multivariate?: boolean;
  /** Optuna's consider_endpoints (default false). */
  considerEndpoints?: boolean;
  /** Optuna's prior_weight (default 1). */
  priorWeight?: number;
}

export interface GpOptions extends AdaptiveOptions {
  strategy: 'gp';
  /** Random (quasi-random) trials before the GP starts (default 10). */
  startupTrials?: number;
}

export type SearchOptions =
  | { strategy: 'grid'; /** Caps the grid at its first `trials` points. */ trials?: number; patience?: number }
  | { strategy: 'random'; trials: number; patience?: number; history?: readonly HistoryTrial[]; pruner?: PrunerSpec; lag?: number }
  | TpeOptions
  | GpOptions
  | HalvingOptions
  | HyperbandOptions;
