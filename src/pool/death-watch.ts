/**
 * Races calls to a worker against the worker's death, so a dead worker never hangs a promise, without leaking.
 *
 * Why not `Promise.race([call, death])` with one long-lived `death` promise per worker: each race adds a reaction to
 * `death` that is only dropped when `death` settles, and that reaction keeps the race's promise, and with it the
 * call's result, reachable for as long as the worker lives. On a kept pool this retained every batch's outcomes
 * (W1: ~100 KB a search, growing without bound). Here a race registers a waiter and removes it as soon as the call
 * settles.
 *
 * Pure bookkeeping: no I/O, no timers.
 */
export class DeathWatch {
  private reason: Error | null = null;
  private readonly waiters = new Set<(reason: Error) => void>();

  /** True once kill() was called. */
  get dead(): boolean {
    return this.reason !== null;
  }

  /** Races still waiting on their call (a settled race leaves none behind). */
  get pending(): number {
    return this.waiters.size;
  }

  /** Settles as `call` does, or rejects with the death's reason if the worker dies first (or is dead already). */
  race<T>(call: Promise<T>): Promise<T> {
    if (this.reason) {
      call.catch(() => undefined);
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject);
      call.then(
        (value) => {
          this.waiters.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          this.waiters.delete(reject);
          reject(err);
        },
      );
    });
  }

  /** The worker died: every pending race rejects with `reason`, and so does every later one. The first reason stays. */
  kill(reason: Error): void {
    if (this.reason) return;
    this.reason = reason;
    for (const reject of this.waiters) reject(reason);
    this.waiters.clear();
  }
}
