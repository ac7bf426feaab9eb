/**
 * SearchLoop: the one loop every strategy runs in, for tune() (the executor is the worker pool) and for optimize()
 * and createStudy() (the executor is the caller's objective). Pure: no timers, no workers, no I/O. The executor asks
 * it for candidates, evaluates them however it likes (in any order, concurrently) and tells the results back.
 *
 * Determinism rule (fixed lag L = strategy.lag): candidate t is handed out only once every candidate numbered below
 * t - L has been told, and the strategy proposes it from exactly those results, with candidates t - L .. t - 1 as
 * pending (whether or not they have finished meanwhile). Which candidates exist and what they are therefore depends on
 * candidate numbers alone, never on which evaluation finished first, how many workers ran them or how fast: the same
 * (seed, space, data, options) give the same trials in the same order with 1, 2 or 4 workers. At most L + 1
 * candidates are in flight; grid and random search (L = Infinity) hand out everything at once.
 *
 * Patience is judged in candidate order too: once the told prefix holds `patience` trials in a row without improving
 * on the best before them, the search stops at that trial; candidates numbered after it are discarded (they were
 * only in flight because of the timing) so the result does not depend on the worker count either.
 */
import type { Params } from '../types';
import type { SearchStrategy, StrategyView, TrialRecord, TrialState } from './types';

export interface Proposal {
  /** Candidate number within this search, from 0. */
  readonly number: number;
  readonly params: Params;
}

export type LoopStopReason = 'completed' | 'trials' | 'patience';

export interface LoopOptions {
  /** Most candidates this search proposes (search.trials); Infinity: until the strategy is exhausted. */
  budget?: number;
  /** Stop after this many told trials in a row (candidate order) without a new best; null/undefined: never. */
  patience?: number | null;
  /** Earlier trials (warm start), oldest first: every proposal sees them as told. Numbered -H..-1 in views. */
  history?: readonly Omit<TrialRecord, 'number'>[];
  /**
   * 'lag' (default): the fixed-lag rule above. 'immediate' (ask-and-tell, where the caller owns the loop and ask()
   * must answer at once): candidate t is proposed whenever asked, from every result told so far, with the untold
   * ones pending. Deterministic for a given order of asks and tells, which is then the caller's.
   */
  mode?: 'lag' | 'immediate';
  /** A lag for a strategy that has none (grid, random) when something else must condition on earlier results:
   *  a pruner judges trial t against the trials below t - lag, so those must be finished when t starts. */
  lag?: number;
}

export class SearchLoop {
  private readonly proposals: Params[] = [];
  private readonly records: (TrialRecord | undefined)[] = [];
  private readonly history: TrialRecord[];
  private readonly mode: 'lag' | 'immediate';
  /** The fixed lag in force: the strategy's, or the smaller one the options ask for. */
  readonly lag: number;
  private readonly budget: number;
  private readonly patience: number | null;
  /** Every candidate below this number has been told. */
  private toldPrefix = 0;
  private strategyDone = false;
  /** Patience bookkeeping over the told prefix. */
  private bestValue: number;
  private sinceBest = 0;
  private patienceStop: number | null = null;

  constructor(
    readonly strategy: SearchStrategy,
    options: LoopOptions = {},
  ) {
    const h = options.history ?? [];
    this.history = h.map((r, i) => ({ ...r, number: i - h.length }));
    this.mode = options.mode ?? 'lag';
    this.lag = Math.min(strategy.lag, options.lag ?? Infinity);
    this.budget = options.budget ?? Infinity;
    this.patience = options.patience ?? null;
    this.bestValue = this.history.reduce((b, r) => (r.state === 'complete' && r.value < b ? r.value : b), Infinity);
  }

  /** Candidates proposed so far. */
  get proposed(): number {
    return this.proposals.length;
  }

  /** Candidates proposed and told. */
  get told(): number {
    return this.records.reduce((n, r) => n + (r ? 1 : 0), 0);
  }

  /** No candidate will be proposed any more (strategy exhausted, budget spent, or patience ran out). */
  get exhausted(): boolean {
    return this.strategyDone || this.proposals.length >= this.budget || this.patienceStop !== null;
  }

  /** Exhausted and every kept candidate told: the search is over. */
  get finished(): boolean {
    if (!this.exhausted) return false;
    const last = this.patienceStop ?? this.proposals.length - 1;
    return this.toldPrefix > last;
  }

  get stopReason(): LoopStopReason {
    if (this.patienceStop !== null) return 'patience';
    if (!this.strategyDone && this.proposals.length >= this.budget) return 'trials';
    return 'completed';
  }

  /** Last candidate number that belongs to the result (patience), or null. */
  get lastKept(): number | null {
    return this.patienceStop;
  }

  /** True for a candidate proposed after the one at which patience stopped the search. */
  isDiscarded(number: number): boolean {
    return this.patienceStop !== null && number > this.patienceStop;
  }

  /**
   * Proposes up to `max` candidates that the lag rule allows now (fewer, or none, when they must wait for results;
   * none once exhausted).
   */
  next(max = Infinity): Proposal[] {
    const out: Proposal[] = [];
    const lag = this.mode === 'immediate' ? 0 : this.lag;
    while (out.length < max && !this.exhausted) {
      const t = this.proposals.length;
      if (this.mode === 'lag' && lag !== Infinity && this.toldPrefix < t - lag) break;
      const view =
        this.mode === 'immediate' ? this.currentView(t) : this.strategy.lag === Infinity ? { told: this.history, pending: [] } : this.viewFor(t, lag);
      const params = this.strategy.ask(view);
      if (params === undefined) {
        this.strategyDone = true;
        break;
      }
      this.proposals.push(params);
      out.push({ number: t, params });
    }
    return out;
  }

  /** The result of candidate `number` (once). Values are to be minimised; NaN with state 'failed'. */
  tell(number: number, result: { value: number; state: TrialState; step?: number }): void {
    if (!Number.isInteger(number) || number < 0 || number >= this.proposals.length) {
      throw new RangeError(`tell(${number}): no such candidate (0..${this.proposals.length - 1} were proposed)`);
    }
    if (this.records[number]) throw new RangeError(`tell(${number}): that candidate was already told`);
    const state: TrialState = result.state === 'complete' && !Number.isFinite(result.value) ? 'failed' : result.state;
    this.records[number] = { number, params: this.proposals[number], value: result.value, state, step: result.step };
    while (this.toldPrefix < this.proposals.length && this.records[this.toldPrefix]) this.advancePrefix(this.records[this.toldPrefix]!);
  }

  /** Told records of kept candidates, in number order (gaps for candidates not told). */
  results(): TrialRecord[] {
    const last = this.patienceStop ?? Infinity;
    return this.records.filter((r): r is TrialRecord => r !== undefined && r.number <= last);
  }

  private advancePrefix(r: TrialRecord): void {
    this.toldPrefix++;
    if (this.patience === null || this.patienceStop !== null) return;
    if (r.state === 'complete' && r.value < this.bestValue) {
      this.bestValue = r.value;
      this.sinceBest = 0;
    } else if (++this.sinceBest >= this.patience) {
      this.patienceStop = r.number;
    }
  }

  /** Adds a finished trial from elsewhere (study.add): every later proposal sees it, before this search's own. */
  addHistory(record: Omit<TrialRecord, 'number'>): void {
    this.history.push({ ...record, number: -1 - this.history.length });
    if (record.state === 'complete' && record.value < this.bestValue) this.bestValue = record.value;
  }

  /** Ask-and-tell: whatever is told now, the rest pending. */
  private currentView(t: number): StrategyView {
    const told: TrialRecord[] = this.history.slice();
    const pending: Params[] = [];
    for (let i = 0; i < t; i++) {
      const r = this.records[i];
      if (r) told.push(r);
      else pending.push(this.proposals[i]);
    }
    return { told, pending };
  }

  private viewFor(t: number, lag: number): StrategyView {
    const cut = Math.max(0, t - lag);
    const told: TrialRecord[] = this.history.slice();
    for (let i = 0; i < cut; i++) told.push(this.records[i]!);
    return { told, pending: this.proposals.slice(cut, t) };
  }
}
