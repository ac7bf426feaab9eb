import type { ModelId, Params } from './types';
import type { Platform } from './platform/types';
import type { DatasetMessage, Preprocess, RefitOutcome, TrialOutcome, TrialTask } from './worker/protocol';
import type { EstimatorDef, TaskHints } from './estimators/types';
import type { PoolTask } from './pool/pool';
import { WorkerPool } from './pool/pool';
import { TuneError } from './errors';
import { normalizeData, distinctSorted, type DataInput } from './data/normalize';
import { compileSpace, type SpaceSpec } from './space/index';
import { createStrategy, type SearchOptions } from './search/index';
import { planSplits, type CvOptions } from './cv/index';
import { deriveSeed } from './rng';
import { FittedModel } from './model';
import { TrialAccumulator, rankTrials, pickBest, trialsToCSV, type TrialResult, type TuneResult, type StopReason } from './results';
import { validateOptionKeys, resolveModels, resolveScoring, validateCandidate, validateDataForModels } from './validate';
import { getEstimator } from './estimators/registry';
import { getMetric } from './metrics/index';

export interface ProgressEvent {
  /** Candidates finished (all their folds reported). */
  done: number;
  total: number;
  best: TrialResult | null;
  last: TrialResult | null;
  elapsedMs: number;
  /** Estimated remaining time from the pace so far (NaN before the first trial finishes). */
  etaMs: number;
}

export interface TuneOptions {
  /** The model to tune; optional when every sub-space of `space` sets `model`. */
  model?: ModelId;
  data: DataInput;
  space: SpaceSpec;
  search?: SearchOptions;
  cv?: CvOptions;
  /** Metric name or names; the first ranks the candidates. Default: the model's default metric. */
  scoring?: string | string[];
  preprocess?: 'standardize' | 'none';
  /** Seeds every random choice (splits, sampling, model randomness). Default 0. */
  seed?: number;
  /** Worker count for this search ('auto' = the platform's core count), capped by the number of tasks. */
  workers?: number | 'auto';
  /** A pool from createPool(); otherwise a default pool shared by calls and shut down when idle. */
  pool?: WorkerPool;
  signal?: AbortSignal;
  onProgress?(event: ProgressEvent): void;
  /** Called with each trial as it completes. */
  onTrial?(trial: TrialResult): void;
  /** Refit the best candidate on all rows (default true). */
  refit?: boolean;
  /** Score of a failed trial: NaN (default; ranks last) or 'raise' to reject the whole search with its error. */
  errorScore?: number | 'raise';
  /** Stop proposing/dispatching after this many milliseconds; the result says stoppedBecause: 'timeout'. */
  timeoutMs?: number;
}

const PROGRESS_INTERVAL_MS = 50;
let datasetCounter = 0;

const now = (): number => performance.now();

/** The facade: validate -> plan tasks -> run on the pool -> aggregate -> refit. */
export async function tuneWith(platform: Platform, defaultPool: () => WorkerPool, opts: TuneOptions): Promise<TuneResult> {
  const started = now();
  // ---- validate everything before any worker starts ----
  if (!opts || typeof opts !== 'object') throw new TuneError('INVALID_OPTIONS', 'tune() takes one options object.');
  validateOptionKeys(opts);
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new TuneError('INVALID_SEED', `seed must be an integer in [0, 2^32), got ${String(opts.seed)}.`);
  }
  const workersOpt = opts.workers ?? 'auto';
  if (workersOpt !== 'auto' && !(Number.isInteger(workersOpt) && (workersOpt as number) >= 1)) {
    throw new TuneError('INVALID_WORKERS', `workers must be a positive integer or 'auto', got ${String(workersOpt)}.`);
  }
  const preprocess: Preprocess = opts.preprocess === 'standardize' ? 'standardize' : 'none';
  if (opts.preprocess !== undefined && opts.preprocess !== 'standardize' && opts.preprocess !== 'none') {
    throw new TuneError('INVALID_PREPROCESS', `preprocess must be 'standardize' or 'none', got '${String(opts.preprocess)}'.`);
  }
  const data = normalizeData(opts.data);
  const space = compileSpace(opts.space);
  const models = resolveModels(opts.model, space);
  const kind = models[0].kind;
  validateDataForModels(models, data);
  const scoring = resolveScoring(opts.scoring, models, data.y !== null);
  const classes = kind === 'classifier' && data.y ? distinctSorted(data.y) : null;
  const plan = kind === 'clusterer' && opts.cv === undefined ? null : planSplits(opts.cv ?? {}, {
    n: data.X.rows,
    y: data.y,
    isClassifier: kind === 'classifier',
    seed,
  });
  if (!plan && kind !== 'clusterer') {
    throw new TuneError('CV_REQUIRED', 'cv: false (no cross-validation) is for clustering only; supervised models need held-out rows to score. Use { folds: 5 } or { holdout: 0.2 }.');
  }
  const strategy = createStrategy(opts.search ?? { strategy: 'grid' }, space, seed);
  const errorScore = opts.errorScore ?? NaN;
  if (errorScore !== 'raise' && typeof errorScore !== 'number') {
    throw new TuneError('INVALID_ERROR_SCORE', `errorScore must be a number (NaN by default) or 'raise', got ${String(errorScore)}.`);
  }
  if (opts.timeoutMs !== undefined && !(typeof opts.timeoutMs === 'number' && opts.timeoutMs > 0)) {
    throw new TuneError('INVALID_TIMEOUT', `timeoutMs must be a positive number of milliseconds, got ${String(opts.timeoutMs)}.`);
  }
  const minTrainRows = plan ? minTrainingRows(plan.splits, plan.nFolds, data.X.rows) : data.X.rows;

  // Grid and random search are not adaptive: propose every candidate now, so all of them are validated up front.
  const candidates: Params[] = strategy.propose(Number.MAX_SAFE_INTEGER, []);
  const resolved = candidates.map((params) => {
    const model = (params.model as ModelId | undefined) ?? opts.model!;
    const def = getEstimator(model);
    const hp: Params = { ...params };
    delete hp.model;
    validateCandidate(def, hp, { minTrainRows, nClasses: classes?.length ?? 0 });
    return { def, hp };
  });
  const hints = planHints(resolved.map((r) => r.hp));

  // ---- plan tasks: (candidate, split, fold) ----
  const folds: { split: number; fold: number }[] = [];
  if (plan) for (let s = 0; s < plan.splits.length; s++) for (let f = 0; f < plan.nFolds; f++) folds.push({ split: s, fold: f });
  else folds.push({ split: -1, fold: 0 });
  const dataset: DatasetMessage = {
    id: `ds${++datasetCounter}-${seed}`,
    X: data.X.values,
    rows: data.X.rows,
    cols: data.X.cols,
    y: data.y,
    classes,
    splits: plan ? plan.splits : [],
  };
  const accs = candidates.map((params, i) => new TrialAccumulator(i, params, scoring, folds.length));
  const taskOf: { candidate: number; slot: number }[] = [];
  const trialTasks: PoolTask<TrialOutcome>[] = [];
  candidates.forEach((_, c) => {
    folds.forEach(({ split, fold }, slot) => {
      const task: TrialTask = {
        datasetId: dataset.id,
        model: resolved[c].def.id,
        params: resolved[c].hp,
        split,
        fold,
        preprocess,
        metrics: scoring,
        seed: deriveSeed(seed, c, split + 1, fold),
        hints,
      };
      taskOf.push({ candidate: c, slot });
      trialTasks.push({ affinity: `${split}:${fold}`, run: (api) => api.runTrial(task) });
    });
  });

  // ---- run ----
  const pool = opts.pool ?? defaultPool();
  const usedWorkers = Math.min(workersOpt === 'auto' ? pool.size : (workersOpt as number), pool.size, Math.max(1, trialTasks.length));
  const finished: TrialResult[] = [];
  let bestSoFar: TrialResult | null = null;
  let lastProgress = -Infinity;
  let raised: Error | null = null;
  let timedOut = false;
  let refitOutcome: RefitOutcome | null = null;
  let refitError: Error | null = null;
  let refitFor: { def: EstimatorDef; hp: Params } | null = null;
  const wantRefit = opts.refit !== false;

  const emitProgress = (last: TrialResult | null, force: boolean): void => {
    if (!opts.onProgress) return;
    const t = now();
    if (!force && t - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = t;
    const elapsedMs = t - started;
    const done = finished.length;
    opts.onProgress({
      done,
      total: candidates.length,
      best: bestSoFar,
      last,
      elapsedMs,
      etaMs: done > 0 ? (elapsedMs / done) * (candidates.length - done) : NaN,
    });
  };

  const timer = opts.timeoutMs !== undefined ? setTimeout(() => (timedOut = true), opts.timeoutMs) : null;
  (timer as { unref?: () => void } | null)?.unref?.();
  const rankBy = scoring[0];
  const rankMetricGreater = getMetric(rankBy).greaterIsBetter;

  let refitDispatched = false;
  try {
    await pool.run<TrialOutcome | RefitOutcome>(
      {
        dataset,
        tasks: trialTasks as PoolTask<TrialOutcome | RefitOutcome>[],
        signal: opts.signal,
        onResult(index, result) {
          if (index >= trialTasks.length) {
            if (result instanceof Error) refitError = result;
            else refitOutcome = result as RefitOutcome;
            return;
          }
          const { candidate, slot } = taskOf[index];
          const acc = accs[candidate];
          if (result instanceof Error) {
            if (errorScore === 'raise') {
              raised = new TuneError('TRIAL_FAILED', `Trial ${candidate} (${JSON.stringify(candidates[candidate])}) failed: ${result.message}`);
              throw raised;
            }
            acc.addFailure(result.message);
          } else {
            const r = result as TrialOutcome;
            acc.addOutcome(slot, r.scores, r.fitMs, r.scoreMs);
          }
          if (acc.complete) {
            const trial = acc.toTrial();
            finished.push(trial);
            if (trial.status === 'ok' && (!bestSoFar || (rankMetricGreater ? trial.meanScore > bestSoFar.meanScore : trial.meanScore < bestSoFar.meanScore))) {
              bestSoFar = trial;
            }
            opts.onTrial?.(trial);
            emitProgress(trial, finished.length === candidates.length);
          }
        },
        next() {
          if (refitDispatched || !wantRefit) return [];
          refitDispatched = true;
          const trials = accs.map((a) => a.toTrial());
          rankTrials(trials, rankBy);
          const best = pickBest(trials);
          if (!best) return [];
          refitFor = resolved[best.index];
          const task = {
            datasetId: dataset.id,
            model: refitFor.def.id,
            params: refitFor.hp,
            preprocess,
            seed: deriveSeed(seed, best.index, 0xffff),
          };
          return [{ affinity: 'refit', run: (api) => api.refit(task) }];
        },
      },
      usedWorkers,
    );
  } catch (e) {
    if (raised) throw raised;
    throw e;
  } finally {
    if (timer) clearTimeout(timer);
  }

  // ---- aggregate ----
  const trials = accs.map((a) => a.toTrial());
  if (typeof errorScore === 'number' && !Number.isNaN(errorScore)) {
    for (const t of trials) if (t.status === 'failed') t.meanScore = errorScore;
  }
  rankTrials(trials, rankBy);
  const best = pickBest(trials);
  let model: FittedModel | null = null;
  if (wantRefit && best) {
    if (refitError) throw new TuneError('REFIT_FAILED', `Refitting the best candidate on all rows failed: ${(refitError as Error).message}`);
    const out = refitOutcome as RefitOutcome | null;
    const chosen = refitFor as { def: EstimatorDef; hp: Params } | null;
    if (out && chosen) model = new FittedModel(chosen.def, chosen.hp, out.learned, out.scaler, out.fitMs);
  }
  const stoppedBecause: StopReason = timedOut ? 'timeout' : 'completed';
  const cvInfo = plan ? { description: plan.description, folds: plan.nFolds, repeats: plan.splits.length } : null;
  const elapsedMs = now() - started;
  const result: TuneResult = {
    best,
    trials,
    scoring,
    stoppedBecause,
    model,
    cv: cvInfo,
    elapsedMs,
    workers: usedWorkers,
    toJSON: () => ({
      best,
      trials,
      scoring,
      stoppedBecause,
      cv: cvInfo,
      elapsedMs,
      workers: usedWorkers,
      model: model ? model.toJSON() : null,
    }),
    toCSV: () => trialsToCSV(trials, scoring),
  };
  return result;
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
function planHints(params: Params[]): TaskHints {
  let kMax = 0;
  for (const p of params) if (typeof p.nNeighbors === 'number') kMax = Math.max(kMax, p.nNeighbors);
  return kMax > 0 ? { kMax } : {};
}
