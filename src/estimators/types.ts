import type { Kernels } from '../worker/kernels';
import type { ArrayRecycler } from '../worker/array-recycler';
import type { Matrix, ModelId, ModelKind, ParamValue, Params } from '../types';

/** Schema of one hyperparameter: its type, allowed values and default (scikit-learn's default where one exists). */
export type HyperparameterSchema =
  | { type: 'int'; min?: number; max?: number; default: number; doc: string }
  | {
      type: 'float'; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean; default: number | string | null; doc: string;
      /** Values accepted besides numbers (trees' maxFeatures: 'sqrt', 'log2', null). */
      also?: readonly (string | null)[];
      /** Also an array with one such number per hidden layer (an MLP's dropout [0.5, 0.2]); the estimator's
       *  checkParams matches its length to the layers. */
      perLayer?: boolean;
    }
  | { type: 'enum'; values: readonly (string | number | boolean | null)[]; default: string | number | boolean | null; doc: string }
  | { type: 'bool'; default: boolean; doc: string }
  /** A list of integers per candidate (hiddenLayerSizes [128, 64]): length >= minLength, each element >= min. */
  | { type: 'int-array'; minLength: number; min: number; default: readonly number[]; doc: string }
  /**
   * Null (when `nullable`) or a non-empty list of finite numbers per candidate, each within [min, max] (gaussian-nb's
   * priors [0.2, 0.3, 0.5]). Rules on the whole list that depend on the data (its length, its sum) are the
   * estimator's `checkValue`.
   */
  | { type: 'float-array'; nullable: boolean; min?: number; max?: number; default: readonly number[] | null; doc: string };

/** Data facts a hyperparameter value may be checked against before any work (EstimatorDef.checkValue). */
export interface DataFacts {
  /** Classifiers: the distinct class labels in sorted order (scikit-learn's classes_), as the caller gave them
   *  (numbers, or the strings / booleans of encoded labels). Null for other models. */
  classes: readonly (number | string | boolean)[] | null;
}

/** Learned parameters: plain, structured-cloneable data (what training produced). */
export type Learned = Record<string, Float64Array | Int32Array | number | string | boolean | null>;

/** One side (train or test) of a fold as the worker materialised it: X lives in the worker's wasm memory. */
export interface FoldSide {
  /** Address of the row-major rows x cols f64 matrix in wasm memory (already standardised when asked). */
  ptr: number;
  rows: number;
  cols: number;
  /** Targets (regression), labels (classification) or null (unsupervised). A JS copy, not in wasm memory. */
  y: Float64Array | null;
}

/** Per-task information the planner knows and the trainers may use to share work across candidates. */
export interface TaskHints {
  /** Largest nNeighbors any candidate of this search asks for: one neighbour table per fold serves them all. */
  kMax?: number;
  /** The search's seed, the same in every task: random work that candidates share on a fold (a Gaussian mixture's
   *  k-means initialisation) is drawn from it, as scikit-learn does with an integer random_state. */
  searchSeed?: number;
  /** Derived from the search's seed alone (the same for every candidate and fold of a search): random choices that
   *  candidates should share (a forest's tree i) derive from it. Absent in the refit: use TrainContext.seed. */
  streamSeed?: number;
}

/** What a trainer sees inside a worker. */
export interface TrainContext {
  kernels: Kernels;
  /** Values cached for the current (dataset, split, fold, preprocess); cleared when the worker moves to another fold.
   *  Entries must be JS-owned (copies), never pointers into the arena's per-task scratch. */
  foldCache: Map<string, unknown>;
  /** Derived from (search seed, candidate, split, fold): every random choice of the trial comes from it. */
  seed: number;
  /** The task's (split, fold); absent in the refit. With hints.streamSeed it seeds randomness that candidates on
   *  one fold share (a forest's tree i). */
  slot?: { split: number; fold: number };
  hints: TaskHints;
  /** Sorted distinct labels of the whole dataset (classifiers), so every fold predicts in the same label space. */
  classes: Float64Array | null;
  /** Whether this task's metrics read `Prediction.proba` (logLoss, rocAuc). When false a trainer may leave `proba`
   *  out and take a cheaper path; absent counts as true. */
  needsProba?: boolean;
  /** Typed arrays for values cached on the fold, recycled when the worker drops the fold (see ArrayRecycler).
   *  Absent outside a fold's trials (the refit): allocate fresh arrays then. */
  arrays?: ArrayRecycler;
  /** Inside a warm-started path (WarmPath): the previous fit's solution, for this fit to start from and replace.
   *  Absent otherwise; value null at a path's start or after a failed fit. */
  warm?: { value: unknown };
  /** Per-epoch intermediate values of trainers that train by epochs (the MLP): called after each epoch with the
   *  training loss and the validation score (null without earlyStopping); returning false stops the fit there (a
   *  pruner's cut). Absent: the fit runs to its own stopping rule. */
  onEpoch?: (epoch: number, loss: number, validationScore: number | null) => boolean | void;
  /**
   * Searches whose resource is epochs (halving, Hyperband) promoting a candidate to a longer rung: `from` is the
   * training state the same candidate's fit on this fold ended with at its previous rung (null: start fresh); with
   * `keep` the trainer leaves its end state in `out` (plain, structured-cloneable data) for the next rung.
   * Contract: continuing from `from` up to this task's epochs gives exactly the fit a fresh run to those epochs gives
   * (same seed, same settings but the epoch count), so whether a checkpoint is at hand never changes a result, only
   * the time. Trainers that cannot continue a fit ignore it (they are never given one: see EstimatorDef.resumable).
   */
  checkpoint?: { from: unknown; keep: boolean; out?: unknown };
  /**
   * search.pruner over epochs (trainers that train by epochs, in evaluate): call after each epoch (1, 2, ...) with a
   * function predicting the task's test rows with the current weights; false means the fold is cut: stop training
   * and return the prediction of the model as it is. Absent: no epoch pruning.
   */
  epochProbe?: (epoch: number, predict: () => Prediction) => boolean;
}

/** Predictions of a fitted model on some rows, in the shape the metrics take. */
export interface Prediction {
  yPred: Float64Array;
  /** rows x classes.length, row-major (classifiers that support probabilities). */
  proba?: Float64Array;
  classes?: Float64Array;
  centroids?: Matrix;
  inertia?: number;
  /** Probabilistic models (gaussian-mixture): mean log-likelihood per predicted row under the fitted model, and the
   *  model's number of free parameters; the `logLikelihood`, `bic` and `aic` metrics read them. */
  logLikelihood?: number;
  nParameters?: number;
}

/** Worker-side half of an estimator: fits with the kernels. */
export interface Trainer {
  /** Fit on `train`, predict `test` (both may be the same side when there is no CV). */
  evaluate(ctx: TrainContext, train: FoldSide, test: FoldSide, params: Params): Prediction;
  /** Fit on `train` and return what was learned (used for the refit on all rows). */
  fit(ctx: TrainContext, train: FoldSide, params: Params): Learned;
}

/** Everything the library knows about one model. */
export interface EstimatorDef {
  id: ModelId;
  kind: ModelKind;
  /** Plain-language one-liner for docs and the demo. */
  summary: string;
  hyperparameters: Record<string, HyperparameterSchema>;
  defaultMetric: string;
  trainer: Trainer;
  /** Main-thread prediction from learned parameters and the chosen hyperparameters (pure TS), for `result.model`. */
  predict(learned: Learned, X: Matrix, params: Params): Prediction;
  /**
   * Whether predictions with these hyperparameters (every default filled in) carry class probabilities. tune() asks
   * it before any worker starts, so a probability metric (logLoss, rocAuc) on a candidate without probabilities is
   * rejected up front (METRIC_NEEDS_PROBA) instead of failing every trial. Absent: a classifier always gives them.
   */
  supportsProba?(params: Params): boolean;
  /**
   * The hyperparameter values that select work shared by candidates on one fold (KNN: the neighbour table depends on
   * p only; OLS/ridge: the Gram matrix on fitIntercept only). The pool keeps tasks with the same (fold, key) on one
   * worker, so that work is done once. `params` has every default filled in. Absent: the fold alone is the key.
   */
  shareKey?(params: Params): string;
  /** The model's predictions carry `logLikelihood` and `nParameters`, so it can be scored by bic, aic and
   *  logLikelihood (tune() rejects those metrics up front for other models). */
  reportsLikelihood?: boolean;
  /** Rules the schema cannot state (e.g. an integer count or a fraction), checked with every default filled in
   *  before any work; throws a TuneError. */
  checkParams?(params: Params): void;
  /** Rules on one hyperparameter value that the schema cannot state and that depend on the data (gaussian-nb's
   *  priors: one per class, summing to 1). tune() calls it for every value a space lists (so a bad one is refused
   *  even if a search would never draw it) and for every candidate's values, defaults included, before any work;
   *  throws a TuneError. */
  checkValue?(name: string, value: ParamValue, data: DataFacts): void;
  /** Rules on the targets beyond the model kind's (a tree classifier takes integer labels); throws a TuneError
   *  before any work. */
  checkTargets?(y: Float64Array): void;
  /** Relative cost of one fit (any unit, consistent within the model), for longest-first scheduling. */
  cost?(params: Params): number;
  /** Candidates that differ only in a regularisation strength form a path that can be fitted in order, each fit
   *  starting from its neighbour's solution (tune({ warmStart: true })). */
  warmPath?: WarmPath;
  /**
   * The hyperparameter that counts training epochs (SGD: epochs, MLP: maxIter), for searches whose resource is
   * 'epochs' (halving, Hyperband): a rung with resource r trains that candidate r epochs. Absent: no epochs resource.
   */
  epochParam?: string;
  /** Its trainer honours TrainContext.checkpoint: a rung of an epochs search continues the previous rung's fit. */
  resumable?: boolean;
}

/**
 * How an estimator's candidates chain into warm-started paths. tune() groups the candidates of one fold by `key`,
 * sorts each group by `order` (ascending; ties by candidate index) and cuts it into chunks of a fixed length; a chunk
 * is one task whose fits run in that order in one worker, each from the previous one's solution
 * (TrainContext.warm). Every choice depends on the candidate list alone, so results do not depend on the worker
 * count or timing. A warm-started fit converges to the same optimum within the solver's tolerance, not bit for bit.
 */
export interface WarmPath {
  /** Everything but the path's own hyperparameter (params with every default filled in). */
  key(params: Params): string;
  /** Position along the path; fits run in ascending order (e.g. -alpha: strongest penalty, sparsest solution first). */
  order(params: Params): number;
}
