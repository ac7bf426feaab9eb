/**
 * A study: a search space, a strategy, a direction and the trials so far, for objectives hyperwasm does not run
 * itself (Optuna's Study). createStudy() gives ask-and-tell (`ask` answers at once, from whatever is told so far);
 * optimize() drives the same study with the fixed-lag rule of SearchLoop, so its trials do not depend on timing.
 */
import { TuneError } from '../errors';
import { compileSpace, type CompiledSpace } from '../space/index';
import { createStrategy, DEFAULT_LAG, SearchLoop, type HistoryTrial, type Proposal, type SearchOptions } from '../search/index';
import { historyRecords } from '../runner/history';
import type { Params } from '../types';
import type { BestStudyTrial, Direction, StudyOptions, StudyTrial, TrialHandle } from './types';
import { trialImportance } from './importance';
import { trialsToJournal } from './journal-io';
import { createPrunerRule } from './pruning';

/** Thrown by an objective (or passed to tell) to say the trial was stopped early on purpose (Optuna's TrialPruned). */
export class TrialPruned extends Error {
  override readonly name = 'TrialPruned';
  constructor(message = 'pruned') {
    super(message);
  }
}

const STUDY_KEYS = ['space', 'search', 'direction', 'seed'];

export function checkDirection(direction: unknown): Direction {
  if (direction === undefined) return 'minimize';
  if (direction !== 'minimize' && direction !== 'maximize') {
    throw new TuneError(
      'INVALID_DIRECTION',
      `direction must be 'minimize' (the default: smaller values are better) or 'maximize', got ${JSON.stringify(direction)}.`,
      { value: direction },
    );
  }
  return direction;
}

/** A handle's pruning rule: given a trial's reports, whether to stop it (src/search/pruners). */
export type PruneRule = (trial: StudyTrial, others: readonly StudyTrial[]) => boolean;

export interface StudyInternals {
  mode: 'lag' | 'immediate';
  extraKeys?: readonly string[];
  /** The calling function's name, for messages. */
  caller: string;
  pruner?: PruneRule;
  /** performance.now() at which the study's clock starts (StudyTrial.startedAt); default: its creation. */
  origin?: number;
}

export class Study {
  readonly direction: Direction;
  readonly space: CompiledSpace;
  protected readonly loop: SearchLoop;
  /** This study's trials by number; history (study.add, search.history) first. */
  private readonly list: StudyTrial[] = [];
  /** Loop candidate number -> trial number (history shifts them). */
  private readonly byCandidate: number[] = [];
  private readonly startedAt: number[] = [];
  private readonly pruner: PruneRule | undefined;
  private readonly mode: 'lag' | 'immediate';
  /** Trial numbers of the trials added as history (study.add, search.history). */
  private readonly historyNumbers: number[] = [];
  /** StudyTrial.startedAt / finishedAt count from here (timing only). */
  private readonly origin: number;

  constructor(options: StudyOptions, internals: StudyInternals) {
    if (!options || typeof options !== 'object') {
      throw new TuneError('INVALID_OPTIONS', `${internals.caller} takes an options object such as { space, search, direction }.`);
    }
    const allowed = [...STUDY_KEYS, ...(internals.extraKeys ?? [])];
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) {
        throw new TuneError('UNKNOWN_OPTION', `Unknown ${internals.caller} option '${key}'. Valid options: ${allowed.join(', ')}.`, { value: key });
      }
    }
    if (options.space == null) throw new TuneError('SPACE_MISSING', `${internals.caller} needs a space, e.g. { x: float(-5, 5) }.`);
    this.direction = checkDirection(options.direction);
    this.mode = internals.mode;
    this.origin = internals.origin ?? performance.now();
    this.space = compileSpace(options.space);
    const seed = options.seed ?? 0;
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new TuneError('INVALID_SEED', `seed must be an integer in [0, 2^32), got ${String(seed)}; e.g. seed: 42.`, { value: seed });
    }
    const search = defaultSearch(options.search as SearchOptions | undefined, internals.mode);
    const strategy = createStrategy(search, this.space, seed);
    const so = search as { trials?: number; patience?: number; history?: readonly HistoryTrial[] };
    this.pruner = internals.pruner;
    // With a pruner, trial t is judged against the trials below t - lag: they must be finished when t starts.
    const lag = this.pruner ? ((search as { lag?: number }).lag ?? DEFAULT_LAG) : undefined;
    this.loop = new SearchLoop(strategy, { budget: so.trials ?? Infinity, patience: so.patience ?? null, mode: internals.mode, lag });
    for (const h of so.history ?? []) this.add(h);
  }

  /** Every trial so far (copies), by number. */
  get trials(): StudyTrial[] {
    return this.list.map(copyTrial);
  }

  /** The complete trial with the best value (lowest number among ties), or null. */
  get best(): BestStudyTrial | null {
    let best: StudyTrial | null = null;
    for (const t of this.list) {
      if (t.state !== 'complete') continue;
      if (!best || (this.direction === 'minimize' ? t.value < best.value : t.value > best.value)) best = t;
    }
    return best ? { number: best.number, params: { ...best.params }, value: best.value } : null;
  }

  /**
   * Adds a finished trial from elsewhere (warm start): later proposals learn from it, and it counts toward the random
   * start, as Optuna's study.add_trial. `value` is in the study's direction.
   */
  add(trial: HistoryTrial): StudyTrial {
    if (!trial || typeof trial !== 'object' || !trial.params || typeof trial.params !== 'object') {
      throw new TuneError('INVALID_HISTORY', 'study.add() takes a finished trial such as { params: { x: 1 }, value: 0.5 }.');
    }
    const [rec] = historyRecords([trial], this.direction === 'maximize');
    this.loop.addHistory(rec);
    const raw = trial.value ?? trial.score ?? trial.meanScore;
    const t: StudyTrial = {
      number: this.list.length,
      params: { ...trial.params },
      value: rec.state === 'failed' ? NaN : (raw as number),
      state: rec.state,
      intermediate: checkIntermediate(trial.intermediate),
      userAttrs: trial.userAttrs && typeof trial.userAttrs === 'object' ? { ...trial.userAttrs } : {},
      error: rec.state === 'failed' ? 'added as failed' : null,
      durationMs: NaN,
      startedAt: NaN,
      finishedAt: NaN,
    };
    this.list.push(t);
    this.historyNumbers.push(t.number);
    return copyTrial(t);
  }

  /**
   * Ask-and-tell: the next trial to evaluate (params chosen now from every value told so far; trials asked and not
   * told count as pending). Throws STUDY_EXHAUSTED when the space or search.trials is used up.
   */
  ask(): TrialHandle {
    const [p] = this.loop.next(1);
    if (!p) {
      throw new TuneError(
        'STUDY_EXHAUSTED',
        this.loop.stopReason === 'patience'
          ? `The study stopped: search.patience trials in a row did not improve on the best. Read study.best, or create a study without patience.`
          : `The study has no candidate left (${this.loop.stopReason === 'trials' ? 'search.trials is used up' : 'every point of the space was asked'}). Read study.best, or widen the space.`,
      );
    }
    return this.open(p, new AbortController().signal);
  }

  /**
   * Records the result of a trial (its handle or number): a number (a non-finite one marks the trial failed, it never
   * becomes the best), an Error (failed; a TrialPruned marks it pruned with its last reported value).
   */
  tell(trial: TrialHandle | number, result: number | Error): StudyTrial {
    const number = typeof trial === 'number' ? trial : trial?.number;
    const t = typeof number === 'number' && Number.isInteger(number) ? this.list[number] : undefined;
    if (!t) {
      throw new TuneError('UNKNOWN_TRIAL', `tell(): there is no trial ${String(number)} in this study (trials 0..${this.list.length - 1}). Pass the handle ask() returned.`, { value: number });
    }
    if (t.state !== 'running') {
      throw new TuneError('TRIAL_ALREADY_TOLD', `tell(): trial ${t.number} was already told (${t.state}); each trial is told once.`, { number: t.number });
    }
    if (typeof result !== 'number' && !(result instanceof Error)) {
      throw new TuneError(
        'INVALID_VALUE',
        `tell(): the result of trial ${t.number} must be a number (the objective's value) or an Error, got ${describeValue(result)}.`,
        { number: t.number },
      );
    }
    return this.finish(t, result);
  }

  /**
   * The study's finished trials as Optuna journal text (study `name`), for saving in browsers; Python Optuna and
   * optuna-dashboard open it. loadStudy(text, options) reads it back.
   */
  toJournal(name = 'hyperwasm-study'): Promise<string> {
    return trialsToJournal(name, this.direction, this.space, this.list, performance.now() - this.origin);
  }

  /** The share of the objective's variation due to each hyperparameter (fANOVA over the complete trials). */
  importance(): Record<string, number> {
    return trialImportance(this.space, this.list);
  }

  // ---- for optimize() ----

  /** Candidates the loop allows now (the lag rule), as open trials. */
  protected proposeReady(max: number, signal: AbortSignal): TrialHandle[] {
    return this.loop.next(max).map((p) => this.open(p, signal));
  }

  protected get loopExhausted(): boolean {
    return this.loop.exhausted;
  }

  protected get loopFinished(): boolean {
    return this.loop.finished;
  }

  protected get stopReason(): SearchLoop['stopReason'] {
    return this.loop.stopReason;
  }

  /** Records which of optimize()'s concurrency slots evaluates trial `number` (timing only). */
  protected setWorker(number: number, worker: number): void {
    this.list[number].worker = worker;
  }

  /** Numbers of the trials added as history. */
  protected get addedNumbers(): readonly number[] {
    return this.historyNumbers;
  }

  /** True when patience discarded the trial (proposed past the point where the search stopped). */
  protected discarded(t: StudyTrial): boolean {
    const c = this.byCandidate.indexOf(t.number);
    return c >= 0 && this.loop.isDiscarded(c);
  }

  protected finish(t: StudyTrial, result: number | Error): StudyTrial {
    const c = this.byCandidate.indexOf(t.number);
    const end = performance.now();
    t.durationMs = end - this.startedAt[t.number];
    t.finishedAt = end - this.origin;
    if (result instanceof TrialPruned) {
      const last = t.intermediate[t.intermediate.length - 1];
      t.state = 'pruned';
      t.value = last ? last[1] : NaN;
      this.loop.tell(c, { value: last ? this.toLoss(last[1]) : NaN, state: 'pruned', step: last?.[0] });
    } else if (result instanceof Error) {
      t.state = 'failed';
      t.value = NaN;
      t.error = result.message;
      this.loop.tell(c, { value: NaN, state: 'failed' });
    } else if (!Number.isFinite(result)) {
      t.state = 'failed';
      t.value = result;
      t.error = `the objective returned ${result}, which cannot be compared: the trial is failed, never the best`;
      this.loop.tell(c, { value: NaN, state: 'failed' });
    } else {
      t.state = 'complete';
      t.value = result;
      this.loop.tell(c, { value: this.toLoss(result), state: 'complete' });
    }
    return copyTrial(t);
  }

  private toLoss(v: number): number {
    return this.direction === 'maximize' ? -v : v;
  }

  private open(p: Proposal, signal: AbortSignal): TrialHandle {
    const t: StudyTrial = {
      number: this.list.length,
      params: p.params,
      value: NaN,
      state: 'running',
      intermediate: [],
      userAttrs: {},
      error: null,
      durationMs: NaN,
      startedAt: NaN,
      finishedAt: NaN,
    };
    this.list.push(t);
    this.byCandidate[p.number] = t.number;
    this.startedAt[t.number] = performance.now();
    t.startedAt = this.startedAt[t.number] - this.origin;
    // What the pruner judges against: for optimize() (lag mode) the complete trials added as history or numbered
    // below this candidate minus the lag (finished before it was proposed: fixed by numbers, not by timing); for
    // ask-and-tell, every complete trial.
    const cut = this.loop.lag === Infinity ? -1 : p.number - this.loop.lag;
    const history = new Set(this.historyNumbers);
    const others = (): StudyTrial[] =>
      this.list.filter((o) => {
        if (o === t || o.state !== 'complete') return false;
        if (this.mode === 'immediate' || history.has(o.number)) return true;
        return this.byCandidate.indexOf(o.number) < cut;
      });
    const pruner = this.pruner;
    return {
      number: t.number,
      params: { ...p.params } as Params,
      signal,
      report: (step, value) => {
        if (!Number.isInteger(step) || step < 0) {
          throw new TuneError('INVALID_STEP', `trial.report(step, value): step must be an integer >= 0, got ${String(step)}.`);
        }
        if (typeof value !== 'number') {
          throw new TuneError('INVALID_VALUE', `trial.report(step, value): value must be a number, got ${describeValue(value)}.`);
        }
        if (t.state !== 'running') throw new TuneError('TRIAL_ALREADY_TOLD', `trial ${t.number} is finished: report() before tell().`);
        const at = t.intermediate.findIndex(([s]) => s === step);
        // Optuna keeps the first value reported at a step; so do we.
        if (at < 0) {
          t.intermediate.push([step, value]);
          t.intermediate.sort((a, b) => a[0] - b[0]);
        }
      },
      shouldPrune: () => (pruner ? pruner(t, others()) : false),
      setUserAttr: (key, value) => {
        t.userAttrs[key] = value;
      },
    };
  }
}

function defaultSearch(search: SearchOptions | undefined, mode: 'lag' | 'immediate'): SearchOptions {
  if (search === undefined) {
    if (mode === 'lag') {
      throw new TuneError('INVALID_TRIALS', "optimize() needs a budget: pass search: { strategy: 'tpe', trials: 100 } (or 'random', 'gp').");
    }
    return { strategy: 'tpe', trials: Number.MAX_SAFE_INTEGER };
  }
  // Ask-and-tell runs as long as the caller asks: trials is optional there.
  if (mode === 'immediate' && search && typeof search === 'object' && (search as { trials?: unknown }).trials === undefined && search.strategy !== 'grid') {
    return { ...search, trials: Number.MAX_SAFE_INTEGER } as SearchOptions;
  }
  return search;
}

/** A history trial's reports, sorted by step (the first value at a step kept, as report() does); TuneError if malformed. */
function checkIntermediate(values: HistoryTrial['intermediate']): [number, number][] {
  if (values === undefined) return [];
  const ok = Array.isArray(values) && values.every((e) =>
    Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && e[0] >= 0 && typeof e[1] === 'number');
  if (!ok) {
    throw new TuneError(
      'INVALID_HISTORY',
      'study.add(): intermediate must be a list of [step, value] pairs with integer steps >= 0, e.g. [[0, 0.9], [1, 0.7]].',
    );
  }
  const out: [number, number][] = [];
  for (const [step, value] of values) if (!out.some(([s]) => s === step)) out.push([step, value]);
  return out.sort((a, b) => a[0] - b[0]);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return typeof v === 'object' ? `an object (${JSON.stringify(v)?.slice(0, 60)})` : `${typeof v} ${String(v)}`;
}

export function copyTrial(t: StudyTrial): StudyTrial {
  return { ...t, params: { ...t.params }, intermediate: t.intermediate.map(([s, v]) => [s, v]), userAttrs: { ...t.userAttrs } };
}

/**
 * createStudy(): ask-and-tell for loops the caller owns. search.pruner works as in optimize(); a trial's
 * shouldPrune() judges it against every trial complete at that moment (the caller owns the order, as in Optuna).
 */
export function createStudy(options: StudyOptions): Study {
  const pruner = options && typeof options === 'object' ? createPrunerRule(options.search as SearchOptions | undefined, options.direction) : undefined;
  return new Study(options, { mode: 'immediate', caller: 'createStudy()', pruner });
}
