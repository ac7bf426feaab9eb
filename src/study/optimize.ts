/**
 * optimize(objective, options): tunes any function. The objective runs on the caller's thread, `concurrency` of
 * them at once (useful when it is async: a fetch, a TensorFlow.js fit, a simulation in a worker of the caller's);
 * which candidates exist follows SearchLoop's fixed-lag rule, so the trials are the same for any concurrency and any
 * timing. A throwing (or rejecting) objective fails its trial; a TrialPruned fails it as pruned; a non-finite value is
 * a failed trial, never the best; a value that is not a number rejects the search (it is a bug in the objective).
 */
import { TuneAbortError, TuneError, asError } from '../errors';
import type { Params } from '../types';
import { Study, TrialPruned, copyTrial } from './study';
import type { OptimizeOptions, OptimizeResult, OptimizeStopReason, StudyTrial, TrialHandle } from './types';
import { createPrunerRule } from './pruning';
import { DEFAULT_LAG } from '../search/index';
import { StudyRecorder, checkStudyRef, trialDates, type StorageOpener } from './persist';

export type Objective = (params: Params, trial: TrialHandle) => number | Promise<number>;

const OPTIMIZE_KEYS = ['concurrency', 'signal', 'timeoutMs', 'onTrial', 'onProgress', 'study'];

class OptimizeRun extends Study {
  constructor(options: OptimizeOptions, origin: number) {
    super(options, { mode: 'lag', extraKeys: OPTIMIZE_KEYS, caller: 'optimize()', pruner: createPrunerRule(options.search, options.direction), origin });
  }

  assign(t: TrialHandle, slot: number): void {
    this.setWorker(t.number, slot);
  }

  ready(max: number, signal: AbortSignal): TrialHandle[] {
    return this.proposeReady(max, signal);
  }

  finishWith(t: TrialHandle, result: number | Error): StudyTrial {
    return this.tell(t, result);
  }

  get exhausted(): boolean {
    return this.loopExhausted;
  }

  get done(): boolean {
    return this.loopFinished;
  }

  get reason(): 'completed' | 'trials' | 'patience' {
    return this.stopReason as 'completed' | 'trials' | 'patience';
  }

  isDiscarded(t: StudyTrial): boolean {
    return this.discarded(t);
  }

  isHistory(t: StudyTrial): boolean {
    return this.addedNumbers.includes(t.number);
  }
}

/** optimize() with the platform's storage opener (bound by makeApi: Node opens files and redis:// URLs). */
export async function optimizeWith(opener: StorageOpener, objective: Objective, options: OptimizeOptions): Promise<OptimizeResult> {
  const started = performance.now();
  if (typeof objective !== 'function') {
    throw new TuneError('INVALID_OBJECTIVE', 'optimize(objective, options): objective must be a function (params, trial) => number.');
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TuneError('INVALID_CONCURRENCY', `concurrency must be an integer >= 1 (evaluations at once), got ${String(concurrency)}.`);
  }
  const run = new OptimizeRun(withDefaultLag(options, concurrency), started);
  const timeoutMs = options.timeoutMs ?? null;
  if (timeoutMs !== null && !(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new TuneError('INVALID_TIMEOUT', `timeoutMs must be a positive finite number of milliseconds, got ${String(timeoutMs)}.`);
  }
  for (const name of ['onTrial', 'onProgress'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TuneError('INVALID_OPTION', `${name} must be a function.`);
    }
  }
  // A study in storage: its earlier trials (and, between proposals, other workers' new ones) become history.
  const recorder = options.study === undefined ? null : await StudyRecorder.open(checkStudyRef(options.study), run.direction, run.space, opener);
  const absorb = async (): Promise<void> => {
    if (recorder) for (const h of await recorder.newFinished()) run.add(h);
  };
  await absorb();

  const { signal: outer, onTrial, onProgress } = options;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs === null ? null : setTimeout(() => stop.abort(new Error('timeout')), timeoutMs);
  (timer as { unref?: () => void } | null)?.unref?.();

  let done = 0;
  let failure: Error | null = null;
  const running = new Set<Promise<void>>();
  /** Concurrency slots in use (StudyTrial.worker: a trial takes the lowest free one; timing only). */
  const busy: boolean[] = new Array<boolean>(concurrency).fill(false);
  /** Writes to the storage one at a time, in the order trials finish. */
  let writes: Promise<unknown> = Promise.resolve();

  const finish = (h: TrialHandle, result: number | Error | NonNumber): void => {
    if (result instanceof NonNumber) {
      // Recorded as failed, then the search rejects: a non-number is a bug in the objective, not a bad trial.
      run.finishWith(h, result.error);
      failure ??= result.error;
      return;
    }
    if (failure) return;
    const t = run.finishWith(h, result);
    if (run.isDiscarded(t)) return;
    done++;
    if (recorder) {
      const rec = {
        params: t.params, state: t.state as 'complete' | 'pruned' | 'failed', value: t.value, intermediate: t.intermediate, userAttrs: t.userAttrs,
        ...trialDates(t.durationMs),
      };
      writes = writes.then(() => recorder.record(rec)).catch((e: unknown) => void (failure ??= asError(e)));
    }
    onTrial?.(copyTrial(t));
    if (onProgress) {
      const elapsedMs = performance.now() - started;
      const total = Math.max(done, Math.min(budgetOf(options), Number.MAX_SAFE_INTEGER));
      onProgress({ done, total, best: run.best, last: copyTrial(t), elapsedMs, etaMs: (elapsedMs / done) * (total - done) });
    }
  };

  try {
    for (;;) {
      if (failure || stop.signal.aborted) break;
      if (recorder && running.size < concurrency) await absorb();
      for (const h of run.ready(concurrency - running.size, stop.signal)) {
        const slot = busy.indexOf(false);
        busy[slot] = true;
        run.assign(h, slot);
        const p: Promise<void> = evaluate(objective, h).then((r) => {
          running.delete(p);
          busy[slot] = false;
          finish(h, r);
        });
        running.add(p);
      }
      if (running.size === 0) break; // exhausted (or nothing may start: the loop is finished)
      await Promise.race(running);
    }
    // Evaluations still running after an abort or a timeout finish (they got the aborted signal); then the writes.
    await Promise.all(running);
    await writes;
  } finally {
    if (timer) clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure;
  const trials = run.trials.filter((t) => t.state !== 'running' && !run.isDiscarded(t) && !run.isHistory(t));
  if (outer?.aborted) {
    throw new TuneAbortError(`optimize() was aborted after ${trials.length} trials; error.partial.trials holds them.`, { trials: trials as never, scoring: [] });
  }
  const stoppedBecause: OptimizeStopReason = stop.signal.aborted ? 'timeout' : run.reason;
  return {
    best: run.best,
    trials,
    direction: run.direction,
    stoppedBecause,
    elapsedMs: performance.now() - started,
    importance: () => run.importance(),
  };
}

/** Without a platform: studies given as a JournalStorage work, storage URLs need the Node entry's optimize(). */
export function optimize(objective: Objective, options: OptimizeOptions): Promise<OptimizeResult> {
  return optimizeWith(noOpener, objective, options);
}

export const noOpener: StorageOpener = (url) =>
  Promise.reject(
    new TuneError(
      'STORAGE_NEEDS_NODE',
      `A study storage given as a URL ('${url}') is a journal file or Redis, which only Node can open. In browsers pass ` +
        'storage: new JournalStorage(new MemoryJournalBackend()) (or IndexedDbJournalBackend) and export it with toJournal().',
      { url },
    ),
  );

/**
 * optimize()'s default lag: concurrency - 1 (capped at DEFAULT_LAG), so a sequential search (concurrency 1) learns from
 * every result as Optuna's does, and `concurrency` evaluations can be in flight. The trials then depend on
 * `concurrency` (an option) but never on timing; give search.lag to keep them equal across concurrencies.
 */
function withDefaultLag(options: OptimizeOptions, concurrency: number): OptimizeOptions {
  const search = options.search as { strategy?: string; lag?: number; pruner?: unknown } | undefined;
  if (!search || typeof search !== 'object' || search.lag !== undefined) return options;
  const adaptive = search.strategy === 'tpe' || search.strategy === 'gp' || (search.strategy === 'random' && search.pruner !== undefined);
  if (!adaptive) return options;
  return { ...options, search: { ...search, lag: Math.min(DEFAULT_LAG, concurrency - 1) } as OptimizeOptions['search'] };
}

function budgetOf(options: OptimizeOptions): number {
  return (options.search as { trials?: number } | undefined)?.trials ?? Infinity;
}

/** Runs one evaluation: its value, or the Error that failed it. A non-number is a TuneError that ends the search. */
async function evaluate(objective: Objective, h: TrialHandle): Promise<number | Error | NonNumber> {
  try {
    const v: unknown = await objective(h.params, h);
    if (typeof v !== 'number') {
      throw new NonNumber(
        new TuneError(
          'OBJECTIVE_NOT_A_NUMBER',
          `The objective returned ${v === undefined ? 'undefined' : JSON.stringify(v)} for trial ${h.number}; it must return a number ` +
            '(or a Promise of one). Return the value to minimise or maximise; throw to mark a trial failed.',
          { number: h.number },
        ),
      );
    }
    return v;
  } catch (e) {
    if (e instanceof NonNumber) return e;
    return e instanceof TrialPruned ? e : asError(e);
  }
}

class NonNumber extends Error {
  constructor(readonly error: TuneError) {
    super(error.message);
  }
}
