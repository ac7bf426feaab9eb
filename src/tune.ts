import type { Matrix, ModelId, Params } from './types';
import type { DatasetMessage, RefitOutcome, TrialFailure, TrialOutcome, TrialTask } from './worker/protocol';
import type { EstimatorDef, TaskHints } from './estimators/types';
import type { PoolTask, WorkerPool, WorkerRemote } from './pool/pool';
import { TuneAbortError, TuneError, asError } from './errors';
import { normalizeData, distinctSorted, type DataInput, type FeatureInput } from './data/normalize';
import { compileSpace, type SpaceSpec } from './space/index';
import { createStrategy, type SearchOptions } from './search/index';
import { planSplits, type CvOptions, type SplitPlan } from './cv/index';
import { deriveSeed } from './rng';
import { FittedModel } from './model';
import { tuneLoo } from './loo';
import type { Label, LabelEncoding } from './data/labels';
import { TrialAccumulator, makeResult, rankTrials, pickBest, type TrialResult, type TuneResult, type StopReason } from './results';
import { packTrialBatch, unpackOutcomes } from './worker/trial-batch';
import {
  checkRunSettings,
  resolveModels,
  resolveScoring,
  validateCandidate,
  validateDataForModels,
  validateOptionKeys,
  validateSpaceValues,
  withDefaults,
  type RunSettings,
} from './validate';
import { getMetric } from './metrics/index';

export interface ProgressEvent {
  /** Candidates finished (all their folds reported). */
  done: number;
  total: number;
  /** Fits finished: one per (candidate, fold). Moves steadily even when the pool works fold by fold and candidates
   *  complete in a burst at the end. */
  fitsDone: number;
  fitsTotal: number;
  best: TrialResult | null;
  /** The candidate that finished last, or null when the event reports a fit only. */
  last: TrialResult | null;
  elapsedMs: number;
  /** Remaining time estimated from the pace of fits so far (NaN before the first fit reports). */
  etaMs: number;
}

/** `Y`: the type of data.y's labels (numbers, strings or booleans); the fitted model predicts the same type. */
export interface TuneOptions<Y extends Label = number> {
  /** The model to tune; optional when every sub-space of `space` sets `model`. */
  model?: ModelId;
  data: DataInput<Y>;
  space: SpaceSpec;
  /** Default { strategy: 'grid' }. */
  search?: SearchOptions;
  /**
   * Default: 5 folds in row order, stratified for classifiers; for clustering, no CV (fit and score on all rows).
   * `cv: false` is for clustering only. With `repeats` the fold scores are laid out repeat-major (see TrialResult).
   */
  cv?: CvOptions;
  /** Metric name or names; the first ranks the candidates. Default: the model's default metric. */
  scoring?: string | string[];
  preprocess?: 'standardize' | 'none';
  /** Seeds every random choice (splits, sampling, model randomness). Default 0. */
  seed?: number;
  /** Worker count for this search ('auto' = the pool's size), capped by the pool's size and the number of tasks. */
  workers?: number | 'auto';
  /** A pool from createPool(); otherwise a default pool shared by calls and shut down when idle. */
  pool?: WorkerPool;
  /** Aborting rejects with a TuneAbortError whose `partial` holds { trials, scoring } of the finished candidates. */
  signal?: AbortSignal;
  onProgress?(event: ProgressEvent): void;
  /** Called with each trial as it completes (rank 0: ranks are assigned when the search ends). */
  onTrial?(trial: TrialResult): void;
  /** Refit the best candidate on all rows (default true). */
  refit?: boolean;
  /**
   * Score of a failed trial: NaN (default; it ranks last), a finite number (it ranks by that number, its status
   * stays 'failed'), or 'raise' to reject the whole search with TuneError TRIAL_FAILED at the first failure.
   */
  errorScore?: number | 'raise';
  /**
   * Time budget in ms from the call. When it has passed, queued work is dropped, running folds finish, and the
   * refit of the best finished candidate still runs; `trials` lists only candidates whose every fold finished and
   * `stoppedBecause` is 'timeout'. With a budget, candidates are dispatched in batches sized from the pace so far,
   * so a timeout loses at most the batch in flight (without one, every task is queued at once).
   */
  timeoutMs?: number;
  /**
   * Fit candidates that differ only in their penalty (lasso and elastic net: alpha) as paths, strongest penalty first,
   * each fit starting from the previous solution (default false). Faster on long paths and large data; scores agree
   * with cold starts to within the solver's tolerance, not bit for bit. Paths are cut into chains of a fixed length
   * (PATH_CHUNK) so results do not depend on the worker count. Not applied with `timeoutMs` (candidates then go in
   * batches sized by timing, which would make a chain's membership depend on speed).
   */
  warmStart?: boolean;
}

/** Upper bound on candidates per search: every candidate is proposed and validated up front, then held in memory. */
export const MAX_CANDIDATES = 100_000;

const PROGRESS_INTERVAL_MS = 50;
/** With a time budget, each batch after the first aims at this fraction of the remaining time. */
const BATCH_FRACTION_OF_REMAINING = 0.25;
let datasetCounter = 0;

const now = (): number => performance.now();

/** Everything tune() decided before touching a worker. */
export interface PreparedSearch {
  settings: RunSettings;
  scoring: string[];
  plan: SplitPlan | null;
  dataset: DatasetMessage;
  candidates: Params[];
  /** Per candidate: its estimator, the hyperparameters it sets, and those with every default filled in. */
  resolved: { def: EstimatorDef; hp: Params; full: Params }[];
  hints: TaskHints;
  /** (split, fold) of each task slot of a candidate, repeat-major; split -1 = no CV. */
  folds: { split: number; fold: number }[];
  /** search.trials cut the space short. */
  capped: boolean;
  /** String/boolean labels that dataset.y's class indices stand for (the fitted model gives them back), or null. */
  labels: LabelEncoding | null;
}

/** Where tune() finds rows a pool already holds (WorkerPool implements it). */
export interface RowsSource {
  residentRows(input: FeatureInput): { id: string; matrix: Matrix } | null;
  newRowsId(): string;
}

let rowsCounter = 0;
const noResidentRows: RowsSource = { residentRows: () => null, newRowsId: () => `rows-local${++rowsCounter}` };

/**
 * Validates every option and plans the search. Pure: no worker is spawned, nothing is sent; every rejection is a
 * TuneError. Order: cheap scalar options, then data, space, models, scoring, splits, strategy, candidates.
 * `rows` (the pool) may already hold rows equal to data.X: then they are neither copied nor sent again.
 */
export function prepareSearch(opts: TuneOptions<Label>, rows: RowsSource = noResidentRows): PreparedSearch {
  if (!opts || typeof opts !== 'object' || Array.isArray(opts)) {
    throw new TuneError('INVALID_OPTIONS', 'tune() takes one options object: tune({ model, data, space, ... }).');
  }
  validateOptionKeys(opts);
  const settings = checkRunSettings(opts as unknown as Record<string, unknown>);
  const input = opts.data && typeof opts.data === 'object' ? (opts.data as { X?: unknown }).X : undefined;
  const known = input != null && typeof input === 'object' ? rows.residentRows(input as FeatureInput) : null;
  const data = normalizeData(opts.data, known?.matrix);
  const space = compileSpace(opts.space);
  const models = resolveModels(opts.model, space);
  const kind = models.defs[0].kind;
  validateDataForModels(models.defs, data);
  const scoring = resolveScoring(opts.scoring, models.defs, data.y !== null);
  const classes = kind === 'classifier' && data.y ? distinctSorted(data.y) : null;
  // Clustering defaults to no CV: cluster quality is usually judged on the rows that were clustered.
  const cv = opts.cv === undefined && kind === 'clusterer' ? false : (opts.cv ?? {});
  if (cv === false && kind !== 'clusterer') {
    throw new TuneError(
      'CV_REQUIRED',
      `cv: false (no cross-validation) is for clustering only; ${models.defs[0].id} is a ${kind} and needs held-out rows ` +
        'to score. Use cv: { folds: 5 } or cv: { holdout: 0.2 }.',
    );
  }
  const plan = planSplits(cv, { n: data.X.rows, y: data.y, isClassifier: kind === 'classifier', seed: settings.seed });
  const searchOpts = opts.search ?? { strategy: 'grid' };
  const strategy = createStrategy(searchOpts, space, settings.seed);
  if (strategy.total !== undefined && strategy.total > MAX_CANDIDATES) {
    throw new TuneError(
      'TOO_MANY_CANDIDATES',
      `This search would evaluate ${strategy.total} candidates; tune() evaluates at most ${MAX_CANDIDATES} per call. ` +
        "Narrow the space, cap it with search.trials, or use random search ({ strategy: 'random', trials: 200 }).",
      { candidates: strategy.total, max: MAX_CANDIDATES },
    );
  }
  const ctx = {
    minTrainRows: plan ? minTrainingRows(plan.splits, plan.nFolds, data.X.rows) : data.X.rows,
    split: plan ? plan.description : 'no cross-validation: all rows',
  };
  validateSpaceValues(space, models, ctx);

  // Grid and random search are not adaptive: propose every candidate now, so all of them are validated up front.
  const candidates: Params[] = strategy.propose(Number.MAX_SAFE_INTEGER, []);
  const defaultModel = opts.model; // read once, not per candidate (see tuneWith on the options' shape)
  const resolved = candidates.map((params) => {
    const def = models.defs.find((d) => d.id === ((params.model as string | undefined) ?? defaultModel))!;
    const hp: Params = { ...params };
    delete hp.model;
    validateCandidate(def, hp, ctx, scoring);
    return { def, hp, full: withDefaults(def, hp) };
  });
  const trialsCap = (searchOpts as { trials?: number }).trials;
  const capped = trialsCap !== undefined && candidates.length === trialsCap && trialsCap < space.size;

  const folds: { split: number; fold: number }[] = [];
  if (plan) for (let s = 0; s < plan.splits.length; s++) for (let f = 0; f < plan.nFolds; f++) folds.push({ split: s, fold: f });
  else folds.push({ split: -1, fold: 0 });
  const dataset: DatasetMessage = {
    id: `ds${++datasetCounter}-${settings.seed}`,
    rowsId: known ? known.id : rows.newRowsId(),
    X: data.X.values,
    rows: data.X.rows,
    cols: data.X.cols,
    y: data.y,
    classes,
    splits: plan ? plan.splits : [],
  };
  return { settings, scoring, plan, dataset, candidates, resolved, hints: planHints(resolved), folds, capped, labels: data.labels };
}

/** A pool task slot: one fold of one candidate, a warm-started chain of them (in run order), or the refit. */
type TaskRef = { candidate: number; slot: number } | { path: { candidate: number; slot: number }[] } | 'refit';

/** What the pool's tasks return: a trial, a warm-started chain's trials, or the refit. */
type Outcome = TrialOutcome | (TrialOutcome | TrialFailure)[] | RefitOutcome;

/** Fits per warm-started task: a chain restarts cold at each cut, and several chains per path let the workers share
 *  it. Fixed, so the cuts do not depend on the worker count. */
const PATH_CHUNK = 10;

/** One fold of one candidate as a pool task. A class, not an object literal with an arrow: a search creates one per
 *  (candidate, fold), and a shared prototype method spares each its own closure. */
class TrialPoolTask implements PoolTask<Outcome> {
  constructor(
    readonly affinity: string,
    readonly cost: number | undefined,
    readonly payload: TrialTask,
  ) {}

  run(api: WorkerRemote): Promise<Outcome> {
    return api.runTrial(this.payload);
  }
}

/** The facade: validate -> plan tasks -> run on the pool -> aggregate -> refit. */
export async function tuneWith(defaultPool: () => WorkerPool, opts: TuneOptions<Label>): Promise<TuneResult<Label>> {
  // cv: 'loo': exact leave-one-out from one decomposition (ridge, linear-regression), on this thread (src/loo.ts).
  if (opts && typeof opts === 'object' && opts.cv === 'loo') return tuneLoo(opts);
  const started = now();
  // ---- validate everything before any worker starts ----
  // prepareSearch asks the pool for rows it already holds only after it has validated opts.pool.
  let chosen: WorkerPool | null = null;
  const poolOf = (): WorkerPool => (chosen ??= opts.pool ?? defaultPool());
  const prep = prepareSearch(opts, {
    residentRows: (X) => poolOf().residentRows(X),
    newRowsId: () => poolOf().newRowsId(),
  });
  const { settings, scoring, candidates, resolved, folds, dataset } = prep;
  const { errorScore, seed } = settings;
  const rankBy = scoring[0];
  const rankMetricGreater = getMetric(rankBy).greaterIsBetter;
  const deadline = settings.timeoutMs === null ? null : started + settings.timeoutMs;

  // ---- run ----
  const pool = poolOf();
  const totalTasks = candidates.length * folds.length;
  const usedWorkers = Math.min(settings.workers === 'auto' ? pool.size : settings.workers, pool.size, Math.max(1, totalTasks));
  const accs = candidates.map((params, i) => new TrialAccumulator(i, params, scoring, folds.length));
  const taskRefs: TaskRef[] = [];
  const finished: TrialResult[] = [];
  let bestSoFar: TrialResult | null = null;
  let lastProgress = -Infinity;
  let raised: TuneError | null = null;
  let refitOutcome: RefitOutcome | null = null;
  let refitError: Error | null = null;
  let refitFor: { def: EstimatorDef; hp: Params } | null = null;
  let refitProposed = false;
  let dispatched = 0;
  let runStarted = 0;
  let fitsDone = 0;

  const numericErrorScore = errorScore === 'raise' ? NaN : errorScore;
  /** Trials of every candidate whose folds all reported, in proposal order, ranked. */
  const finalTrials = (): TrialResult[] => {
    const trials = accs.filter((a) => a.complete).map((a) => a.toTrial(numericErrorScore));
    rankTrials(trials, rankBy);
    return trials;
  };

  // The callbacks are read once (and called with the options as `this`, as before): the per-result closures below
  // then never read properties of the caller's options object, whose shape differs from caller to caller (a new
  // shape in a hot, optimised closure is a deoptimisation and a recompile).
  const { onProgress, onTrial } = opts;
  const emitProgress = (last: TrialResult | null, force: boolean): void => {
    if (!onProgress) return;
    const t = now();
    if (!force && t - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = t;
    const elapsedMs = t - started;
    const fitsTotal = candidates.length * folds.length;
    onProgress.call(opts, {
      done: finished.length,
      total: candidates.length,
      fitsDone,
      fitsTotal,
      best: bestSoFar,
      last,
      elapsedMs,
      etaMs: fitsDone > 0 ? (elapsedMs / fitsDone) * (fitsTotal - fitsDone) : NaN,
    });
  };

  const warmPaths = settings.warmStart && deadline === null;

  /** Affinity keys (split:fold:model:shareKey) by share part, one per fold slot: built once per search, not per
   *  task (a grid of hundreds of candidates has a handful of distinct keys). */
  const affinityCache = new Map<string, string[]>();
  const affinitiesFor = (share: string): string[] => {
    let keys = affinityCache.get(share);
    if (!keys) affinityCache.set(share, (keys = folds.map(({ split, fold }) => `${split}:${fold}${share}`)));
    return keys;
  };

  /** Tasks for the next `count` candidates, every fold of each. */
  const batch = (count: number): PoolTask<Outcome>[] => {
    const tasks: PoolTask<Outcome>[] = [];
    /** Candidate c's fold `slot` joins a chain: by (fold, model, path key), later ordered along the path. */
    const paths = new Map<string, { c: number; slot: number; order: number; task: TrialTask; affinity: string }[]>();
    const end = Math.min(candidates.length, dispatched + count);
    for (let c = dispatched; c < end; c++) {
      const { def, full, hp } = resolved[c];
      const affinities = affinitiesFor(def.shareKey ? `:${def.id}:${def.shareKey(full)}` : `:${def.id}`);
      const cost = def.cost?.(full);
      for (let slot = 0; slot < folds.length; slot++) {
        const { split, fold } = folds[slot];
        const task: TrialTask = {
          datasetId: dataset.id,
          model: def.id,
          params: hp,
          split,
          fold,
          preprocess: settings.preprocess,
          metrics: scoring,
          // A trial's randomness depends on (seed, candidate, split, fold) only, never on the worker that runs it.
          seed: deriveSeed(seed, c, split + 1, fold),
          hints: prep.hints,
        };
        const affinity = affinities[slot];
        if (warmPaths && def.warmPath) {
          const key = `${split}:${fold}:${def.id}:${def.warmPath.key(full)}`;
          const path = paths.get(key) ?? [];
          path.push({ c, slot, order: def.warmPath.order(full), task, affinity });
          paths.set(key, path);
          continue;
        }
        taskRefs.push({ candidate: c, slot });
        tasks.push(new TrialPoolTask(affinity, cost, task));
      }
    }
    dispatched = end;
    // Chains: each path in order (ties by candidate), cut every PATH_CHUNK fits; one task per chain.
    for (const path of paths.values()) {
      path.sort((a, b) => a.order - b.order || a.c - b.c);
      for (let at = 0; at < path.length; at += PATH_CHUNK) {
        const chain = path.slice(at, at + PATH_CHUNK);
        const payload = chain.map((x) => x.task);
        taskRefs.push({ path: chain.map(({ c, slot }) => ({ candidate: c, slot })) });
        tasks.push({ affinity: `${chain[0].affinity}:path`, kind: 'path', payload, run: (api) => api.runPath(payload) });
      }
    }
    return tasks;
  };

  /** Candidates in the next batch: all of them without a budget; else sized from the pace to ~1/4 of the time left. */
  const nextBatchSize = (): number => {
    if (deadline === null) return candidates.length;
    if (dispatched === 0) return usedWorkers;
    const done = accs.reduce((n, a) => n + (a.complete ? 1 : 0), 0);
    const perCandidate = (now() - runStarted) / Math.max(1, done);
    const wanted = Math.floor(((deadline - now()) * BATCH_FRACTION_OF_REMAINING) / Math.max(perCandidate, 1e-3));
    return Math.max(usedWorkers, wanted);
  };

  const timeIsUp = (): boolean => deadline !== null && now() >= deadline;

  const refitTask = (): PoolTask<Outcome>[] => {
    refitProposed = true;
    if (!settings.refit) return [];
    const best = pickBest(finalTrials());
    if (!best) return [];
    refitFor = resolved[best.index];
    const task = {
      datasetId: dataset.id,
      model: refitFor.def.id,
      params: refitFor.hp,
      preprocess: settings.preprocess,
      seed: deriveSeed(seed, best.index, 0xffff),
    };
    taskRefs.push('refit');
    return [{ affinity: 'refit', run: (api) => api.refit(task) }];
  };

  /** One fold of one candidate reported (a trial's outcome or what failed it). */
  const onTrialResult = (ref: { candidate: number; slot: number }, result: TrialOutcome | Error): void => {
    const acc = accs[ref.candidate];
    fitsDone++;
    if (result instanceof Error) {
      if (errorScore === 'raise') throw (raised = trialFailed(ref.candidate, candidates[ref.candidate], result.message));
      acc.addFailure(result.message);
    } else {
      const r = result as TrialOutcome;
      acc.addOutcome(ref.slot, r.scores, r.fitMs, r.scoreMs);
    }
    if (!acc.complete) {
      emitProgress(null, false);
      return;
    }
    const trial = acc.toTrial(numericErrorScore);
    if (trial.status === 'failed' && errorScore === 'raise') {
      throw (raised = trialFailed(ref.candidate, candidates[ref.candidate], trial.error ?? 'failed'));
    }
    finished.push(trial);
    if (trial.status === 'ok' && (!bestSoFar || (rankMetricGreater ? trial.meanScore > bestSoFar.meanScore : trial.meanScore < bestSoFar.meanScore))) {
      bestSoFar = trial;
    }
    onTrial?.call(opts, trial);
    emitProgress(trial, finished.length === candidates.length);
  };

  runStarted = now();
  try {
    await pool.run<Outcome>(
      {
        dataset,
        tasks: batch(nextBatchSize()),
        signal: opts.signal,
        // Fast trials (e.g. KNN votes on a cached neighbour table) go several per message; warm-started chains are
        // one call each.
        runBatch: async (api, tasks) => {
          if (tasks[0].kind === 'path') return Promise.all(tasks.map((t) => t.run(api).catch(asError)));
          const packed = packTrialBatch(tasks.map((t) => t.payload as TrialTask));
          return unpackOutcomes(packed.metrics, await api.runTrialBatch(packed)).map((r) =>
            'error' in r ? new Error(r.error) : r,
          );
        },
        // In-worker time (fit + score) of a trial or a chain: the pool's timing model tells compute from round trips
        // with it.
        workMs: (r) => {
          if (!Array.isArray(r)) return 'scoreMs' in r ? r.fitMs + r.scoreMs : undefined;
          return r.reduce((ms, t) => ms + ('error' in t ? 0 : t.fitMs + t.scoreMs), 0);
        },
        onResult(index, result) {
          const ref = taskRefs[index];
          if (ref === 'refit') {
            if (result instanceof Error) refitError = result;
            else refitOutcome = result as RefitOutcome;
            return;
          }
          if ('path' in ref) {
            // A chain's outcomes in its run order; a chain that failed as a whole (its worker died twice) fails each.
            ref.path.forEach((r, i) => {
              const out = result instanceof Error ? result : (result as (TrialOutcome | TrialFailure)[])[i];
              onTrialResult(r, 'error' in out ? new Error(out.error) : out);
            });
            return;
          }
          onTrialResult(ref, result as TrialOutcome | Error);
        },
        next() {
          if (refitProposed) return [];
          if (dispatched < candidates.length && !timeIsUp()) return batch(nextBatchSize());
          return refitTask();
        },
        // Polled before each dispatch. Once the refit is proposed the budget no longer applies: it always runs.
        shouldStop: () => !refitProposed && timeIsUp(),
      },
      usedWorkers,
    );
  } catch (e) {
    if (raised) throw raised;
    if (e instanceof Error && e.name === 'AbortError' && opts.signal?.aborted) {
      const trials = finalTrials();
      throw new TuneAbortError(
        `The search was aborted after ${trials.length} of ${candidates.length} candidates finished; ` +
          'error.partial holds their trials.',
        { trials, scoring },
      );
    }
    throw e;
  }

  // ---- aggregate ----
  const trials = finalTrials();
  const best = pickBest(trials);
  if (trials.length < candidates.length) emitProgress(null, true);
  let model: FittedModel | null = null;
  if (settings.refit && best) {
    if (refitError) throw new TuneError('REFIT_FAILED', `Refitting the best candidate on all rows failed: ${(refitError as Error).message}`);
    const out = refitOutcome as RefitOutcome | null;
    const chosen = refitFor as { def: EstimatorDef; hp: Params } | null;
    if (out && chosen) model = new FittedModel(chosen.def, chosen.hp, out.learned, out.scaler, out.fitMs, prep.labels);
  }
  // Only the budget leaves proposed candidates unfinished ('raise' and aborts reject instead).
  const stoppedBecause: StopReason = trials.length < candidates.length ? 'timeout' : prep.capped ? 'trials' : 'completed';
  return makeResult({
    best,
    trials,
    scoring,
    stoppedBecause,
    model,
    cv: prep.plan ? { description: prep.plan.description, folds: prep.plan.nFolds, repeats: prep.plan.splits.length } : null,
    elapsedMs: now() - started,
    workers: usedWorkers,
  });
}

function trialFailed(candidate: number, params: Params, message: string): TuneError {
  return new TuneError(
    'TRIAL_FAILED',
    `Trial ${candidate} (${JSON.stringify(params)}) failed: ${message} ` +
      "(errorScore: 'raise' stops the search at the first failure; omit it to record failures as NaN and go on).",
    { candidate, params },
  );
}

/** Smallest number of training rows over all folds (bounds nNeighbors, nClusters...). */
function minTrainingRows(splits: Int32Array[], nFolds: number, n: number): number {
  let min = n;
  for (const ids of splits) {
    const tested = new Array<number>(nFolds).fill(0);
    for (const f of ids) if (f >= 0) tested[f]++;
    for (const t of tested) min = Math.min(min, n - t);
  }
  return min;
}

/** Work the candidates can share: one KNN neighbour table with the largest k serves them all. */
function planHints(resolved: { full: Params }[]): TaskHints {
  let kMax = 0;
  for (const { full } of resolved) {
    const k = full.nNeighbors;
    if (typeof k === 'number') kMax = Math.max(kMax, k);
  }
  return kMax > 0 ? { kMax } : {};
}
