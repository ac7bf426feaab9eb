/**
 * tune(): prepare -> SearchLoop(strategy, pool executor) -> results (+ refit).
 *
 * The loop (src/search/loop.ts) decides which candidates exist and when each may be proposed; this file is the
 * executor that runs them on the worker pool, fold by fold, and the glue between the parts: the candidates
 * (runner/candidates.ts), their pool tasks (runner/trial-tasks.ts), the time budget (runner/budget.ts), progress
 * (runner/progress.ts) and the refit of the best one.
 */
import type { ModelId } from './types';
import type { RefitOutcome, TrialOutcome } from './worker/protocol';
import type { PoolTask, TaskRun, WorkerPool } from './pool/pool';
import { splitRun } from './pool/task-run';
import { TuneAbortError, TuneError, asError } from './errors';
import { trialImportance } from './study/importance';
import type { DataInput } from './data/normalize';
import type { SpaceSpec } from './space/index';
import type { SearchOptions } from './search/index';
import type { CvOptions } from './cv/index';
import { FittedModel } from './model';
import { tuneLoo } from './loo';
import type { Label } from './data/labels';
import { makeResult, rankTrials, pickBest, type TrialResult, type TuneResult, type StopReason } from './results';
import { prepareSearch, type PreparedSearch } from './runner/prepare';
import type { Candidate } from './runner/candidates';
import { TaskPlanner, runTrialBatch, type Outcome } from './runner/trial-tasks';
import { TimeBudget } from './runner/budget';
import { BudgetedPoolSearch } from './runner/budgeted';
import { createPruner, type Pruner } from './search/pruners/index';
import { EpochPruning } from './runner/epoch-pruning';
import { StudyRecorder, checkStudyRef, trialDates, type StorageOpener, type StudyRef } from './study/persist';
import { noOpener } from './study/optimize';
import type { FeatureInput } from './data/normalize';
import type { HistoryTrial } from './search/index';
import { ProgressReporter, type ProgressEvent } from './runner/progress';

export { prepareSearch, MAX_CANDIDATES, type PreparedSearch, type RowsSource } from './runner/prepare';
export type { ProgressEvent } from './runner/progress';

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
   * so results do not depend on the worker count. Only for grid and random search, and not with `timeoutMs`
   * (candidates then go in batches sized by timing, which would make a chain's membership depend on speed).
   */
  warmStart?: boolean;
  /**
   * Record every trial in an Optuna journal study as it finishes (value: the mean CV score; fold scores and every
   * metric's mean in user attributes) and resume the study when it exists: its finished trials are the strategy's
   * history and candidates it already completed are skipped. `storage`: a journal path or redis:// URL (Node), or a
   * JournalStorage.
   */
  study?: StudyRef;
}

const now = (): number => performance.now();

/** The facade: validate -> plan tasks -> run the search loop on the pool -> aggregate -> refit. */
export async function tuneWith(defaultPool: () => WorkerPool, opts: TuneOptions<Label>, opener: StorageOpener = noOpener): Promise<TuneResult<Label>> {
  // cv: 'loo': exact leave-one-out from one decomposition (ridge, linear-regression), on this thread (src/loo.ts).
  if (opts && typeof opts === 'object' && opts.cv === 'loo') return tuneLoo(opts);
  const started = now();
  // prepareSearch asks the pool for rows it already holds only after it has validated opts.pool.
  let chosen: WorkerPool | null = null;
  const poolOf = (): WorkerPool => (chosen ??= opts.pool ?? defaultPool());
  const rows = { residentRows: (X: FeatureInput) => poolOf().residentRows(X), newRowsId: () => poolOf().newRowsId() };
  let prep = prepareSearch(opts, rows);
  let recorder: StudyRecorder | null = null;
  if (opts.study !== undefined) {
    // A study in storage: resume it. Its finished trials are the strategy's history, and grid/random candidates it
    // already completed are skipped; every trial of this call is recorded as it finishes.
    recorder = await StudyRecorder.open(checkStudyRef(opts.study), prep.greaterIsBetter ? 'maximize' : 'minimize', prep.space, opener);
    const earlier = await recorder.newFinished();
    if (earlier.length > 0) {
      const search = (opts.search ?? { strategy: 'grid' }) as SearchOptions & { history?: HistoryTrial[] };
      const learns = search.strategy === 'tpe' || search.strategy === 'gp';
      const history = [...earlier.map((h) => ({ ...h, score: h.value, value: undefined })), ...(search.history ?? [])];
      const resumed = (learns ? { ...search, history } : search) as SearchOptions;
      prep = prepareSearch({ ...opts, search: resumed }, rows, earlier.filter((h) => h.state === 'complete'));
    }
  }
  if (prep.budget) {
    // A halving schedule is fixed by its candidates and rungs: it is recorded, but cannot pick up where another left.
    if (recorder && (await recorder.hasTrials())) {
      throw new TuneError('STUDY_NOT_SUPPORTED', `Study '${checkStudyRef(opts.study).name}' already has trials, and a halving or Hyperband search cannot resume one: record it under a new study name, or resume with strategy 'tpe' / 'random', which take the earlier trials as history.`);
    }
    return new BudgetedPoolSearch(prep, prep.budget, opts, poolOf(), started, recorder).run();
  }
  return new PoolSearch(prep, opts, poolOf(), started, recorder).run();
}

/** One tune() search on the pool: the executor of its SearchLoop. */
class PoolSearch {
  private readonly budget: TimeBudget;
  private readonly planner: TaskPlanner;
  private readonly progress: ProgressReporter;
  private readonly usedWorkers: number;
  private readonly numericErrorScore: number;
  /** Candidates handed to the pool (or failed at admission), in number order. */
  private dispatched = 0;
  private completed = 0;
  private raised: TuneError | null = null;
  private refitProposed = false;
  private refitFor: Candidate | null = null;
  private refitOutcome: RefitOutcome | null = null;
  private refitError: Error | null = null;

  constructor(
    private readonly prep: PreparedSearch,
    private readonly opts: TuneOptions<Label>,
    private readonly pool: WorkerPool,
    private readonly started: number,
    private readonly recorder: StudyRecorder | null = null,
  ) {
    const { settings, folds, dataset, scoring } = prep;
    this.budget = new TimeBudget(started, settings.timeoutMs);
    const adaptive = prep.loop.lag !== Infinity;
    this.planner = new TaskPlanner({
      dataset,
      folds,
      preprocess: settings.preprocess,
      scoring,
      seed: settings.seed,
      hints: prep.hints,
      warmPaths: settings.warmStart && !this.budget.limited && !adaptive,
    });
    // The callbacks are read once (and called with the options as `this`, as before): the per-result code never
    // reads properties of the caller's options object, whose shape differs from caller to caller.
    this.progress = new ProgressReporter(started, prep.greaterIsBetter, opts.onProgress, opts);
    const totalTasks = Math.max(1, prep.total) * folds.length;
    const workers = settings.workers === 'auto' ? pool.size : settings.workers;
    this.usedWorkers = Math.min(workers, pool.size, Math.max(1, totalTasks));
    this.numericErrorScore = settings.errorScore === 'raise' ? NaN : settings.errorScore;
    const byEpochs = prep.pruner?.resource === 'epochs';
    this.pruner = prep.pruner && !byEpochs ? createPruner(prep.pruner, prep.greaterIsBetter ? 'maximize' : 'minimize') : null;
    this.epochPruning =
      prep.pruner && byEpochs ? new EpochPruning(prep.pruner, prep.greaterIsBetter, prep.loop.lag, prep.scoring[0], folds.length) : null;
  }

  /** Candidates the search will evaluate (for progress): an adaptive strategy's trials, or what was proposed. */
  private get total(): number {
    return this.prep.loop.exhausted ? (this.prep.loop.lastKept ?? this.prep.loop.proposed - 1) + 1 : this.prep.total;
  }

  async run(): Promise<TuneResult> {
    const { prep, opts } = this;
    const onTrial = opts.onTrial;
    this.budget.start();
    try {
      await this.pool.run<Outcome>(
        {
          dataset: prep.dataset,
          tasks: this.dispatch(),
          signal: opts.signal,
          // Fast trials (e.g. KNN votes on a cached neighbour table) go several per message; warm-started chains are
          // one call each.
          runBatch: async (api, tasks) => {
            if (tasks[0].kind === 'path') return Promise.all(tasks.map((t) => t.run(api).catch(asError)));
            return runTrialBatch(api, tasks);
          },
          // In-worker time (fit + score) of a trial or a chain: the pool's timing model tells compute from round trips.
          workMs: (r) => {
            if (!Array.isArray(r)) return 'scoreMs' in r ? r.fitMs + r.scoreMs : undefined;
            return r.reduce((ms, t) => ms + ('error' in t ? 0 : t.fitMs + t.scoreMs), 0);
          },
          onResult: (index, result, run) => this.onResult(index, result, onTrial, run),
          // An adaptive strategy's next candidates become proposable as results come in (the lag rule).
          // (Grid and random search add batches only when the pool has drained, sized by the time budget.)
          more: () => (this.refitProposed || this.stopping() || this.prep.loop.lag === Infinity ? [] : this.dispatch()),
          next: () => {
            if (this.refitProposed) return [];
            const more = this.stopping() ? [] : this.dispatch();
            return more.length > 0 ? more : this.refitTasks();
          },
          // Polled before each dispatch. Once the refit is proposed the budget no longer applies: it always runs.
          shouldStop: () => !this.refitProposed && this.stopping(),
        },
        this.usedWorkers,
      );
    } catch (e) {
      if (this.raised) throw this.raised;
      if (e instanceof Error && e.name === 'AbortError' && opts.signal?.aborted) {
        const trials = this.finalTrials();
        throw new TuneAbortError(
          `The search was aborted after ${trials.length} of ${this.total} candidates finished; error.partial holds their trials.`,
          { trials, scoring: prep.scoring },
        );
      }
      throw e;
    } finally {
      await this.writes;
    }
    if (this.writeError) throw this.writeError;
    return this.result();
  }

  /** The time budget ran out, or patience ended the search (queued work is then for discarded candidates only). */
  private stopping(): boolean {
    return this.budget.isUp() || this.prep.loop.lastKept !== null;
  }

  /** Tasks for the candidates the loop (and the time budget's batch size) allow now. */
  private dispatch(): PoolTask<Outcome>[] {
    const { loop, book } = this.prep;
    const strict = this.prep.strategy.lag === Infinity;
    const max = this.budget.batchSize(this.dispatched, this.completed, this.usedWorkers);
    const out: Candidate[] = [];
    // Grid and random candidates were admitted (validated) in prepareSearch; adaptive ones are admitted here.
    while (out.length < max) {
      let cand = book.all[this.dispatched];
      if (!cand) {
        const [p] = loop.next(1);
        if (!p) break;
        cand = book.admit(p, strict);
      }
      this.dispatched++;
      // A candidate that failed admission has no task: it is finished now (which may let the loop propose more).
      if (cand.acc.complete) this.finishCandidate(cand, this.opts.onTrial);
      else out.push(cand);
    }
    if (this.epochPruning) return out.flatMap((c) => this.epochTasks(c));
    if (!this.pruner) return this.planner.tasksFor(out);
    // Fold by fold: the next fold of a candidate goes out once the pruner let it go on after the previous one.
    const tasks = this.followUps.splice(0);
    for (const c of out) tasks.push(...this.foldTask(c, 0));
    return tasks;
  }

  private onResult(index: number, result: Outcome | Error, onTrial: TuneOptions['onTrial'], run: TaskRun): void {
    const ref = this.planner.refs[index];
    if (ref === 'refit') {
      if (result instanceof Error) this.refitError = result;
      else this.refitOutcome = result as RefitOutcome;
      return;
    }
    if ('path' in ref) {
      // A chain's outcomes in its run order; a chain that failed as a whole (its worker died twice) fails each.
      const outs = result instanceof Error ? null : (result as (TrialOutcome | { error: string })[]);
      const runs = splitRun(run, outs && outs.map((t) => ('error' in t ? 0 : t.fitMs + t.scoreMs)), ref.path.length);
      ref.path.forEach((r, i) => {
        const out = outs ? outs[i] : (result as Error);
        this.onFold(r.candidate, r.slot, 'error' in out ? new Error(out.error) : out, onTrial, runs[i]);
      });
      return;
    }
    this.onFold(ref.candidate, ref.slot, result as TrialOutcome | Error, onTrial, run);
  }

  /** One fold of one candidate reported (a trial's outcome or what failed it), and where and when it ran. */
  private onFold(number: number, slot: number, result: TrialOutcome | Error, onTrial: TuneOptions['onTrial'], run: TaskRun): void {
    const cand = this.prep.book.all[number];
    const acc = cand.acc;
    this.progress.fitsDone++;
    // Timing for result.trials[i].spans only: nothing below reads it.
    acc.addSpan({ fold: slot, worker: run.worker, startedAt: run.startedAt - this.started, finishedAt: run.finishedAt - this.started });
    if (result instanceof Error) {
      if (this.prep.settings.errorScore === 'raise') throw (this.raised = trialFailed(number, cand.params, result.message));
      acc.addFailure(result.message);
    } else {
      acc.addOutcome(slot, result.scores, result.fitMs, result.scoreMs);
      this.epochPruning?.fold(number, slot, result.epochs);
    }
    if (!acc.complete) {
      if (this.pruner && !(result instanceof Error)) this.judge(cand, slot, onTrial);
      else if (this.pruner) this.followUps.push(...this.foldTask(cand, slot + 1));
      this.progress.emit(null, false, this.total, this.prep.folds.length);
      return;
    }
    this.finishCandidate(cand, onTrial);
  }

  /** search.pruner over epochs: every fold of a candidate at once, each with the rule's per-epoch table. */
  private epochTasks(c: Candidate): PoolTask<Outcome>[] {
    const epochs = Number(c.full[c.def.epochParam!]);
    const slots = this.prep.folds.map((f, slot) => ({ slot, ...f }));
    return this.planner.tasksForSlots(c.number, c.def, c.hp, c.full, slots, c.number, (slot) => ({
      epochPruning: this.epochPruning!.task(c.number, slot, epochs),
    }));
  }

  /** The task of fold slot `slot` of a candidate (search.pruner runs a candidate's folds one after another). */
  private foldTask(c: Candidate, slot: number): PoolTask<Outcome>[] {
    if (slot >= this.prep.folds.length) return [];
    return this.planner.tasksForSlots(c.number, c.def, c.hp, c.full, [{ slot, ...this.prep.folds[slot] }], c.number);
  }

  /**
   * After fold `slot` of a candidate: its intermediate value at step `slot` is the mean ranking score of folds
   * 0..slot. The pruner judges it against the complete candidates numbered below it minus the lag (all finished
   * before it was proposed, so the decision does not depend on timing); pruned, it ends now with that partial mean.
   */
  private judge(cand: Candidate, slot: number, onTrial: TuneOptions['onTrial']): void {
    const scores = cand.acc.foldScores[this.prep.scoring[0]];
    let sum = 0;
    const steps: number[] = [];
    for (let k = 0; k <= slot; k++) steps.push((sum += scores[k]) / (k + 1));
    this.intermediate.set(cand.number, steps);
    const cut = cand.number - this.prep.loop.lag;
    const refs = [];
    for (const [n, values] of this.intermediate) if (n < cut && this.completed_.has(n)) refs.push({ intermediate: values, state: 'complete' as const });
    if (!this.pruner!.shouldPrune({ intermediate: steps }, refs)) {
      this.followUps.push(...this.foldTask(cand, slot + 1));
      return;
    }
    const trial = cand.acc.toTrial(this.numericErrorScore);
    trial.status = 'pruned';
    trial.error = null;
    trial.meanScore = steps[slot];
    trial.resource = slot + 1;
    trial.rungs = steps.map((score, k) => ({ rung: k, resource: k + 1, score }));
    this.pruned.set(cand.number, trial);
    this.completed++;
    this.prep.loop.tell(cand.number, {
      value: this.prep.greaterIsBetter ? -steps[slot] : steps[slot],
      state: 'pruned',
      step: slot,
    });
    if (this.prep.loop.isDiscarded(cand.number)) return;
    this.progress.finished(trial);
    if (this.recorder) this.record(trial);
    onTrial?.call(this.opts, trial);
  }

  /** Every fold of a candidate reported: tell the loop, the callbacks and progress. */
  private finishCandidate(cand: Candidate, onTrial: TuneOptions['onTrial']): void {
    const trial = cand.acc.toTrial(this.numericErrorScore);
    if (trial.status === 'failed' && this.prep.settings.errorScore === 'raise') {
      throw (this.raised = trialFailed(cand.number, cand.params, trial.error ?? 'failed'));
    }
    this.completed++;
    const ok = trial.status === 'ok';
    if (this.epochPruning) {
      if (ok && this.epochPruning.isPruned(cand.number)) {
        // An epochs pruner cut a fold: the trial is pruned, its folds scored where they stopped.
        const { resource, rungs } = this.epochPruning.summary(cand.number);
        Object.assign(trial, { status: 'pruned', resource, rungs });
        this.pruned.set(cand.number, trial);
        this.prep.loop.tell(cand.number, {
          value: this.prep.greaterIsBetter ? -trial.meanScore : trial.meanScore,
          state: 'pruned',
          step: Math.max(0, rungs.length - 1),
        });
        if (this.prep.loop.isDiscarded(cand.number)) return;
        this.progress.finished(trial);
        if (this.recorder) this.record(trial);
        onTrial?.call(this.opts, trial);
        this.progress.emit(trial, this.progress.done === this.total, this.total, this.prep.folds.length);
        return;
      }
      if (ok) this.epochPruning.complete(cand.number);
      else this.epochPruning.summary(cand.number); // a failed trial is no reference: forget its folds
    }
    if (ok && this.pruner) {
      const scores = trial.foldScores;
      let sum = 0;
      this.intermediate.set(cand.number, scores.map((v, k) => (sum += v) / (k + 1)));
      this.completed_.add(cand.number);
    }
    this.prep.loop.tell(cand.number, {
      value: ok ? (this.prep.greaterIsBetter ? -trial.meanScore : trial.meanScore) : NaN,
      state: ok ? 'complete' : 'failed',
    });
    if (this.prep.loop.isDiscarded(cand.number)) return;
    this.progress.finished(trial);
    if (this.recorder) this.record(trial);
    onTrial?.call(this.opts, trial);
    this.progress.emit(trial, this.progress.done === this.total, this.total, this.prep.folds.length);
  }

  /** search.pruner: the rule, the candidates' partial means by step, which candidates ran every fold, the pruned
   *  trials, and the next folds of candidates the rule let go on. */
  private readonly pruner: Pruner | null;
  /** search.pruner with resource 'epochs' (then `pruner` is null): per-epoch tables out, per-epoch scores in. */
  private readonly epochPruning: EpochPruning | null;
  private readonly intermediate = new Map<number, number[]>();
  private readonly completed_ = new Set<number>();
  private readonly pruned = new Map<number, TrialResult>();
  private followUps: PoolTask<Outcome>[] = [];

  /** Study writes, one at a time in finishing order; run() waits for them before it returns. */
  private writes: Promise<unknown> = Promise.resolve();
  private writeError: Error | null = null;

  private record(trial: TrialResult): void {
    const metrics = Object.fromEntries(Object.entries(trial.metrics).map(([m, v]) => [m, v.mean]));
    const rec = {
      params: trial.params,
      state: trial.status === 'ok' ? ('complete' as const) : trial.status === 'pruned' ? ('pruned' as const) : ('failed' as const),
      value: trial.meanScore,
      // A pruned trial's partial fold means by fold step (Optuna's intermediate values).
      intermediate: trial.status === 'pruned' ? (trial.rungs ?? []).filter((r) => Number.isFinite(r.score)).map((r) => [r.rung, r.score] as const) : undefined,
      userAttrs: { fold_scores: trial.foldScores, metrics, ...(trial.error ? { error: trial.error } : {}) },
      ...trialDates(trial.finishedAt - trial.startedAt),
    };
    const recorder = this.recorder!;
    this.writes = this.writes.then(() => recorder.record(rec)).catch((e: unknown) => void (this.writeError ??= asError(e)));
  }

  /** Trials of every kept candidate whose folds all reported, in proposal order, ranked. */
  private finalTrials(): TrialResult[] {
    const trials: TrialResult[] = [];
    const pruned: TrialResult[] = [];
    for (const c of this.prep.book.all) {
      if (!c || this.prep.loop.isDiscarded(c.number)) continue;
      const p = this.pruned.get(c.number);
      if (p) pruned.push({ ...p });
      else if (c.acc.complete) trials.push(c.acc.toTrial(this.numericErrorScore));
    }
    rankTrials(trials, this.prep.scoring[0]);
    // Pruned trials rank after every trial that ran all its folds (their scores are partial means).
    rankTrials(pruned, this.prep.scoring[0]);
    for (const t of pruned) t.rank += trials.length;
    return [...trials, ...pruned].sort((a, b) => a.index - b.index);
  }

  private refitTasks(): PoolTask<Outcome>[] {
    this.refitProposed = true;
    if (!this.prep.settings.refit) return [];
    const best = pickBest(this.finalTrials());
    if (!best) return [];
    this.refitFor = this.prep.book.all[best.index];
    return [this.planner.refitTask(this.refitFor)];
  }

  private result(): TuneResult {
    const { prep } = this;
    const trials = this.finalTrials();
    const best = pickBest(trials);
    const kept = this.total;
    if (trials.length < kept) this.progress.emit(null, true, kept, prep.folds.length);
    let model: FittedModel | null = null;
    if (prep.settings.refit && best) {
      if (this.refitError) throw new TuneError('REFIT_FAILED', `Refitting the best candidate on all rows failed: ${this.refitError.message}`);
      const out = this.refitOutcome;
      const chosen = this.refitFor;
      if (out && chosen) model = new FittedModel(chosen.def, chosen.hp, out.learned, out.scaler, out.fitMs, prep.labels);
    }
    const loopReason = prep.loop.stopReason;
    // Only the budget leaves proposed candidates unfinished ('raise' and aborts reject instead).
    const stoppedBecause: StopReason =
      trials.length < kept || (!prep.loop.finished && this.budget.isUp())
        ? 'timeout'
        : loopReason === 'patience'
          ? 'patience'
          : prep.capped || (loopReason === 'trials' && prep.loop.lag !== Infinity)
            ? 'trials'
            : 'completed';
    return makeResult({
      best,
      trials,
      scoring: prep.scoring,
      stoppedBecause,
      model,
      cv: prep.plan ? { description: prep.plan.description, folds: prep.plan.nFolds, repeats: prep.plan.splits.length } : null,
      elapsedMs: now() - this.started,
      workers: this.usedWorkers,
    }, () => trialImportance(prep.space, trials.map((t) => ({ params: t.params, value: t.meanScore, state: t.status }))));
  }
}

function trialFailed(candidate: number, params: Record<string, unknown>, message: string): TuneError {
  return new TuneError(
    'TRIAL_FAILED',
    `Trial ${candidate} (${JSON.stringify(params)}) failed: ${message} ` +
      "(errorScore: 'raise' stops the search at the first failure; omit it to record failures as NaN and go on).",
    { candidate, params },
  );
}
