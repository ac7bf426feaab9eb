/**
 * The time budget of a search (tune({ timeoutMs })): when it has passed, queued work is dropped and the refit of the
 * best finished candidate still runs. With a budget, candidates go out in batches sized from the pace so far, so a
 * timeout loses at most the batch in flight; without one, everything the strategy allows goes out at once.
 */
const now = (): number => performance.now();

/** With a time budget, each batch after the first aims at this fraction of the remaining time. */
const BATCH_FRACTION_OF_REMAINING = 0.25;

export class TimeBudget {
  private readonly deadline: number | null;
  private runStarted = 0;

  constructor(started: number, timeoutMs: number | null) {
    this.deadline = timeoutMs === null ? null : started + timeoutMs;
  }

  get limited(): boolean {
    return this.deadline !== null;
  }

  start(): void {
    this.runStarted = now();
  }

  isUp(): boolean {
    return this.deadline !== null && now() >= this.deadline;
  }

  /** Candidates in the next batch: all without a budget; else the workers' count first, then ~1/4 of the time left. */
  batchSize(dispatched: number, completed: number, workers: number): number {
    if (this.deadline === null) return Infinity;
    if (dispatched === 0) return workers;
    const perCandidate = (now() - this.runStarted) / Math.max(1, completed);
    const wanted = Math.floor(((this.deadline - now()) * BATCH_FRACTION_OF_REMAINING) / Math.max(perCandidate, 1e-3));
    return Math.max(workers, wanted);
  }
}
