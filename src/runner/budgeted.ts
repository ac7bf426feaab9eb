/**
 * Successive halving and Hyperband in tune(): the executor of a BudgetedStrategy (src/search/halving) on the pool.
 *
 * A rung hands out (candidate, resource) evaluations; each is a unit of fold tasks:
 * - resource 'rows': every fold slot on the rung's row subset (subsampleRows: nested across rungs, the same for every
 *   candidate), sent to the workers once as extra splits (rows left out are EXCLUDED_ROW);
 * - resource 'epochs': every fold slot with the model's epoch hyperparameter (EstimatorDef.epochParam) set to the
 *   resource. A promoted candidate of a resumable model (SGD, MLP: EstimatorDef.resumable) continues on each fold
 *   from the training state its previous rung ended with, which the worker sent back and this executor keeps
 *   (runner/checkpoints.ts, bounded; workers hold no state between tasks), so only the new epochs are trained.
 *   Other models, and a state the bound did not keep, retrain from scratch, which gives the same fit;
 * - resource 'folds': the first `resource` fold slots; a promoted candidate keeps the folds it already ran and only
 *   the new ones are computed (no work is redone).
 * Determinism: a rung starts only when the previous rung of its bracket is fully told, and survivors depend only on
 * scores (ties: lower candidate index), so what runs never depends on timing or worker count.
 * Ranking and `best` consider only candidates that finished their bracket's last rung (scikit-learn's halving);
 * the others are 'pruned' trials carrying the rungs they ran. Progress counts resource units (fitsDone/fitsTotal).
 * onTrial reports a candidate once its fate is decided: eliminated ('pruned', 'failed') or through its last rung.
 * timeoutMs: no rung starts once the time is up, queued evaluations are dropped (the best one's refit still runs),
 * and the result is stoppedBecause 'timeout'. If no candidate reached its last rung by then, the candidates
 * evaluated with the largest resource any candidate finished are the ones ranked (so the result still names the
 * best of what was run); the rest are 'pruned'.
 */
import type { PoolTask, TaskRun, WorkerPool } from '../pool/pool';
import type { RefitOutcome, TrialOutcome, TrialTask } from '../worker/protocol';
import { EXCLUDED_ROW } from '../worker/protocol';
import type { Params } from '../types';
import { TuneAbortError, TuneError, asError } from '../errors';
import { createRng, deriveSeed } from '../rng';
import { FittedModel } from '../model';
import { makeResult, pickBest, rankTrials, TrialAccumulator, type TrialResult, type TuneResult } from '../results';
import { createGridStrategy } from '../search/grid';
import { createRandomStrategy } from '../search/random';
import {
  checkHalvingOptions,
  checkHyperbandOptions,
  checkResourceForModel,
  createHalvingStrategy,
  createHyperbandStrategy,
  halvingSchedule,
  hyperbandBrackets,
  subsampleRows,
  type BudgetedAsk,
  type BudgetedStrategy,
  type BudgetResource,
} from '../search/halving/index';
import { validateCandidate, withDefaults } from '../validate';
import type { CandidateContext, ResolvedModels } from '../validate';
import type { PreparedSearch } from './prepare';
import type { TuneOptions } from '../tune';
import type { Label } from '../data/labels';
import { TaskPlanner, runTrialBatch, type Outcome } from './trial-tasks';
import { ProgressReporter } from './progress';
import { TimeBudget } from './budget';
import { CheckpointStore } from './checkpoints';
import { trialDates, type StudyRecorder } from '../study/persist';
import { trialImportance } from '../study/importance';
import type { EstimatorDef } from '../estimators/types';

const now = (): number => performance.now();

/** What prepareSearch hands over for a budgeted search. */
export interface BudgetPlan {
  resource: BudgetResource;
  /** Epochs: continue promoted candidates' fits from their previous rung (search.resume). */
  resume: boolean;
  strategy: BudgetedStrategy;
  maxResource: number;
  /** resource 'rows': split index of (resource, split, fold); the full resource uses the plain splits. */
  rowSplits: Map<string, number>;
  /** Every candidate proposed, validated up front (grid or random). */
  candidates: { params: Params; def: EstimatorDef; hp: Params }[];
}

export function isBudgeted(search: unknown): boolean {
  const s = (search as { strategy?: unknown } | undefined)?.strategy;
  return s === 'halving' || s === 'hyperband';
}

/**
 * Plans a halving or Hyperband search: checks the options and the resource against the model(s), proposes the
 * candidates (grid, or `trials` random ones), validates each, and adds the rows resource's subsets to `splits`.
 */
export function planBudget(
  raw: Record<string, unknown>,
  ctx: {
    space: PreparedSearch['space'];
    models: ResolvedModels;
    defaultModel: string | undefined;
    candidateCtx: CandidateContext;
    scoring: string[];
    seed: number;
    nSamples: number;
    nFolds: number;
    nClasses: number | undefined;
    greaterIsBetter: boolean;
    splits: Int32Array[];
    searchSeed: number;
  },
): BudgetPlan {
  const hyper = raw.strategy === 'hyperband';
  const o = hyper ? checkHyperbandOptions(raw) : checkHalvingOptions(raw);
  for (const def of ctx.models.defs) checkResourceForModel(o.resource, def.id, def.epochParam ? ['epochs'] : []);
  if (ctx.splits.length === 0) {
    throw new TuneError('CV_REQUIRED', `${String(raw.strategy)} search scores candidates on held-out rows: give cv (e.g. { folds: 5 }), not cv: false.`);
  }
  const epochDefault = (): number => {
    const def = ctx.models.defs[0];
    const schema = def.epochParam ? def.hyperparameters[def.epochParam] : undefined;
    return schema && typeof schema.default === 'number' ? schema.default : 1;
  };
  const natural = o.resource === 'rows' ? ctx.nSamples : o.resource === 'folds' ? ctx.nFolds : epochDefault();
  const maxResource = o.maxResource ?? natural;
  if (o.resource === 'folds' && maxResource > ctx.nFolds) {
    throw new TuneError('INVALID_MAX_RESOURCE', `search.maxResource (${maxResource}) exceeds the ${ctx.nFolds} folds of the cross-validation.`);
  }
  if (o.resource === 'rows' && maxResource > ctx.nSamples) {
    throw new TuneError('INVALID_MAX_RESOURCE', `search.maxResource (${maxResource}) exceeds the ${ctx.nSamples} rows of the data.`);
  }
  // Candidates: every grid point (halving without trials), or seeded random draws.
  const trials = (o as { trials?: number }).trials;
  const base = !hyper && trials === undefined ? createGridStrategy(ctx.space) : createRandomStrategy(ctx.space, trials ?? 1e9, createRng(ctx.searchSeed));
  const candidates: BudgetPlan['candidates'] = [];
  const propose = (n: number): Params[] => {
    const ps = base.propose(n, []);
    for (const params of ps) {
      const def = ctx.models.defs.find((d) => d.id === ((params.model as string | undefined) ?? ctx.defaultModel))!;
      const hp: Params = { ...params };
      delete hp.model;
      validateCandidate(def, hp, ctx.candidateCtx, ctx.scoring);
      candidates.push({ params, def, hp });
    }
    return ps;
  };
  let strategy: BudgetedStrategy;
  let resources: number[];
  if (hyper) {
    const h = o as { maxResource: number; minResource: number; factor: number };
    const input = { maxResource, minResource: h.minResource, factor: h.factor };
    strategy = createHyperbandStrategy({ ...input, propose, greaterIsBetter: ctx.greaterIsBetter });
    resources = hyperbandBrackets(input).flatMap((b) => b.rungs.map((r) => r.resource));
  } else {
    const h = o as { minResource: number | 'exhaust' | 'smallest'; factor: number; aggressiveElimination: boolean };
    const nCandidates = trials ?? ctx.space.gridSize();
    const schedule = {
      factor: h.factor,
      minResources: h.minResource,
      maxResources: maxResource,
      nSamples: ctx.nSamples,
      resource: o.resource,
      nSplits: ctx.nFolds,
      nClasses: ctx.nClasses,
      aggressiveElimination: h.aggressiveElimination,
    };
    strategy = createHalvingStrategy({ schedule, nCandidates, propose, greaterIsBetter: ctx.greaterIsBetter });
    resources = halvingSchedule({ ...schedule, nCandidates }).iterations.map((i) => i.nResources);
  }
  const rowSplits = new Map<string, number>();
  if (o.resource === 'rows') {
    for (const r of new Set(resources)) {
      if (r >= ctx.nSamples) continue;
      const nBase = ctx.splits.length;
      for (let s = 0; s < nBase; s++) {
        for (let f = 0; f < ctx.nFolds; f++) {
          rowSplits.set(`${r}:${s}:${f}`, ctx.splits.length);
          ctx.splits.push(rowSubsetSplit(ctx.splits[s], f, ctx.nFolds, r, ctx.nSamples, deriveSeed(ctx.seed, s)));
        }
      }
    }
  }
  return { resource: o.resource, resume: o.resume, strategy, maxResource, rowSplits, candidates };
}

/** A split for fold f of `ids` keeping the rung's subsets: test rows -> f, train rows -> nFolds, others excluded. */
function rowSubsetSplit(ids: Int32Array, f: number, nFolds: number, resource: number, nSamples: number, seed: number): Int32Array {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < ids.length; i++) (ids[i] === f ? test : train).push(i);
  const out = new Int32Array(ids.length).fill(EXCLUDED_ROW);
  for (const i of subsampleRows(Int32Array.from(test), resource, nSamples, seed, f, 1)) out[i] = f;
  for (const i of subsampleRows(Int32Array.from(train), resource, nSamples, seed, f, 0)) out[i] = nFolds;
  return out;
}

interface Unit {
  /** Unit id (task refs point at it). */
  number: number;
  ask: BudgetedAsk;
  def: EstimatorDef;
  hp: Params;
  full: Params;
  acc: TrialAccumulator;
  /** Fold slots this unit runs (folds resource: only the new ones). */
  slots: { slot: number; split: number; fold: number }[];
  /** The rung it belongs to (one ask() batch): units of it still to finish (fates change only when it reaches 0),
   *  and its candidates. */
  rung: { left: number; candidates: number[] };
}

/** The pool executor of a halving / Hyperband search. */
export class BudgetedPoolSearch {
  private readonly planner: TaskPlanner;
  private readonly progress: ProgressReporter;
  private readonly units: Unit[] = [];
  /** Per candidate: its latest unit (folds resource: earlier folds are carried over from it). */
  private readonly lastUnit = new Map<number, Unit>();
  private readonly usedWorkers: number;
  private refitProposed = false;
  private refitFor: { def: EstimatorDef; hp: Params; number: number } | null = null;
  private refitOutcome: RefitOutcome | null = null;
  private refitError: Error | null = null;
  private raised: TuneError | null = null;
  private readonly total: number;
  private readonly time: TimeBudget;
  /** The time ran out before the strategy was done. */
  private timedOut = false;
  /** Candidates already passed to onTrial (once each, when their fate is decided). */
  private readonly reported = new Set<number>();
  /** Training states between the rungs of an epochs search (resumable models). */
  private readonly checkpoints = new CheckpointStore();

  constructor(
    private readonly prep: PreparedSearch,
    private readonly budget: BudgetPlan,
    private readonly opts: TuneOptions<Label>,
    private readonly pool: WorkerPool,
    private readonly started: number,
    /** tune({ study }): each candidate is written once its fate is decided (a fresh study only: see tune.ts). */
    private readonly recorder: StudyRecorder | null = null,
  ) {
    const { settings, folds, dataset, scoring } = prep;
    this.planner = new TaskPlanner({ dataset, folds, preprocess: settings.preprocess, scoring, seed: settings.seed, hints: prep.hints, warmPaths: false });
    this.progress = new ProgressReporter(started, prep.greaterIsBetter, opts.onProgress, opts);
    const workers = settings.workers === 'auto' ? pool.size : settings.workers;
    this.usedWorkers = Math.min(workers, pool.size);
    this.total = budget.strategy.plannedResource * (budget.resource === 'folds' ? 1 : folds.length);
    this.time = new TimeBudget(started, settings.timeoutMs);
  }

  /** The time is up (queued evaluations are dropped; the refit, once proposed, always runs). */
  private stopping(): boolean {
    return !this.refitProposed && this.time.isUp();
  }

  async run(): Promise<TuneResult> {
    const { prep, opts } = this;
    try {
      await this.pool.run<Outcome>(
        {
          dataset: prep.dataset,
          tasks: this.dispatch(),
          signal: opts.signal,
          runBatch: runTrialBatch,
          workMs: (r) => (!Array.isArray(r) && 'scoreMs' in r ? r.fitMs + r.scoreMs : undefined),
          onResult: (index, result, run) => this.onResult(index, result, run),
          more: () => (this.refitProposed || this.stopping() ? [] : this.dispatch()),
          next: () => {
            if (this.refitProposed) return [];
            if (this.stopping()) {
              // Whatever the strategy would hand out now is dropped: the search was cut short unless it was done.
              this.timedOut ||= this.budget.strategy.ask() !== 'done';
              return this.refitTasks();
            }
            const more = this.dispatch();
            return more.length > 0 ? more : this.refitTasks();
          },
          shouldStop: () => this.stopping(),
        },
        this.usedWorkers,
      );
    } catch (e) {
      if (this.raised) throw this.raised;
      if (e instanceof Error && e.name === 'AbortError' && opts.signal?.aborted) {
        throw new TuneAbortError('The search was aborted; error.partial holds the candidates evaluated so far.', { trials: this.finalTrials(), scoring: prep.scoring });
      }
      throw e;
    } finally {
      await this.writes;
    }
    const result = this.result();
    // Candidates a timeout left undecided are final now: report them too.
    for (const t of result.trials) this.report(t);
    await this.writes;
    if (this.writeError) throw this.writeError;
    return result;
  }

  /** Pool tasks for every rung the strategy hands out now. */
  private dispatch(): PoolTask<Outcome>[] {
    const out: Unit[] = [];
    for (;;) {
      const asks = this.budget.strategy.ask();
      if (asks === 'wait' || asks === 'done') break;
      const rung = { left: asks.length, candidates: asks.map((a) => a.candidate) };
      for (const ask of asks) out.push(this.unitFor(ask, rung));
    }
    const tasks: PoolTask<Outcome>[] = [];
    for (const u of out) {
      // A unit whose folds were all carried over (cannot happen for a longer rung) or that failed admission.
      if (u.acc.complete) this.finishUnit(u);
      else tasks.push(...this.planner.tasksForSlots(u.number, u.def, u.hp, u.full, u.slots, u.ask.candidate, this.checkpointOf(u)));
    }
    return tasks;
  }

  private unitFor(ask: BudgetedAsk, rung: Unit['rung']): Unit {
    const { folds } = this.prep;
    const cand = this.budget.candidates[ask.candidate];
    const hp: Params = { ...cand.hp };
    const { resource } = this.budget;
    let slots: Unit['slots'];
    let nSlots = folds.length;
    const prev = this.lastUnit.get(ask.candidate);
    if (resource === 'epochs') {
      hp[cand.def.epochParam!] = ask.resource;
      slots = folds.map((f, slot) => ({ slot, ...f }));
    } else if (resource === 'folds') {
      nSlots = ask.resource;
      const have = prev ? prev.acc.nTasks : 0;
      slots = folds.slice(have, ask.resource).map((f, i) => ({ slot: have + i, ...f }));
    } else {
      slots = folds.map((f, slot) => {
        const split = ask.resource >= this.prep.dataset.rows ? f.split : this.budget.rowSplits.get(`${ask.resource}:${f.split}:${f.fold}`);
        if (split === undefined) throw new Error(`halving: no row subset planned for resource ${ask.resource}`);
        return { slot, split, fold: f.fold };
      });
    }
    const acc = new TrialAccumulator(ask.candidate, cand.params, this.prep.scoring, nSlots);
    if (resource === 'folds' && prev) prev.acc.copyInto(acc);
    // The candidate's row carries the tasks of every rung it ran (its timeline), whatever the resource.
    else if (prev) for (const span of prev.acc.spans) acc.addSpan(span);
    const unit: Unit = { number: this.units.length, ask, def: cand.def, hp, full: withDefaults(cand.def, hp), acc, slots, rung };
    this.units.push(unit);
    this.lastUnit.set(ask.candidate, unit);
    return unit;
  }

  /** Epochs searches over a resumable model: per slot, the state to continue from and whether to keep the end state. */
  private checkpointOf(u: Unit): ((slot: number) => Pick<TrialTask, 'checkpoint'> | undefined) | undefined {
    if (this.budget.resource !== 'epochs' || !this.budget.resume || !u.def.resumable) return undefined;
    const { ask } = u;
    return (slot) => {
      const from = ask.resumeFrom !== undefined ? this.checkpoints.take(ask.candidate, slot) : null;
      return from === null && ask.final ? undefined : { checkpoint: { from, keep: !ask.final } };
    };
  }

  private onResult(index: number, result: Outcome | Error, run: TaskRun): void {
    const ref = this.planner.refs[index];
    if (ref === 'refit') {
      if (result instanceof Error) this.refitError = result;
      else this.refitOutcome = result as RefitOutcome;
      return;
    }
    if ('path' in ref) return;
    const u = this.units[ref.candidate];
    const r = result as TrialOutcome | Error;
    // Timing for result.trials[i].spans only: nothing below reads it.
    u.acc.addSpan({ fold: ref.slot, worker: run.worker, startedAt: run.startedAt - this.started, finishedAt: run.finishedAt - this.started });
    this.progress.fitsDone += this.budget.resource === 'folds' ? 1 : u.ask.resource;
    if (r instanceof Error) {
      if (this.prep.settings.errorScore === 'raise') {
        throw (this.raised = new TuneError('TRIAL_FAILED', `Trial ${u.ask.candidate} (${JSON.stringify(u.acc.params)}) failed: ${r.message}`, { candidate: u.ask.candidate }));
      }
      u.acc.addFailure(r.message);
    } else {
      u.acc.addOutcome(ref.slot, r.scores, r.fitMs, r.scoreMs);
      if (r.checkpoint !== undefined) this.checkpoints.put(u.ask.candidate, ref.slot, r.checkpoint);
    }
    if (u.acc.complete) this.finishUnit(u);
    else this.progress.emit(null, false, this.total, 1);
  }

  private finishUnit(u: Unit): void {
    const trial = u.acc.toTrial(NaN);
    this.budget.strategy.tell(u.ask.candidate, u.ask.rung, trial.status === 'ok' ? trial.meanScore : NaN);
    this.progress.emit(trial, false, this.total, 1);
    // The strategy decides fates when a rung is fully told: look then, not after every unit (trials() is O(n)).
    if (--u.rung.left === 0) {
      this.dropCheckpoints(u.rung.candidates);
      this.reportDecided();
    }
  }

  /** After a rung: the kept states of its candidates that left the search (only the promoted ones continue). */
  private dropCheckpoints(candidates: number[]): void {
    if (this.checkpoints.bytes === 0) return;
    const promoted = new Set(this.budget.strategy.trials().filter((t) => t.status === 'pending').map((t) => t.candidate));
    for (const c of candidates) if (!promoted.has(c)) this.checkpoints.drop(c, this.prep.folds.length);
  }

  /** onTrial (and the study write) for every candidate whose fate the last tell decided, in candidate order. */
  private reportDecided(): void {
    if (!this.opts.onTrial && !this.recorder) return;
    const errorScore = this.prep.settings.errorScore === 'raise' ? NaN : this.prep.settings.errorScore;
    for (const st of this.budget.strategy.trials()) {
      if (st.status === 'pending' || this.reported.has(st.candidate)) continue;
      const unit = this.lastUnit.get(st.candidate);
      if (!unit?.acc.complete) continue;
      const t = this.trialOf(unit, st, errorScore);
      if (st.status !== 'complete' && t.status === 'ok') t.status = 'pruned';
      this.report(t);
    }
  }

  /** Once per candidate: onTrial, then its line in the study (Optuna's states: COMPLETE, PRUNED with the rung scores
   *  as intermediate values by resource, FAIL). */
  private report(t: TrialResult): void {
    if (this.reported.has(t.index)) return;
    this.reported.add(t.index);
    this.opts.onTrial?.call(this.opts, t);
    const recorder = this.recorder;
    if (!recorder) return;
    const metrics = Object.fromEntries(Object.entries(t.metrics).map(([m, v]) => [m, v.mean]));
    const rec = {
      params: t.params,
      state: t.status === 'ok' ? ('complete' as const) : t.status === 'pruned' ? ('pruned' as const) : ('failed' as const),
      value: t.meanScore,
      intermediate: (t.rungs ?? []).filter((r) => Number.isFinite(r.score)).map((r) => [r.resource, r.score] as const),
      userAttrs: { resource: t.resource, fold_scores: t.foldScores, metrics, ...(t.error ? { error: t.error } : {}) },
      ...trialDates(t.finishedAt - t.startedAt),
    };
    this.writes = this.writes.then(() => recorder.record(rec)).catch((e: unknown) => void (this.writeError ??= asError(e)));
  }

  /** Study writes, one at a time in deciding order; run() waits for them before it returns. */
  private writes: Promise<unknown> = Promise.resolve();
  private writeError: Error | null = null;

  private trialOf(unit: Unit, st: { rungs: readonly object[] } | undefined, errorScore: number): TrialResult {
    const t = unit.acc.toTrial(errorScore);
    t.resource = unit.ask.resource;
    t.rungs = st ? (st.rungs.map((r) => ({ ...r })) as TrialResult['rungs']) : [];
    return t;
  }

  /** One row per candidate: its last rung's scores, 'pruned' unless it finished its bracket's last rung (after a
   *  timeout with no such candidate: unless it ran with the largest resource finished). */
  private finalTrials(): TrialResult[] {
    const errorScore = this.prep.settings.errorScore === 'raise' ? NaN : this.prep.settings.errorScore;
    const states = new Map(this.budget.strategy.trials().map((t) => [t.candidate, t]));
    const done = [...this.lastUnit].filter(([, unit]) => unit.acc.complete).sort((a, b) => a[0] - b[0]);
    const anyComplete = done.some(([c]) => states.get(c)?.status === 'complete');
    let ranked = (candidate: number): boolean => states.get(candidate)?.status === 'complete';
    if (!anyComplete && this.timedOut) {
      const largest = Math.max(-Infinity, ...done.map(([, u]) => u.ask.resource));
      ranked = (candidate) => this.lastUnit.get(candidate)!.ask.resource === largest;
    }
    const complete: TrialResult[] = [];
    const pruned: TrialResult[] = [];
    for (const [candidate, unit] of done) {
      const t = this.trialOf(unit, states.get(candidate), errorScore);
      if (ranked(candidate) && t.status === 'ok') complete.push(t);
      else {
        if (t.status === 'ok') t.status = 'pruned';
        pruned.push(t);
      }
    }
    rankTrials(complete, this.prep.scoring[0]);
    rankTrials(pruned, this.prep.scoring[0]);
    for (const t of pruned) t.rank += complete.length;
    return [...complete, ...pruned].sort((a, b) => a.index - b.index);
  }

  private refitTasks(): PoolTask<Outcome>[] {
    this.refitProposed = true;
    if (!this.prep.settings.refit) return [];
    const best = pickBest(this.finalTrials());
    if (!best) return [];
    const unit = this.lastUnit.get(best.index)!;
    // The refit trains on all rows with the best candidate's full resource (its last rung's epochs, all rows).
    this.refitFor = { def: unit.def, hp: unit.hp, number: best.index };
    return [this.planner.refitTask({ number: best.index, def: unit.def, hp: unit.hp } as never)];
  }

  private result(): TuneResult {
    const trials = this.finalTrials();
    const best = pickBest(trials);
    let model: FittedModel | null = null;
    if (this.prep.settings.refit && best) {
      if (this.refitError) throw new TuneError('REFIT_FAILED', `Refitting the best candidate on all rows failed: ${this.refitError.message}`);
      if (this.refitOutcome && this.refitFor) {
        model = new FittedModel(this.refitFor.def, this.refitFor.hp, this.refitOutcome.learned, this.refitOutcome.scaler, this.refitOutcome.fitMs, this.prep.labels);
      }
    }
    this.progress.emit(null, true, this.total, 1);
    const space = this.prep.space;
    return makeResult(
      {
        best,
        trials,
        scoring: this.prep.scoring,
        stoppedBecause: this.timedOut ? 'timeout' : 'completed',
        model,
        cv: this.prep.plan ? { description: this.prep.plan.description, folds: this.prep.plan.nFolds, repeats: this.prep.plan.splits.length } : null,
        elapsedMs: now() - this.started,
        workers: this.usedWorkers,
      },
      () => trialImportance(space, trials.filter((t) => t.status === 'ok').map((t) => ({ params: t.params, value: t.meanScore, state: t.status }))),
    );
  }
}

export { asError };
