/** Progress reports of a tune() search: at most one per PROGRESS_INTERVAL_MS, plus forced ones. */
import type { TrialResult } from '../results';

export interface ProgressEvent {
  /** Candidates finished (all their folds reported). */
  done: number;
  /** Candidates the search will evaluate (an adaptive strategy's `trials`, which patience may cut short). */
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

const PROGRESS_INTERVAL_MS = 50;
const now = (): number => performance.now();

export class ProgressReporter {
  private last = -Infinity;
  fitsDone = 0;
  done = 0;
  best: TrialResult | null = null;

  constructor(
    private readonly started: number,
    private readonly greaterIsBetter: boolean,
    /** Called with the options object as `this`, as tune() always has. */
    private readonly callback: ((e: ProgressEvent) => void) | undefined,
    private readonly self: unknown,
  ) {}

  /** A finished candidate: it may be the new best. */
  finished(trial: TrialResult): void {
    this.done++;
    const b = this.best;
    if (trial.status === 'ok' && (!b || (this.greaterIsBetter ? trial.meanScore > b.meanScore : trial.meanScore < b.meanScore))) {
      this.best = trial;
    }
  }

  emit(last: TrialResult | null, force: boolean, total: number, slots: number): void {
    if (!this.callback) return;
    const t = now();
    if (!force && t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    const elapsedMs = t - this.started;
    const fitsTotal = total * slots;
    this.callback.call(this.self, {
      done: this.done,
      total,
      fitsDone: this.fitsDone,
      fitsTotal,
      best: this.best,
      last,
      elapsedMs,
      etaMs: this.fitsDone > 0 ? (elapsedMs / this.fitsDone) * (fitsTotal - this.fitsDone) : NaN,
    });
  }
}
