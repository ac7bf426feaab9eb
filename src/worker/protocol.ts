/**
 * Messages between the pool (main thread) and a worker, imported by both sides. Everything here must survive
 * structuredClone. A task names (dataset, split, fold) — never rows: the dataset is sent to each worker once, and its
 * rows (X) stay resident across searches: a later search on the same rows sends only its labels and splits.
 */
import type { ModelId, Params } from '../types';
import type { Learned, TaskHints } from '../estimators/types';
import type { StepThresholds } from '../search/pruners/step-thresholds';

export type Preprocess = 'none' | 'standardize';

export interface DatasetMessage {
  /** This search's dataset (labels, splits); dropped when the search ends. */
  id: string;
  /** The rows' id: the worker keeps rows by this id across searches until the pool drops them (WorkerApi.dropRows). */
  rowsId: string;
  /** The rows (rows x cols, row-major). The pool leaves them out when the worker already holds `rowsId`. */
  X?: Float64Array;
  rows: number;
  cols: number;
  /** Labels or targets, or null for unsupervised data. */
  y: Float64Array | null;
  /** Sorted distinct labels for classifiers, else null. */
  classes: Float64Array | null;
  /** One fold-id array per CV repeat (row i is tested in fold foldIds[i]; -1 = always trained on; EXCLUDED_ROW =
   *  neither, as in the row subsets of a halving rung); [] without CV. */
  splits: Int32Array[];
}

export interface TrialTask {
  datasetId: string;
  model: ModelId;
  params: Params;
  /** Index into DatasetMessage.splits, or -1 for no CV: fit and score on all rows. */
  split: number;
  fold: number;
  preprocess: Preprocess;
  metrics: string[];
  seed: number;
  hints: TaskHints;
  /** Epoch-resource searches only: the state to continue from (null: fresh) and whether to send the end state back
   *  (TrainContext.checkpoint). */
  checkpoint?: { from: unknown; keep: boolean };
  /** search.pruner over epochs: judge this fold after every epoch (TrainContext.epochProbe). */
  epochPruning?: EpochPruningTask;
}

/** What a fold task of an epochs pruner carries (runner/epoch-pruning.ts). */
export interface EpochPruningTask {
  /** The ranking metric whose test score is taken after each epoch. */
  metric: string;
  /** Null: this fold cannot be cut (too few references yet), but it still reports its per-epoch scores. */
  thresholds: StepThresholds | null;
}

/** What such a fold reports back (TrialOutcome.epochs): its per-epoch test scores and whether the rule cut it. */
export interface EpochReport {
  values: Float64Array;
  pruned: boolean;
}

/** Trials of one group (same dataset, split, fold and model) in one message: the shared fields go once, then each
 *  trial's params and seed (see trial-batch.ts). */
export interface TrialBatch {
  datasetId: string;
  model: ModelId;
  split: number;
  fold: number;
  preprocess: Preprocess;
  metrics: string[];
  hints: TaskHints;
  params: Params[];
  seeds: number[];
  /** Per trial, TrialTask.checkpoint (absent when no trial of the batch has one). */
  checkpoints?: ({ from: unknown; keep: boolean } | null)[];
  /** Per trial, TrialTask.epochPruning (absent when no trial of the batch has one). */
  epochPruning?: (EpochPruningTask | null)[];
}

/** A batch's outcomes column-wise, in trial order. */
export interface TrialBatchOutcome {
  /** scores[i * metrics.length + m]: trial i's score on the batch's metrics[m] (NaN for a failed trial). */
  scores: Float64Array;
  fitMs: Float64Array;
  scoreMs: Float64Array;
  /** Null when every trial ran; else, per trial, the message that failed it or null. */
  errors: (string | null)[] | null;
  /** Per trial, the end state it was asked to keep (TrialOutcome.checkpoint) or null; absent when none was. */
  checkpoints?: unknown[];
  /** Per trial, its EpochReport or null; absent when none has one. */
  epochs?: (EpochReport | null)[];
}

export interface TrialOutcome {
  /** Score per requested metric on the fold's test rows (NaN where a metric could not be computed). */
  scores: Record<string, number>;
  fitMs: number;
  scoreMs: number;
  /** The trainer's end state, when the task asked to keep it (TrialTask.checkpoint.keep). */
  checkpoint?: unknown;
  /** Tasks with epochPruning: the fold's per-epoch test scores and whether it was cut. */
  epochs?: EpochReport;
}

/** A task of a batch that threw: its message, so one failing candidate does not fail the others. */
export interface TrialFailure {
  error: string;
}

export interface RefitTask {
  datasetId: string;
  model: ModelId;
  params: Params;
  preprocess: Preprocess;
  seed: number;
  /** The search's hints (searchSeed: the refit draws shared random work as the trials did). */
  hints?: TaskHints;
}

export interface Scaler {
  mean: Float64Array;
  scale: Float64Array;
}

export interface RefitOutcome {
  learned: Learned;
  scaler: Scaler | null;
  fitMs: number;
}

export interface WorkerStats {
  datasets: string[];
  /** Ids of the resident rows. */
  rows: string[];
  wasmBytes: number;
  arenaBytes: number;
}

/** The API each worker exposes through Comlink (every method is async on the caller's side). */
export interface WorkerApi {
  /** Compiles the kernels; called once, first. `wasm` (a module or its bytes) overrides the embedded binary. */
  init(wasm?: WebAssembly.Module | ArrayBuffer | Uint8Array): void;
  /** Registers a search's dataset; stores its rows when `X` is given, else uses the resident rows `rowsId`. */
  loadDataset(ds: DatasetMessage): void;
  /** Forgets a search's dataset (not its rows). */
  dropDataset(id: string): void;
  /** Frees resident rows (the pool no longer keeps them). */
  dropRows(rowsId: string): void;
  runTrial(task: TrialTask): TrialOutcome;
  /** Several trials of one group in one message (the pool batches fast tasks); outcomes in order, a trial that
   *  throws fails alone. */
  runTrialBatch(batch: TrialBatch): TrialBatchOutcome;
  /** A warm-started path (WarmPath): the trials in the given order, each fit starting from the previous one's
   *  solution; a failed trial restarts the chain cold. */
  runPath(tasks: TrialTask[]): (TrialOutcome | TrialFailure)[];
  refit(task: RefitTask): RefitOutcome;
  stats(): WorkerStats;
}

/** A fold id meaning "not used in this split at all" (the rows a halving rung leaves out). */
export const EXCLUDED_ROW = -2;
