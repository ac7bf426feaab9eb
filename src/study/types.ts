/** The shapes of a study: what optimize() and createStudy() return and take. */
import type { Params } from '../types';
import type { SearchOptions } from '../search/index';
import type { SpaceSpec } from '../space/index';
import type { StudyRef } from './persist';

export type Direction = 'minimize' | 'maximize';

/** Optuna's trial states, in hyperwasm's spelling. 'running': asked, not told yet. */
export type StudyTrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** One trial of a study (Optuna's FrozenTrial in spirit). */
export interface StudyTrial {
  /** 0, 1, 2... in the order trials were asked (warm-start trials added with study.add() included). */
  number: number;
  /** The hyperparameters the search chose. */
  params: Params;
  /** The objective's value (NaN when failed or still running; for pruned trials the last reported value). */
  value: number;
  state: StudyTrialState;
  /** What trial.report(step, value) recorded, by step, ascending. */
  intermediate: [step: number, value: number][];
  /** Free-form attributes set with trial.setUserAttr (kept as JSON-like data). */
  userAttrs: Record<string, unknown>;
  /** The failure's message (failed trials). */
  error: string | null;
  /** Wall-clock ms from ask to tell (NaN while running). */
  durationMs: number;
  /**
   * Timing facts for a timeline (they never influence the search): ms from the start of the optimize() call (for
   * createStudy(), from its creation) to the ask and to the tell; NaN for trials added as history and, for
   * finishedAt, while running.
   */
  startedAt: number;
  finishedAt: number;
  /** optimize(): the concurrency slot (0 .. concurrency - 1, the lowest one free) that evaluated the trial. */
  worker?: number;
}

export interface BestStudyTrial {
  number: number;
  params: Params;
  value: number;
}

/** What the objective gets besides the params: reporting, pruning, attributes, cancellation. */
export interface TrialHandle {
  readonly number: number;
  readonly params: Params;
  /** Aborted when the search is aborted or its time budget runs out: a long async objective should stop then. */
  readonly signal: AbortSignal;
  /** Records an intermediate value (an epoch's validation loss, a fold's score) at `step` (an integer >= 0). */
  report(step: number, value: number): void;
  /** True when the search's pruner says this trial, given what it reported, should stop now (then throw or return). */
  shouldPrune(): boolean;
  setUserAttr(key: string, value: unknown): void;
}

/** Search options where `trials` may be left out (ask-and-tell runs as long as the caller asks). */
export type StudySearchOptions = SearchOptions extends infer S ? (S extends { trials: number } ? Omit<S, 'trials'> & { trials?: number } : S) : never;

export interface StudyOptions {
  space: SpaceSpec;
  /** createStudy(): default { strategy: 'tpe' }, trials optional. optimize(): required, with its trials. */
  search?: StudySearchOptions;
  /** Default 'minimize' (Optuna's default). */
  direction?: Direction;
  /** Seeds every random choice of the strategy. Default 0. */
  seed?: number;
}

export interface OptimizeOptions extends Omit<StudyOptions, 'search'> {
  /** The strategy and its budget, e.g. { strategy: 'tpe', trials: 100 }. */
  search: SearchOptions;
  /** How many evaluations run at once (async objectives); default 1. The trials do not depend on it. */
  concurrency?: number;
  /** Aborting rejects with a TuneAbortError whose `partial.trials` holds the finished trials. */
  signal?: AbortSignal;
  /** Stop proposing after this many ms; running evaluations finish (their handle's signal is aborted). */
  timeoutMs?: number;
  /** Called with each finished trial. */
  onTrial?(trial: StudyTrial): void;
  onProgress?(event: OptimizeProgress): void;
  /**
   * Record every trial in an Optuna journal study as it finishes, and resume it when it exists: its trials are the
   * strategy's history (`search.trials` counts this call's trials, Optuna's n_trials). `storage`: a journal file path
   * or redis:// URL (Node), or a JournalStorage. Several processes (Node or Python Optuna) may share one study; each
   * learns from the others' finished trials between proposals.
   */
  study?: StudyRef;
}

export interface OptimizeProgress {
  done: number;
  total: number;
  best: BestStudyTrial | null;
  last: StudyTrial;
  elapsedMs: number;
  etaMs: number;
}

export type OptimizeStopReason = 'completed' | 'trials' | 'timeout' | 'patience';

export interface OptimizeResult {
  best: BestStudyTrial | null;
  /** Every trial of this call, by number (warm-start history not included). */
  trials: StudyTrial[];
  direction: Direction;
  stoppedBecause: OptimizeStopReason;
  elapsedMs: number;
  /** fANOVA importance of each hyperparameter over the complete trials (shares summing to 1). */
  importance(): Record<string, number>;
}
