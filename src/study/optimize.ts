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

export type Objective = (params: Params, trial: TrialHandle) => number | Promise<number>;

const OPTIMIZE_KEYS = ['concurrency', 'signal', 'timeoutMs', 'onTrial', 'onProgress'];

class OptimizeRun extends Study {
  constructor(options: OptimizeOptions) {
    super(options, { mode: 'lag', extraKeys: OPTIMIZE_KEYS, caller: 'optimize()', pruner: createPrunerRule(options.search, options.direction) });
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

export async function optimize(objective: Objective, options: OptimizeOptions): Promise<OptimizeResult> {
  const started = performance.now();
  if (typeof objective !== 'function') {
    throw new TuneError('INVALID_OBJECTIVE', 'optimize(objective, options): objective must be a function (params, trial) => number.');
  }
  const run = new OptimizeRun(options);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TuneError('INVALID_CONCURRENCY', `concurrency must be an integer >= 1 (evaluations at once), got ${String(concurrency)}.`);
  }
  const timeoutMs = options.timeoutMs ?? null;
  if (timeoutMs !== null && !(typeof timeoutMs === 'number' && timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new TuneError('INVALID_TIMEOUT', `timeoutMs must be a positive finite number of milliseconds, got ${String(timeoutMs)}.`);
  }
  for (const name of ['onTrial', 'onProgress'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TuneError('INVALID_OPTION', `${name} must be a function.`);
    }
  }
  const { signal: outer, onTrial, onProgress } = options;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs === null ? null : setTimeout(() => stop.abort(new Error('timeout')), timeoutMs);
  (timer as { unref?: () => void } | null)?.unref?.();

  const finished: StudyTrial[] = [];
  let failure: Error | null = null;
  let timedOut = false;
  try {
    await new Promise<void>((resolve) => {
      let running = 0;
      const pump = (): void => {
        if (failure || stop.signal.aborted) {
          timedOut = timedOut || (!outer?.aborted && stop.signal.aborted);
          if (running === 0) resolve();
          return;
        }
        const handles = run.ready(concurrency - running, stop.signal);
        for (const h of handles) {
          running++;
          void evaluate(objective, h).then((result) => {
            running--;
            if (result instanceof NonNumber) {
              // Recorded as failed, then the search rejects: a non-number is a bug in the objective, not a bad trial.
              run.finishWith(h, result.error);
              failure ??= result.error;
            } else if (!failure) {
              try {
                const t = run.finishWith(h, result);
                if (!run.isDiscarded(t)) {
                  finished.push(t);
                  onTrial?.(copyTrial(t));
                  if (onProgress) {
                    const elapsedMs = performance.now() - started;
                    const total = Math.max(finished.length, Math.min(budgetOf(options), Number.MAX_SAFE_INTEGER));
                    onProgress({ done: finished.length, total, best: run.best, last: copyTrial(t), elapsedMs, etaMs: (elapsedMs / finished.length) * (total - finished.length) });
                  }
                }
              } catch (e) {
                failure = asError(e);
              }
            }
            // Later candidates start on a fresh microtask, never inside the objective's own continuation.
            queueMicrotask(pump);
          });
        }
        if (running === 0 && (run.done || run.exhausted)) resolve();
      };
      pump();
    });
  } finally {
    if (timer) clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure;
  const trials = run.trials.filter((t) => t.state !== 'running' && !run.isDiscarded(t) && !run.isHistory(t));
  if (outer?.aborted) {
    throw new TuneAbortError(`optimize() was aborted after ${trials.length} trials; error.partial.trials holds them.`, { trials: trials as never, scoring: [] });
  }
  const stoppedBecause: OptimizeStopReason = timedOut ? 'timeout' : run.reason;
  return {
    best: run.best,
    trials,
    direction: run.direction,
    stoppedBecause,
    elapsedMs: performance.now() - started,
    importance: () => run.importance(),
  };
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
